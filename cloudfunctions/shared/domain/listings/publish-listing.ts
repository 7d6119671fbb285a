import { createHash } from 'node:crypto'
import type * as v from 'valibot'
import { Collections } from './collections'
import type { CreateListingInput, MyListingDetail } from '../../contracts/listings'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { DAY_MS } from '../common/china-time'
import { notePostingRegion } from '../accounts'
import { categoriesById } from './categories'
import { reviewListingText, statusFor } from './content-review'
import { fileKeysOf, namesOf, toMyListingDetail, type ListingDoc } from './listing'
import { prepareContent } from './listing-content'
import { bindImages } from './listing-images'
import { loadPublisher } from './own-listing'
import { assertNotDuplicate, returnPublishSlot, takePublishSlot } from './publish-limits'

/**
 * Publish: assertValid (contract, category) → assertAllowed (member, age, limits, not a duplicate) →
 * content check → save with the status the verdict gives. Idempotent: the listing's id is derived from
 * the member and the device's request id, so a retry finds the listing the first attempt stored (even one
 * still in flight: the second insert collides on the id) and never creates another.
 */
export async function createListing(
  ctx: ActionContext,
  input: v.InferOutput<typeof CreateListingInput>,
): Promise<MyListingDetail> {
  const user = await loadPublisher(ctx)
  const id = listingIdFor(user._id, input.clientRequestId)
  const earlier = await ctx.deps.store.get<ListingDoc>(Collections.listings, id)
  if (earlier) return present(ctx, earlier)

  const content = await prepareContent(ctx, user, id, input)
  await assertNotDuplicate(ctx.deps, user._id, { title: content.title, phone: content.contact.phone })
  const verdict = await reviewListingText(ctx, user, { ...content, extra: content.extra ?? {} })
  const slot = await takePublishSlot(ctx.deps, user._id)
  const ipRegion = await notePostingRegion(ctx, user._id)

  const now = ctx.deps.clock.now()
  const doc: ListingDoc = {
    _id: id,
    ...content,
    ...statusFor(verdict),
    ipRegion,
    posterId: user._id,
    createdAt: now,
    updatedAt: now,
    publishedAt: now,
    refreshedAt: now,
    validityDays: input.validityDays,
    expiresAt: now + input.validityDays * DAY_MS,
    viewCount: 0,
    clientRequestId: input.clientRequestId,
    rev: 1,
  }
  try {
    await ctx.deps.store.insert(Collections.listings, doc)
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== ErrorCode.Conflict) throw error
    // A retry of the same submission overtook this one: its listing is the one.
    await returnPublishSlot(ctx.deps, user._id, slot.day)
    const stored = await ctx.deps.store.get<ListingDoc>(Collections.listings, id)
    if (!stored) throw error
    return present(ctx, stored)
  }
  await bindImages(ctx, id, fileKeysOf(doc))
  ctx.deps.logger.info('listing created', { listingId: id, status: doc.status })
  return present(ctx, doc)
}

/** Deterministic and unguessable from outside (the request id never leaves the device and this server). */
export function listingIdFor(userId: string, clientRequestId: string): string {
  return createHash('sha256').update(`${userId}:${clientRequestId}`).digest('hex').slice(0, 24)
}

async function present(ctx: ActionContext, doc: ListingDoc): Promise<MyListingDetail> {
  return toMyListingDetail(doc, namesOf(await categoriesById(ctx.deps)), ctx.deps.clock.now())
}
