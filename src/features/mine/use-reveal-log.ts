import type { RevealLogEntry } from '@shared/contracts'
import { api } from '@/services/api'
import { usePagedList, type PagedList } from './paged-list'

/** 「谁看过我的联系方式」: of one listing, or of all the member's listings. */
export function useRevealLog(listingId?: string): PagedList<RevealLogEntry> {
  return usePagedList<RevealLogEntry>(
    (cursor) => api.interactions.listRevealLog({ ...(listingId ? { listingId } : {}), cursor }),
    listingId ?? 'all',
    ['reveals'],
  )
}
