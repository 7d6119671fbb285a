import { Collections } from './collections'
import type { CardField, SentCard } from '../../contracts/cards'
import type { RevealedContact } from '../../contracts/interactions'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import type { Deps } from '../../core/deps'
import { eachBatch, type StoredDocument } from '../../ports/document-store'
import { assertMayAct, memberId } from '../accounts'
import { chosenCard } from '../cards'
import { isPublic, type ListingDoc } from '../listings'
import { insertOnce } from '../common/insert-once'
import { loadVisibleListing } from './listings-access'
import { claimQuota, peekQuota } from '../common/quotas'
import { chinaDay, DAY_MS, nextChinaMidnight } from '../common/china-time'
import { derivedId } from '../common/derived-id'

/** How long the reveal log is kept before the retention job deletes it. */
export const REVEAL_LOG_RETENTION_MS = 180 * DAY_MS

export const REVEAL_LIMIT_MESSAGE = '今日查看联系方式次数已达上限，请明天再试'
export const NO_PUBLIC_CONTACT = '发布者未公开联系方式'

/** One member revealing one listing's contact on one China day; later reveals that day add nothing. */
export interface ContactRevealDoc extends StoredDocument {
  listingId: string
  /** A snapshot for the poster's log: titles are not personal data, and the listing may be gone later. */
  listingTitle: string
  posterId: string
  viewerId: string
  day: string
  at: number
  /** The viewer's 名片 fields they chose to send with the reveal; absent or null when none. */
  card?: SentCard | null
  /** When the poster first saw the card in their log; null until then (deleting the card takes it back). */
  cardSeenAt?: number | null
  retainUntil: number
}

/**
 * 「查看联系方式」: the fields the poster consented to publish (PIPL Art. 25), read from the listing at
 * this moment so a withdrawn consent applies at once. Counted against the member's daily quota per
 * distinct listing and logged for the poster. The poster revealing their own listing is neither: it
 * tells nobody anything new. The viewer may send the poster the fields of their 名片 they tick (`card`):
 * a snapshot goes into the log entry; sending again the same day replaces it.
 */
export async function revealContact(
  ctx: ActionContext,
  input: { listingId: string; card?: { fields: CardField[] } },
): Promise<RevealedContact> {
  const viewerId = memberId(ctx)
  const { deps } = ctx
  await assertMayAct(deps, viewerId, 'reveal')
  const listing = await loadVisibleListing(deps, input.listingId)
  const contact = publicContact(listing)
  const own = listing.posterId === viewerId
  const card = input.card && !own ? await chosenCard(deps, viewerId, input.card.fields) : null
  const now = deps.clock.now()
  const quota = {
    kind: 'reveal' as const,
    subject: viewerId,
    window: chinaDay(now),
    limit: deps.limits.revealsPerDay,
    key: listing._id,
  }
  if (own) return { ...contact, remainingToday: (await peekQuota(deps, quota)).remaining, cardSent: null }
  // Quota first, log second: a retry after a failed log write finds the listing already claimed (free) and
  // writes the log then, so nothing is counted twice and no reveal goes unlogged.
  const { remaining } = await claimQuota(deps, {
    ...quota,
    retainUntil: nextChinaMidnight(now) + DAY_MS,
    message: REVEAL_LIMIT_MESSAGE,
  })
  await logReveal(ctx, listing, viewerId, now, card)
  return { ...contact, remainingToday: remaining, cardSent: card }
}

/**
 * Contact fields the poster made public and filled in; refuses when there is no way to make contact. The
 * name is personal data with its own consent too, but alone it is not a contact.
 */
export function publicContact(listing: ListingDoc): Omit<RevealedContact, 'remainingToday' | 'cardSent'> {
  const shown = (field: 'phone' | 'wechat' | 'qq') => (isPublic(listing, field) ? listing.contact[field] : null)
  const [phone, wechat, qq] = [shown('phone'), shown('wechat'), shown('qq')]
  if (phone === null && wechat === null && qq === null) throw new AppError(ErrorCode.NotFound, NO_PUBLIC_CONTACT)
  const contactName = isPublic(listing, 'name') ? listing.contact.name : ''
  return { listingId: listing._id, contactName, phone, wechat, qq }
}

export function hasPublicContact(listing: ListingDoc): boolean {
  return isPublic(listing, 'phone') || isPublic(listing, 'wechat') || isPublic(listing, 'qq')
}

async function logReveal(
  ctx: ActionContext,
  listing: ListingDoc,
  viewerId: string,
  at: number,
  card: SentCard | null,
): Promise<void> {
  const day = chinaDay(at)
  const id = derivedId('rv', viewerId, listing._id, day)
  const doc: ContactRevealDoc = {
    _id: id,
    listingId: listing._id,
    listingTitle: listing.title,
    posterId: listing.posterId,
    viewerId,
    day,
    at,
    card,
    cardSeenAt: null,
    retainUntil: at + REVEAL_LOG_RETENTION_MS,
  }
  if (await insertOnce(ctx.deps, Collections.contactReveals, doc)) {
    ctx.deps.logger.info('contact revealed', { listingId: listing._id, requestId: ctx.requestId })
  } else if (card) {
    // Revealed earlier today: the card sent now is the one the poster sees, as not yet seen.
    await ctx.deps.store.update(Collections.contactReveals, id, { card, cardSeenAt: null })
  }
}

/**
 * The viewer deleted their card: it goes from every reveal whose poster has not yet seen it. Seen ones stay
 * with the poster (they were received). Returns how many were taken back.
 */
export async function withdrawUnseenRevealCards(deps: Pick<Deps, 'store'>, viewerId: string): Promise<number> {
  let withdrawn = 0
  const query = { where: { viewerId }, orderBy: [{ field: 'day', direction: 'asc' as const }] }
  for await (const batch of eachBatch<ContactRevealDoc>(deps.store, Collections.contactReveals, query, 200)) {
    for (const doc of batch) {
      if (!doc.card || doc.cardSeenAt) continue
      if (await deps.store.update(Collections.contactReveals, doc._id, { card: null })) withdrawn++
    }
  }
  return withdrawn
}
