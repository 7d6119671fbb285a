import type { Category, ListingDetail, ListingSummary } from '../../contracts/listings'
import type { Page } from '../../contracts/common'
import { Collections } from '../../collections'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { Filter } from '../../ports/document-store'
import { isVisible, toCategory, toDetail, toSummary, type CategoryDoc, type ListingDoc } from './listing'

export interface FeedQuery {
  category?: string
  city?: string
  cursor: string | null
  pageSize: number
}

/**
 * The public feed: published and unexpired, newest first, keyset-paginated. The filter's equality
 * fields lead a declared index (collections.ts) so the store seeks instead of scanning; expiry is a
 * residual condition, which keeps expired listings hidden the moment they expire, before any job runs.
 */
export async function listListings(deps: Deps, query: FeedQuery): Promise<Page<ListingSummary>> {
  const where: Filter = { status: 'published', expiresAt: { gt: deps.clock.now() } }
  if (query.category) where.category = query.category
  if (query.city) where.city = query.city
  const [page, names] = await Promise.all([
    deps.store.find<ListingDoc>(Collections.listings, {
      where,
      orderBy: [{ field: 'publishedAt', direction: 'desc' }],
      limit: query.pageSize,
      after: query.cursor,
    }),
    categoryNames(deps),
  ])
  return { items: page.items.map((doc) => toSummary(doc, names)), nextCursor: page.nextCursor }
}

/** One listing's public detail; anything not publicly visible is indistinguishable from missing. */
export async function getListing(deps: Deps, id: string): Promise<ListingDetail> {
  const doc = await deps.store.get<ListingDoc>(Collections.listings, id)
  if (!doc || !isVisible(doc, deps.clock.now())) throw new AppError(ErrorCode.NotFound, '该信息不存在或已下架')
  return toDetail(doc, await categoryNames(deps))
}

export async function listCategories(deps: Deps): Promise<Category[]> {
  const { items } = await deps.store.find<CategoryDoc>(Collections.categories, {
    orderBy: [{ field: 'order', direction: 'asc' }],
    limit: 100,
  })
  return items.map(toCategory)
}

async function categoryNames(deps: Deps): Promise<Map<string, string>> {
  return new Map((await listCategories(deps)).map((c) => [c.id, c.name]))
}
