import type { Page } from '@shared/contracts'
import { useSession } from '@/features/auth'
import { useNetworkAllowed } from '@/features/consent'
import { useCursorPages, type CursorPages } from '@/features/paging'
import type { DataKind } from '@/services/data-changes'

export type PagedList<T> = CursorPages<T>

/**
 * A member's own cursor-paginated list (my listings, favourites, reveal log): loaded once logged in, and
 * again from the start when the member changes, and when shown again after a kind of data in `shows` changed.
 */
export function usePagedList<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  key: string,
  shows: readonly DataKind[],
): PagedList<T> {
  const allowed = useNetworkAllowed()
  const userId = useSession()?.profile.userId ?? null
  const pages = useCursorPages(fetchPage, {
    enabled: allowed && userId !== null,
    key: `${key}:${userId}`,
    shows,
  })
  return { ...pages, loading: pages.loading && Boolean(userId) }
}
