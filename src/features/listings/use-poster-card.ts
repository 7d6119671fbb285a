import { useEffect, useState } from 'react'
import type { PosterCard } from '@shared/contracts'
import { useNetworkAllowed } from '@/features/consent'
import { api } from '@/services/api'

/** The detail page's poster card; null until loaded, and stays null if it cannot be (the page reads without it). */
export function usePosterCard(listingId: string): PosterCard | null {
  const allowed = useNetworkAllowed()
  const [card, setCard] = useState<PosterCard | null>(null)
  useEffect(() => {
    if (!allowed) return
    let current = true
    api.listings
      .getPosterCard({ listingId })
      .then((answer) => current && setCard(answer))
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [allowed, listingId])
  return card
}
