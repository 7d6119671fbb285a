import type { Page } from '../../contracts/common'
import type { MyListing, MyListingDetail } from '../../contracts/listings'
import { Collections } from './collections'
import type { ActionContext } from '../../core/action-context'
import { memberId } from '../accounts'
import { categoriesById } from './categories'
import { namesOf, toMyListing, toMyListingDetail, type ListingDoc } from './listing'
import { loadOwnListing } from './own-listing'

/** Every listing of the member, whatever its status (expired ones read 'expired'), newest first. */
export async function listMyListings(
  ctx: ActionContext,
  query: { cursor: string | null; pageSize: number },
): Promise<Page<MyListing>> {
  const [page, categories] = await Promise.all([
    ctx.deps.store.find<ListingDoc>(Collections.listings, {
      where: { posterId: memberId(ctx) },
      orderBy: [{ field: 'createdAt', direction: 'desc' }],
      limit: query.pageSize,
      after: query.cursor,
    }),
    categoriesById(ctx.deps),
  ])
  const names = namesOf(categories)
  const now = ctx.deps.clock.now()
  return { items: page.items.map((doc) => toMyListing(doc, names, now)), nextCursor: page.nextCursor }
}

/** One own listing in full, for the edit form. */
export async function getMyListing(ctx: ActionContext, id: string): Promise<MyListingDetail> {
  const doc = await loadOwnListing(ctx, id)
  return toMyListingDetail(doc, namesOf(await categoriesById(ctx.deps)), ctx.deps.clock.now())
}
