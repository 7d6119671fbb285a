import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '@shared/contracts'
import { toApiError, type ApiError } from '@/services/api-error'
import type { DataKind } from '@/services/data-changes'
import { useReloadWhenChanged } from './use-reload-when-changed'

export interface CursorPages<T> {
  items: T[]
  /** First page of a (new) list: nothing to show yet. */
  loading: boolean
  /** Pull-to-refresh: the current items stay on screen. */
  refreshing: boolean
  loadingMore: boolean
  hasMore: boolean
  error: ApiError | null
  refresh(): Promise<void>
  loadMore(): Promise<void>
  /** Repeats whatever failed: the first page, or the next one. */
  retry(): Promise<void>
  /** Local edits after an action succeeded, so the list follows without a reload. */
  update(change: (items: T[]) => T[]): void
}

type LoadMode = 'initial' | 'refresh' | 'more'

type PagesState<T> = Pick<CursorPages<T>, 'items' | 'loading' | 'refreshing' | 'loadingMore' | 'hasMore' | 'error'>

/**
 * A cursor-paginated list, the one mechanism behind the feed, search, comments and the member's lists.
 * Nothing is requested while `enabled` is false (before consent, before login, before a first search);
 * `key` names the list, and a new key starts over from an empty first page. Every first-page load starts a
 * new generation and an answer from an older one is dropped, so a slow page of the previous list never
 * lands in the current one. After a failure only `retry` loads again: reach-bottom fires on every scroll
 * and would hammer a dead network. `shows`: the kinds of data the list shows; when one changed (the member
 * published, favourited, … elsewhere) the list is refreshed from its first page as its page shows again.
 */
export function useCursorPages<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  options: { enabled: boolean; key: string; idOf?: (item: T) => string; shows?: readonly DataKind[] },
): CursorPages<T> {
  const { enabled, key } = options
  const [state, setState] = useState<PagesState<T>>({
    items: [],
    loading: true,
    refreshing: false,
    loadingMore: false,
    hasMore: false,
    error: null,
  })
  const stateRef = useRef(state)
  stateRef.current = state
  const generation = useRef(0)
  const pageInFlight = useRef(false)
  const cursor = useRef<string | null>(null)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const idOfRef = useRef(options.idOf)
  idOfRef.current = options.idOf
  const refreshRef = useRef<() => Promise<void>>(() => Promise.resolve())
  const fresh = useReloadWhenChanged(options.shows, () => refreshRef.current())

  const load = useCallback(
    async (mode: LoadMode) => {
      if (!enabled) return
      const current = mode === 'more' ? generation.current : ++generation.current
      if (mode !== 'more') fresh.markLoaded()
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
        const page = await fetchRef.current(mode === 'more' ? cursor.current : null)
        if (current !== generation.current) return
        cursor.current = page.nextCursor
        setState((s) => ({
          items: mode === 'more' ? appendNew(s.items, page.items, idOfRef.current) : page.items,
          hasMore: page.nextCursor !== null,
          loading: false,
          refreshing: false,
          loadingMore: false,
          error: null,
        }))
      } catch (thrown) {
        if (current !== generation.current) return
        setState((s) => ({ ...s, loading: false, refreshing: false, loadingMore: false, error: toApiError(thrown) }))
      } finally {
        if (current === generation.current) pageInFlight.current = false
      }
    },
    // key: another list (another filter, member or listing) starts over.
    [enabled, key], // eslint-disable-line react-hooks/exhaustive-deps
  )

  useEffect(() => {
    void load('initial')
    return () => {
      // Unmounted or another list: whatever is still in flight belongs to the past.
      // A counter, not a DOM node: reading it at cleanup time is the point.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      generation.current++
    }
  }, [load])

  const refresh = useCallback(() => load('refresh'), [load])
  refreshRef.current = refresh

  const loadMore = useCallback(async () => {
    const s = stateRef.current
    if (pageInFlight.current || !s.hasMore || s.error || s.loading) return
    await load('more')
  }, [load])

  const retry = useCallback(() => {
    const s = stateRef.current
    return load(s.items.length > 0 && s.hasMore ? 'more' : 'initial')
  }, [load])

  const update = useCallback((change: (items: T[]) => T[]) => {
    setState((s) => ({ ...s, items: change(s.items) }))
  }, [])

  return { ...state, refresh, loadMore, retry, update }
}

/** The next page, without items already shown (a comment posted meanwhile can reappear on it). */
function appendNew<T>(shown: T[], next: T[], idOf: ((item: T) => string) | undefined): T[] {
  if (!idOf) return [...shown, ...next]
  const seen = new Set(shown.map(idOf))
  return [...shown, ...next.filter((item) => !seen.has(idOf(item)))]
}
