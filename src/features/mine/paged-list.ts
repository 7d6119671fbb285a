import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '@shared/contracts'
import { useSession } from '@/features/auth'
import { useNetworkAllowed } from '@/features/consent'
import { toApiError, type ApiError } from '@/services/api-error'

export interface PagedList<T> {
  items: T[]
  loading: boolean
  refreshing: boolean
  loadingMore: boolean
  hasMore: boolean
  error: ApiError | null
  refresh(): Promise<void>
  loadMore(): Promise<void>
  retry(): Promise<void>
  /** Local edits after an action succeeded, so the list follows without a reload. */
  update(change: (items: T[]) => T[]): void
}

/**
 * A member's own cursor-paginated list (my listings, favourites, reveal log): loaded once logged in,
 * again when the member changes; refresh, load more, retry. Answers to an older request are dropped.
 */
export function usePagedList<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, key: string): PagedList<T> {
  const allowed = useNetworkAllowed()
  const session = useSession()
  const userId = session?.profile.userId ?? null
  const [items, setItems] = useState<T[]>([])
  const [loading, setLoading] = useState(true)
  const [refreshing, setRefreshing] = useState(false)
  const [loadingMore, setLoadingMore] = useState(false)
  const [hasMore, setHasMore] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const cursor = useRef<string | null>(null)
  const generation = useRef(0)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const load = useCallback(
    async (mode: 'initial' | 'refresh' | 'more') => {
      if (!allowed || !userId) return
      const current = mode === 'more' ? generation.current : ++generation.current
      setError(null)
      if (mode === 'initial') setLoading(true)
      if (mode === 'refresh') setRefreshing(true)
      if (mode === 'more') setLoadingMore(true)
      try {
        const page = await fetchRef.current(mode === 'more' ? cursor.current : null)
        if (current !== generation.current) return
        cursor.current = page.nextCursor
        setHasMore(page.nextCursor !== null)
        setItems((s) => (mode === 'more' ? [...s, ...page.items] : page.items))
      } catch (thrown) {
        if (current === generation.current) setError(toApiError(thrown))
      } finally {
        if (current === generation.current) {
          setLoading(false)
          setRefreshing(false)
          setLoadingMore(false)
        }
      }
    },
    // key: a different list (another listing's reveal log) starts over.
    [allowed, userId, key], // eslint-disable-line react-hooks/exhaustive-deps
  )

  useEffect(() => {
    void load('initial')
  }, [load])

  const loadMore = useCallback(async () => {
    if (loading || loadingMore || !hasMore || error) return
    await load('more')
  }, [load, loading, loadingMore, hasMore, error])

  return {
    items,
    loading: loading && Boolean(userId),
    refreshing,
    loadingMore,
    hasMore,
    error,
    refresh: () => load('refresh'),
    loadMore,
    retry: () => load(items.length > 0 && hasMore ? 'more' : 'initial'),
    update: (change) => setItems((s) => change(s)),
  }
}
