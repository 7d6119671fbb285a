import type { Category, ListingDetail, ListingOrder, ListingSummary } from '../../contracts/listings'
import type { Page } from '../../contracts/common'
import { Collections } from './collections'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { ActionContext } from '../../core/action-context'
import type { Filter, SortKey } from '../../ports/document-store'
import { categoriesById, listCategories as listCategoryData } from './categories'
import { isVisible, namesOf, toDetail, toSummary, type ListingDoc } from './listing'
import { countView } from './listing-views'
import { keywordTerms } from './search-terms'

export interface FeedQuery {
  category?: string
  province?: string
  city?: string
  keyword?: string
  posterId?: string
  order?: ListingOrder
  cursor: string | null
  pageSize: number
}

/**
 * The sort of each order. Most viewed: ties (many listings share a count) newest first, and the store adds
 * the id, so the order is total and a cursor neither repeats nor skips a listing among equal counts.
 */
const ORDERS: Record<ListingOrder, SortKey[]> = {
  latest: [{ field: 'publishedAt', direction: 'desc' }],
  views: [
    { field: 'viewCount', direction: 'desc' },
    { field: 'publishedAt', direction: 'desc' },
  ],
}

/**
 * The public feed and search: published and unexpired, newest first, keyset-paginated. The filter's
 * equality fields lead a declared index (collections.ts) so the store seeks instead of scanning; expiry is
 * a residual condition, which keeps expired listings hidden the moment they expire, before any job runs.
 * A keyword becomes the terms a listing must all hold (search-terms.ts), served by the terms index.
 */
export async function listListings(deps: Deps, query: FeedQuery): Promise<Page<ListingSummary>> {
  const where: Filter = { status: 'published', expiresAt: { gt: deps.clock.now() } }
  if (query.category) where.category = query.category
  if (query.province) where.province = query.province
  if (query.city) where.city = query.city
  if (query.posterId) where.posterId = query.posterId
  if (query.keyword !== undefined) {
    const terms = keywordTerms(query.keyword)
    // Only punctuation or symbols: nothing can match, and nothing needs to be asked.
    if (terms.length === 0) return { items: [], nextCursor: null }
    where.terms = { all: terms }
  }
  const [page, categories] = await Promise.all([
    deps.store.find<ListingDoc>(Collections.listings, {
      where,
      orderBy: ORDERS[query.order ?? 'latest'],
      limit: query.pageSize,
      after: query.cursor,
    }),
    categoriesById(deps),
  ])
  const names = namesOf(categories)
  return { items: page.items.map((doc) => toSummary(doc, names)), nextCursor: page.nextCursor }
}

/**
 * One listing's public detail; anything not publicly visible is indistinguishable from missing. Viewing
 * counts a view (listing-views.ts).
 */
export async function getListing(ctx: ActionContext, id: string): Promise<ListingDetail> {
  const { deps } = ctx
  const doc = await deps.store.get<ListingDoc>(Collections.listings, id)
  if (!doc || !isVisible(doc, deps.clock.now())) throw new AppError(ErrorCode.NotFound, '该信息不存在或已下架')
  const [viewCount, categories] = await Promise.all([countView(ctx, doc), categoriesById(deps)])
  return toDetail({ ...doc, viewCount }, categories)
}

export async function listCategories(deps: Deps): Promise<Category[]> {
  return listCategoryData(deps)
}
