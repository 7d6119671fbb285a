import type { ListingOrder, ListingSummary } from '@shared/contracts'
import { useNetworkAllowed } from '@/features/consent'
import { useCursorPages, type CursorPages } from '@/features/paging'
import { api } from '@/services/api'

export interface FeedFilter {
  category?: string
  province?: string
  city?: string
  /** Words that must all occur in the title, description, company or brand. */
  keyword?: string
  /** One poster's listings (「TA 的其他信息」). */
  posterId?: string
  /** 最新 (the default when absent) or 最多浏览. */
  order?: ListingOrder
}

export type Feed = Omit<CursorPages<ListingSummary>, 'update'>

/**
 * The feed, page by page. Nothing is requested before the user has answered the consent dialog: until
 * then the feed stays in its loading state, and pull-to-refresh or reach-bottom (page gestures the dialog
 * cannot cover) do nothing. A filter switch starts over from its first page; a change to listings made
 * elsewhere in the app (publish, edit, take down …) reloads it when its page shows again.
 */
export function useFeed(filter: FeedFilter, pageSize?: number, enabled = true): Feed {
  const { category, province, city, keyword, posterId, order } = filter
  // `enabled` false (a search page before its first search): nothing is requested, like before consent.
  const allowed = useNetworkAllowed() && enabled
  const { update: _localEditsNotOffered, ...pages } = useCursorPages(
    (cursor) =>
      api.listings.listListings({
        ...(category ? { category } : {}),
        ...(province ? { province } : {}),
        ...(city ? { city } : {}),
        ...(keyword ? { keyword } : {}),
        ...(posterId ? { posterId } : {}),
        ...(order ? { order } : {}),
        cursor,
        ...(pageSize ? { pageSize } : {}),
      }),
    {
      enabled: allowed,
      key: JSON.stringify([category, province, city, keyword, posterId, order, pageSize]),
      // Published, edited, taken down or deleted elsewhere: the first page again when shown again.
      shows: ['listings'],
    },
  )
  return pages
}
