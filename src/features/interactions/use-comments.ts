import { useCallback, useEffect, useRef, useState } from 'react'
import type { CommentItem } from '@shared/contracts'
import { ensureLoggedIn, useSession } from '@/features/auth'
import { useNetworkAllowed } from '@/features/consent'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'

const PAGE_SIZE = 10

export interface CommentsState {
  items: CommentItem[]
  loading: boolean
  loadingMore: boolean
  hasMore: boolean
  error: ApiError | null
  posting: boolean
  /** Of the last post, shown under the input (`field` content when the text was refused). */
  postError: ApiError | null
  loadMore(): Promise<void>
  retry(): Promise<void>
  /** Resolves true when posted (the input may be cleared). */
  post(content: string): Promise<boolean>
  remove(id: string): Promise<void>
}

/** A listing's comments, newest first, page by page; posting and deleting keep the list in step. */
export function useComments(listingId: string | undefined, enabled = true): CommentsState {
  const allowed = useNetworkAllowed() && enabled
  const session = useSession()
  const userId = session?.profile.userId ?? null
  const [items, setItems] = useState<CommentItem[]>([])
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [posting, setPosting] = useState(false)
  const [postError, setPostError] = useState<ApiError | null>(null)
  const cursor = useRef<string | null>(null)
  const [hasMore, setHasMore] = useState(false)
  const generation = useRef(0)

  const load = useCallback(
    async (more: boolean) => {
      if (!allowed || !listingId) return
      const current = more ? generation.current : ++generation.current
      if (more) setLoadingMore(true)
      else setLoading(true)
      setError(null)
      try {
        const page = await api.interactions.listComments({
          listingId,
          cursor: more ? cursor.current : null,
          pageSize: PAGE_SIZE,
        })
        if (current !== generation.current) return
        cursor.current = page.nextCursor
        setHasMore(page.nextCursor !== null)
        setItems((s) => (more ? [...s, ...page.items.filter((c) => !s.some((x) => x.id === c.id))] : page.items))
      } catch (thrown) {
        if (current === generation.current) setError(toApiError(thrown))
      } finally {
        if (current === generation.current) {
          setLoading(false)
          setLoadingMore(false)
        }
      }
      // userId: whether each comment is mine / deletable depends on who asks.
    },
    [allowed, listingId, userId], // eslint-disable-line react-hooks/exhaustive-deps
  )

  useEffect(() => {
    void load(false)
    return () => {
      // A counter, not a DOM node: reading it at cleanup time is the point.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      generation.current++
    }
  }, [load])

  const loadMore = useCallback(async () => {
    if (loading || loadingMore || !hasMore || error) return
    await load(true)
  }, [load, loading, loadingMore, hasMore, error])

  const retry = useCallback(() => load(items.length > 0 && hasMore), [load, items.length, hasMore])

  const post = useCallback(
    async (content: string) => {
      if (!listingId || posting) return false
      if (!(await ensureLoggedIn('发表评论'))) return false
      setPosting(true)
      setPostError(null)
      try {
        const comment = await api.interactions.postComment({ listingId, content })
        setItems((s) => [comment, ...s.filter((c) => c.id !== comment.id)])
        return true
      } catch (thrown) {
        setPostError(toApiError(thrown))
        return false
      } finally {
        setPosting(false)
      }
    },
    [listingId, posting],
  )

  const remove = useCallback(async (id: string) => {
    try {
      await api.interactions.deleteComment({ commentId: id })
      setItems((s) => s.filter((c) => c.id !== id))
    } catch (thrown) {
      setError(toApiError(thrown))
    }
  }, [])

  return { items, loading, loadingMore, hasMore, error, posting, postError, loadMore, retry, post, remove }
}
