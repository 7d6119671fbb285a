import { useCallback, useState } from 'react'
import type { CommentItem } from '@shared/contracts'
import { ensureLoggedIn, useSession } from '@/features/auth'
import { useNetworkAllowed } from '@/features/consent'
import { useCursorPages } from '@/features/paging'
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
  const userId = useSession()?.profile.userId ?? null
  const [posting, setPosting] = useState(false)
  const [postError, setPostError] = useState<ApiError | null>(null)
  const [removeError, setRemoveError] = useState<ApiError | null>(null)
  const pages = useCursorPages(
    (cursor) => api.interactions.listComments({ listingId: listingId ?? '', cursor, pageSize: PAGE_SIZE }),
    // userId: whether each comment is mine / deletable depends on who asks.
    { enabled: allowed && Boolean(listingId), key: `${listingId}:${userId}`, idOf: (c) => c.id, shows: ['comments'] },
  )
  const { update } = pages

  const post = useCallback(
    async (content: string) => {
      if (!listingId || posting) return false
      if (!(await ensureLoggedIn('发表评论'))) return false
      setPosting(true)
      setPostError(null)
      try {
        const comment = await api.interactions.postComment({ listingId, content })
        update((s) => [comment, ...s.filter((c) => c.id !== comment.id)])
        return true
      } catch (thrown) {
        setPostError(toApiError(thrown))
        return false
      } finally {
        setPosting(false)
      }
    },
    [listingId, posting, update],
  )

  const remove = useCallback(
    async (id: string) => {
      setRemoveError(null)
      try {
        await api.interactions.deleteComment({ commentId: id })
        update((s) => s.filter((c) => c.id !== id))
      } catch (thrown) {
        setRemoveError(toApiError(thrown))
      }
    },
    [update],
  )

  return {
    items: pages.items,
    loading: pages.loading,
    loadingMore: pages.loadingMore,
    hasMore: pages.hasMore,
    error: removeError ?? pages.error,
    posting,
    postError,
    loadMore: pages.loadMore,
    retry: async () => {
      setRemoveError(null)
      await pages.retry()
    },
    post,
    remove,
  }
}
