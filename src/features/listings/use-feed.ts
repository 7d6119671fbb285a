import { useCallback, useEffect, useRef, useState } from 'react'
import type { ListingSummary } from '@shared/contracts'
import { useNetworkAllowed } from '@/features/consent'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'

export interface FeedFilter {
  category?: string
  province?: string
  city?: string
  /** Words that must all occur in the title, description, company or brand. */
  keyword?: string
  /** One poster's listings (「TA 的其他信息」). */
  posterId?: string
}

export interface FeedState {
  items: ListingSummary[]
  /** First page of a (new) filter: nothing to show yet. */
  loading: boolean
  /** Pull-to-refresh: the current items stay on screen. */
  refreshing: boolean
  loadingMore: boolean
  error: ApiError | null
  hasMore: boolean
}

export interface Feed extends FeedState {
  refresh(): Promise<void>
  loadMore(): Promise<void>
  /** Repeats whatever failed: the first page, or the next one. */
  retry(): Promise<void>
}

type LoadMode = 'initial' | 'refresh' | 'more'

const START: FeedState = {
  items: [],
  loading: true,
  refreshing: false,
  loadingMore: false,
  error: null,
  hasMore: false,
}

/**
 * The feed, page by page. Nothing is requested before the user has answered the consent dialog: until
 * then the feed stays in its loading state, and pull-to-refresh or reach-bottom (page gestures the dialog
 * cannot cover) do nothing.
 */
export function useFeed(filter: FeedFilter, pageSize?: number, enabled = true): Feed {
  const { category, province, city, keyword, posterId } = filter
  // `enabled` false (a search page before its first search): nothing is requested, like before consent.
  const allowed = useNetworkAllowed() && enabled
  const [state, setState] = useState<FeedState>(START)
  const stateRef = useRef(state)
  stateRef.current = state
  // Every first-page load (filter switch, refresh) starts a new generation; an answer from an older
  // generation arrives too late to matter and is dropped, so a slow page of the previous category can
  // never land in the list of the current one.
  const generation = useRef(0)
  const pageInFlight = useRef(false)
  const cursor = useRef<string | null>(null)

  const load = useCallback(
    async (mode: LoadMode) => {
      if (!allowed) return
      const current = mode === 'more' ? generation.current : ++generation.current
      pageInFlight.current = true
      setState((s) => ({
        ...s,
        ...(mode === 'initial' ? { items: [], hasMore: false } : {}),
        loading: mode === 'initial',
        refreshing: mode === 'refresh',
        loadingMore: mode === 'more',
        error: null,
      }))
      try {
        const page = await api.listings.listListings({
          ...(category ? { category } : {}),
          ...(province ? { province } : {}),
          ...(city ? { city } : {}),
          ...(keyword ? { keyword } : {}),
          ...(posterId ? { posterId } : {}),
          cursor: mode === 'more' ? cursor.current : null,
          ...(pageSize ? { pageSize } : {}),
        })
        if (current !== generation.current) return
        cursor.current = page.nextCursor
        setState((s) => ({
          items: mode === 'more' ? [...s.items, ...page.items] : page.items,
          hasMore: page.nextCursor !== null,
          loading: false,
          refreshing: false,
          loadingMore: false,
          error: null,
        }))
      } catch (error) {
        if (current !== generation.current) return
        setState((s) => ({ ...s, loading: false, refreshing: false, loadingMore: false, error: toApiError(error) }))
      } finally {
        if (current === generation.current) pageInFlight.current = false
      }
    },
    [category, province, city, keyword, posterId, pageSize, allowed],
  )

  useEffect(() => {
    void load('initial')
    return () => {
      // Unmounted or filter changed: whatever is still in flight belongs to the past.
      // A counter, not a DOM node: reading it at cleanup time is the point.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      generation.current++
    }
  }, [load])

  const refresh = useCallback(() => load('refresh'), [load])

  const loadMore = useCallback(async () => {
    const s = stateRef.current
    // Reach-bottom fires repeatedly while the user scrolls; after a failure only an explicit retry
    // loads again, otherwise a dead network would be hammered on every scroll.
    if (pageInFlight.current || !s.hasMore || s.error || s.loading) return
    await load('more')
  }, [load])

  const retry = useCallback(() => {
    const s = stateRef.current
    return load(s.items.length > 0 && s.hasMore ? 'more' : 'initial')
  }, [load])

  return { ...state, refresh, loadMore, retry }
}
