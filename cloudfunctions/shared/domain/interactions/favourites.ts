import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import type { FavouriteItem } from '../../contracts/interactions'
import type { ActionContext } from '../../core/action-context'
import type { StoredDocument } from '../../ports/document-store'
import { memberId } from '../accounts'
import { categoriesById, findListing, isVisible, namesOf, toSummary } from '../listings'
import { insertOnce } from '../common/insert-once'
import { loadVisibleListing } from './listings-access'
import { derivedId } from '../common/derived-id'

/** One per (member, listing): the id is derived from both, so adding twice is the same document. */
export interface FavouriteDoc extends StoredDocument {
  userId: string
  listingId: string
  /** Shown when the listing is no longer available. */
  title: string
  createdAt: number
}

export function favouriteId(userId: string, listingId: string): string {
  return derivedId('fav', userId, listingId)
}

/** Idempotent: favouriting again keeps the first time (the list stays in the order things were saved). */
export async function addFavourite(ctx: ActionContext, listingId: string): Promise<{ favourited: true }> {
  const userId = memberId(ctx)
  const listing = await loadVisibleListing(ctx.deps, listingId)
  await insertOnce(ctx.deps, Collections.favourites, {
    _id: favouriteId(userId, listingId),
    userId,
    listingId,
    title: listing.title,
    createdAt: ctx.deps.clock.now(),
  } satisfies FavouriteDoc)
  return { favourited: true }
}

/** Idempotent, and works whatever became of the listing: that is when members want to remove it. */
export async function removeFavourite(ctx: ActionContext, listingId: string): Promise<{ favourited: false }> {
  await ctx.deps.store.delete(Collections.favourites, favouriteId(memberId(ctx), listingId))
  return { favourited: false }
}

/**
 * Newest first. Favourites of listings no longer visible stay in the list, marked unavailable, rather
 * than being filtered out: a favourite that silently vanished would look like a lost save, and
 * filtering would leave pages short or empty with a cursor still pointing on.
 */
export async function listFavourites(
  ctx: ActionContext,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<FavouriteItem>> {
  const { deps } = ctx
  const page = await deps.store.find<FavouriteDoc>(Collections.favourites, {
    where: { userId: memberId(ctx) },
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  const [listings, categories] = await Promise.all([
    Promise.all(page.items.map((f) => findListing(deps, f.listingId))),
    categoriesById(deps),
  ])
  const names = namesOf(categories)
  const now = deps.clock.now()
  const items = page.items.map((fav, i): FavouriteItem => {
    const listing = listings[i]
    const available = listing !== null && isVisible(listing, now)
    return {
      listingId: fav.listingId,
      favouritedAt: fav.createdAt,
      available,
      title: available ? listing.title : fav.title,
      listing: available ? toSummary(listing, names) : null,
    }
  })
  return { items, nextCursor: page.nextCursor }
}

const CLEAR_BATCH = 100

export async function clearFavourites(ctx: ActionContext): Promise<{ removed: number }> {
  const userId = memberId(ctx)
  let removed = 0
  for (;;) {
    const { items } = await ctx.deps.store.find<FavouriteDoc>(Collections.favourites, {
      where: { userId },
      orderBy: [{ field: 'createdAt', direction: 'desc' }],
      limit: CLEAR_BATCH,
    })
    if (items.length === 0) return { removed }
    for (const fav of items) if (await ctx.deps.store.delete(Collections.favourites, fav._id)) removed++
  }
}
