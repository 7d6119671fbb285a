import { useEffect, useSyncExternalStore } from 'react'
import type { ListingSummary } from '@shared/contracts'
import { storedValue } from '@/services/device-storage'

/**
 * Listings this device opened, newest first: on the device only, never sent to the server. What is kept
 * is what the card shows (no contact detail ever enters it), capped so it never grows into a profile.
 */
export const BROWSE_HISTORY_KEY = 'zn.browse-history.v1'
export const BROWSE_HISTORY_LIMIT = 50

export interface BrowsedListing {
  id: string
  title: string
  categoryName: string
  province: string
  city: string
  coverImage: string | null
  viewedAt: number
}

const store = storedValue<BrowsedListing[]>(BROWSE_HISTORY_KEY, parseHistory)

export function browseHistory(): BrowsedListing[] {
  return store.get()
}

export function recordBrowse(listing: ListingSummary, at: number = Date.now()): void {
  const entry: BrowsedListing = {
    id: listing.id,
    title: listing.title,
    categoryName: listing.categoryName,
    province: listing.province,
    city: listing.city,
    coverImage: listing.coverImage,
    viewedAt: at,
  }
  store.set([entry, ...store.get().filter((e) => e.id !== listing.id)].slice(0, BROWSE_HISTORY_LIMIT))
}

export function forgetBrowse(id: string): void {
  const left = store.get().filter((e) => e.id !== id)
  if (left.length === 0) store.clear()
  else store.set(left)
}

export function clearBrowseHistory(): void {
  store.clear()
}

export function useBrowseHistory(): BrowsedListing[] {
  return useSyncExternalStore(store.subscribe, store.get, store.get)
}

function parseHistory(stored: unknown): BrowsedListing[] {
  if (!Array.isArray(stored)) return []
  return stored
    .filter((e): e is BrowsedListing => {
      if (typeof e !== 'object' || e === null) return false
      const x = e as Record<string, unknown>
      return typeof x.id === 'string' && typeof x.title === 'string' && typeof x.viewedAt === 'number'
    })
    .map((e) => ({
      id: e.id,
      title: e.title,
      categoryName: typeof e.categoryName === 'string' ? e.categoryName : '',
      province: typeof e.province === 'string' ? e.province : '',
      city: typeof e.city === 'string' ? e.city : '',
      coverImage: typeof e.coverImage === 'string' ? e.coverImage : null,
      viewedAt: e.viewedAt,
    }))
    .slice(0, BROWSE_HISTORY_LIMIT)
}

/** Records the listing once it has loaded (and again when it is opened again later, moving it first). */
export function useRecordBrowse(listing: ListingSummary | null): void {
  const id = listing?.id
  useEffect(() => {
    if (listing) recordBrowse(listing)
    // Once per listing shown, not on every re-render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])
}
