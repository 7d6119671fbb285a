import { Collections } from './collections'
import type { ActionContext } from '../../core/action-context'
import { keyedId } from '../common/derived-id'
import { insertOnce } from '../common/insert-once'
import { chinaDay, DAY_MS, nextChinaMidnight } from '../common/china-time'
import type { StoredDocument } from '../../ports/document-store'
import { noteGuestView, unwrittenGuestViews } from './guest-views'
import type { ListingDoc } from './listing'

/**
 * The view count of a detail page: how many people looked at it, each at most once a China calendar day.
 * A member's view counts once per listing per day: the first one stores a marker whose id is a keyed hash
 * of (listing, member, day) (`keyedId`), so a second view that day collides and is not counted. The marker
 * holds nothing else (no member id, no listing id: nothing to read back as a browsing history) and is
 * deleted the day after. A guest's view counts once per listing per client per day, tallied in memory and
 * written in batches (guest-views.ts): a guest's read writes nothing, and nothing about the guest is
 * stored. The poster's own views do not count.
 */
export interface ListingViewDoc extends StoredDocument {
  retainUntil: number
}

const MAX_RACES = 5

/** Counts the view if it counts, and returns the view count to show. */
export async function countView(ctx: ActionContext, doc: ListingDoc): Promise<number> {
  const { caller } = ctx
  if (caller.kind !== 'member') return noteGuestView(ctx, doc)
  const unwritten = unwrittenGuestViews(ctx.deps, doc._id)
  if (caller.userId === doc.posterId) return doc.viewCount + unwritten
  if (!(await firstViewToday(ctx, doc._id, caller.userId))) return doc.viewCount + unwritten
  return (await increment(ctx, doc)) + unwritten
}

async function firstViewToday(ctx: ActionContext, listingId: string, userId: string): Promise<boolean> {
  const now = ctx.deps.clock.now()
  const day = chinaDay(now)
  const id = keyedId(ctx.deps.secrets.phoneHashKey, 'listing-views', 'lv', listingId, userId, day)
  const view: ListingViewDoc = { _id: id, retainUntil: nextChinaMidnight(now) + DAY_MS }
  return insertOnce(ctx.deps, Collections.listingViews, view)
}

/**
 * Compare-and-set on the count itself (views never touch `rev`, so they cannot make an edit conflict). A
 * view that loses every race is not counted rather than failing the page.
 */
async function increment(ctx: ActionContext, doc: ListingDoc): Promise<number> {
  let current = doc.viewCount
  for (let race = 0; race < MAX_RACES; race++) {
    const next = current + 1
    if (await ctx.deps.store.update(Collections.listings, doc._id, { viewCount: next }, { viewCount: current })) {
      return next
    }
    const fresh = await ctx.deps.store.get<ListingDoc>(Collections.listings, doc._id)
    if (!fresh) return current
    current = fresh.viewCount
  }
  return current
}
