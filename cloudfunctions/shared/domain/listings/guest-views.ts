import { Collections } from './collections'
import type { ActionContext } from '../../core/action-context'
import type { Deps } from '../../core/deps'
import type { DocumentStore } from '../../ports/document-store'
import { addressBlock } from '../common/address-block'
import { chinaDay } from '../common/china-time'
import type { ListingDoc } from './listing'

/**
 * Guest views, counted in memory and written in batches. A guest's view counts once per listing per client
 * per China calendar day, like a member's, but nothing is written on the read itself: the tally notes which
 * (listing, client) pairs it has seen today and how many new views each listing has, and the host writes
 * those out with `flushGuestViews` — the self-hosted server once a minute and at shutdown, CloudBase at the
 * end of each invocation (an instance may be frozen or dropped at any moment after it answers). So a burst
 * of reads from one client costs no writes and counts once, and a listing's count is at most a minute
 * behind on the server.
 *
 * A client is what the host vouches for: the OPENID over WeChat `callFunction`, else the address over HTTP
 * (an IPv6 address by its /64), else one shared "unknown" client per channel. Clients behind one address
 * (an office, a carrier's NAT) count as one; that undercounts, never overcounts. The pairs live only in
 * this process's memory and are forgotten when the day changes; nothing about a guest is stored.
 *
 * One tally per store: the buffer belongs to the database it will be written to (tests run several).
 * CloudBase runs many instances, each with its own tally, so there a client can count once per instance it
 * reaches in a day.
 */
interface Tally {
  /** The China day `seen` is about. */
  day: string
  /** `listing|client` pairs that have counted today. */
  seen: Set<string>
  /** New views per listing, not yet written. */
  pending: Map<string, number>
  /** Set once a day when `seen` is full, so the log says it once. */
  full: boolean
  /** The flush under way, if any: a second one waits for it. */
  flushing: Promise<unknown> | null
}

/** Bounds the memory a flood of made-up clients can take: beyond it, new pairs are not counted that day. */
export const MAX_GUEST_PAIRS_PER_DAY = 200_000

/** Within a flush, how often an increment may lose the compare-and-set to another writer. */
const MAX_RACES = 5

const tallies = new WeakMap<DocumentStore, Tally>()

function tallyOf(store: DocumentStore, now: number): Tally {
  let tally = tallies.get(store)
  if (!tally) {
    tally = { day: chinaDay(now), seen: new Set(), pending: new Map(), full: false, flushing: null }
    tallies.set(store, tally)
  }
  const today = chinaDay(now)
  if (tally.day !== today) {
    tally.day = today
    tally.seen.clear()
    tally.full = false
  }
  return tally
}

function guestClient(ctx: ActionContext): string {
  if (ctx.identity.kind === 'wechat') return `openid:${ctx.identity.openId}`
  if (ctx.request.ip) return `ip:${addressBlock(ctx.request.ip)}`
  return `${ctx.request.channel}:unknown`
}

/** Notes a guest's view; the count to show, with the views not yet written. No store access. */
export function noteGuestView(ctx: ActionContext, doc: ListingDoc): number {
  const { deps } = ctx
  const tally = tallyOf(deps.store, deps.clock.now())
  const pair = `${doc._id}|${guestClient(ctx)}`
  if (!tally.seen.has(pair)) {
    if (tally.seen.size < MAX_GUEST_PAIRS_PER_DAY) {
      tally.seen.add(pair)
      tally.pending.set(doc._id, (tally.pending.get(doc._id) ?? 0) + 1)
    } else if (!tally.full) {
      tally.full = true
      deps.logger.warn('guest views: daily pair limit reached, further new guest views are not counted today', {
        limit: MAX_GUEST_PAIRS_PER_DAY,
      })
    }
  }
  return doc.viewCount + (tally.pending.get(doc._id) ?? 0)
}

/** Guest views of the listing not yet written: added to the count shown to members too. */
export function unwrittenGuestViews(deps: Pick<Deps, 'store' | 'clock'>, listingId: string): number {
  return tallyOf(deps.store, deps.clock.now()).pending.get(listingId) ?? 0
}

/**
 * Writes the tallied guest views to their listings and empties the tally; what a host calls (see above).
 * Views of a listing deleted meanwhile are dropped; a write that fails puts the rest back for next time.
 */
export async function flushGuestViews(deps: Pick<Deps, 'store' | 'clock' | 'logger'>): Promise<{ views: number }> {
  const tally = tallyOf(deps.store, deps.clock.now())
  while (tally.flushing) await tally.flushing.catch(() => undefined)
  if (tally.pending.size === 0) return { views: 0 }
  const batch = tally.pending
  tally.pending = new Map()
  const run = writeBatch(deps.store, batch, tally)
  tally.flushing = run
  try {
    return await run
  } finally {
    tally.flushing = null
  }
}

async function writeBatch(store: DocumentStore, batch: Map<string, number>, tally: Tally): Promise<{ views: number }> {
  let views = 0
  const entries = [...batch]
  for (let i = 0; i < entries.length; i++) {
    const [listingId, count] = entries[i]
    try {
      if (await addViews(store, listingId, count)) views += count
    } catch (error) {
      for (const [id, left] of entries.slice(i)) tally.pending.set(id, (tally.pending.get(id) ?? 0) + left)
      throw error
    }
  }
  return { views }
}

/**
 * Compare-and-set on the count itself (views never touch `rev`, so they cannot make an edit conflict);
 * false when the listing is gone or every race was lost (then those views are not counted).
 */
async function addViews(store: DocumentStore, listingId: string, count: number): Promise<boolean> {
  for (let race = 0; race < MAX_RACES; race++) {
    const doc = await store.get<ListingDoc>(Collections.listings, listingId)
    if (!doc) return false
    const next = doc.viewCount + count
    if (await store.update(Collections.listings, listingId, { viewCount: next }, { viewCount: doc.viewCount })) {
      return true
    }
  }
  return false
}
