import { useCallback, useEffect, useRef, useState } from 'react'
import type { CardField, RevealedContact } from '@shared/contracts'
import { ensureLoggedIn, useSession } from '@/features/auth'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'
import { currentSession } from '@/services/session'

export interface ContactReveal {
  /** Held in this page's memory only: never stored on the device, never put in a share card. */
  revealed: RevealedContact | null
  revealing: boolean
  error: ApiError | null
  /**
   * 「查看联系方式」: logs in first if needed (with a reason and a cancel button), then asks the server,
   * sending the ticked fields of the member's 名片 with it when there are any.
   */
  reveal(cardFields?: CardField[]): Promise<void>
}

export function useContactReveal(listingId: string | undefined): ContactReveal {
  const session = useSession()
  const userId = session?.profile.userId ?? null
  // Kept with the member it was revealed to: whoever logs in next on this device does not see it.
  const [held, setHeld] = useState<{ userId: string; contact: RevealedContact } | null>(null)
  const [revealing, setRevealing] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const mounted = useRef(true)
  const busy = useRef(false)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const reveal = useCallback(
    async (cardFields: CardField[] = []) => {
      if (!listingId || busy.current) return
      busy.current = true
      try {
        if (!(await ensureLoggedIn('查看联系方式'))) return
        if (!mounted.current) return
        setRevealing(true)
        setError(null)
        const contact = await api.interactions.revealContact({
          listingId,
          ...(cardFields.length > 0 ? { card: { fields: cardFields } } : {}),
        })
        const owner = currentSession()?.profile.userId
        if (mounted.current && owner) setHeld({ userId: owner, contact })
      } catch (thrown) {
        if (mounted.current) setError(toApiError(thrown))
      } finally {
        busy.current = false
        if (mounted.current) setRevealing(false)
      }
    },
    [listingId],
  )

  const revealed = held && held.userId === userId && held.contact.listingId === listingId ? held.contact : null
  return { revealed, revealing, error, reveal }
}
