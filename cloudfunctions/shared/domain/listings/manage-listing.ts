import type * as v from 'valibot'
import { Collections } from './collections'
import type {
  MyListingDetail,
  RenewListingInput,
  SetContactVisibilityInput,
  UpdateListingInput,
} from '../../contracts/listings'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { DAY_MS } from '../common/china-time'
import { notePostingRegion } from '../accounts'
import { categoriesById } from './categories'
import { reviewListingText, statusFor } from './content-review'
import { fileKeysOf, namesOf, REFRESH_INTERVAL_MS, toMyListingDetail, type ListingDoc } from './listing'
import { prepareContent } from './listing-content'
import { bindImages, discardImages } from './listing-images'
import { changeOwnListing, loadOwnListing, loadPublisher } from './own-listing'

/**
 * 「我的发布」: the poster's own changes to a listing. Each is `load own → decide from its state → save by
 * compare-and-set` (own-listing.ts); another member's listing is NOT_ALLOWED before anything is read
 * into a decision or written.
 */

/**
 * Edit: the whole content again, checked like a new listing (category, images, content check). A
 * listing the poster took down stays down (republish brings it back, checked again); otherwise the
 * verdict decides, so an edited published listing may go to review or be rejected.
 */
export async function updateListing(
  ctx: ActionContext,
  input: v.InferOutput<typeof UpdateListingInput>,
): Promise<MyListingDetail> {
  const user = await loadPublisher(ctx)
  const current = await loadOwnListing(ctx, input.listingId)
  const content = await prepareContent(ctx, user, input.listingId, input, current.category)
  const verdict = statusFor(await reviewListingText(ctx, user, { ...content, extra: content.extra ?? {} }))
  // An edit is content posted now: its IP属地 replaces the one of the first publication.
  const ipRegion = await notePostingRegion(ctx, user._id)
  let dropped: string[] = []
  const saved = await changeOwnListing(ctx, input.listingId, (doc) => {
    const kept = fileKeysOf(content)
    dropped = fileKeysOf(doc).filter((key) => !kept.includes(key))
    const status = doc.status === 'takenDown' ? 'takenDown' : verdict.status
    return { ...content, ipRegion, status, reviewReason: verdict.reviewReason }
  })
  await bindImages(ctx, input.listingId, fileKeysOf(content))
  await discardImages(ctx, dropped)
  return present(ctx, saved)
}

export async function takeDownListing(ctx: ActionContext, id: string): Promise<MyListingDetail> {
  const saved = await changeOwnListing(ctx, id, (doc) => {
    if (doc.status === 'rejected') throw new AppError(ErrorCode.Conflict, '未通过审核的信息无需下架，可修改后重新提交')
    return { status: 'takenDown' }
  })
  return present(ctx, saved)
}

/** Back from taken down, through the content check again (the rules may have changed meanwhile). */
export async function republishListing(ctx: ActionContext, id: string): Promise<MyListingDetail> {
  const user = await loadPublisher(ctx)
  const saved = await changeOwnListing(ctx, id, async (doc, now) => {
    if (doc.status === 'pending') throw new AppError(ErrorCode.Conflict, '该信息正在审核中')
    if (doc.status === 'rejected') throw new AppError(ErrorCode.Conflict, '该信息未通过审核，请修改后重新提交')
    if (doc.expiresAt <= now) throw new AppError(ErrorCode.Conflict, '该信息已过期，请先续期')
    if (doc.status === 'published') return {}
    const verdict = await reviewListingText(ctx, user, { ...doc, extra: doc.extra ?? {} })
    return statusFor(verdict)
  })
  return present(ctx, saved)
}

/** To the top of the feed and of search results, at most once per 24 hours. */
export async function refreshListing(ctx: ActionContext, id: string): Promise<MyListingDetail> {
  const saved = await changeOwnListing(ctx, id, (doc, now) => {
    if (doc.status !== 'published' || doc.expiresAt <= now) {
      throw new AppError(ErrorCode.Conflict, '只有展示中的信息可以刷新')
    }
    const allowedAt = (doc.refreshedAt ?? doc.createdAt) + REFRESH_INTERVAL_MS
    if (now < allowedAt) {
      const hours = Math.ceil((allowedAt - now) / (60 * 60 * 1000))
      throw new AppError(ErrorCode.RateLimited, `每条信息 24 小时内只能刷新一次，请 ${hours} 小时后再试`)
    }
    return { publishedAt: now, refreshedAt: now }
  })
  return present(ctx, saved)
}

/** A new validity from now; an expired listing shows again at once if it was published. */
export async function renewListing(
  ctx: ActionContext,
  input: v.InferOutput<typeof RenewListingInput>,
): Promise<MyListingDetail> {
  const saved = await changeOwnListing(ctx, input.listingId, (_doc, now) => ({
    validityDays: input.validityDays,
    expiresAt: now + input.validityDays * DAY_MS,
  }))
  return present(ctx, saved)
}

/**
 * Grants or withdraws the separate consent (PIPL Art. 25) to publish one contact field. Every read
 * (detail, reveal) looks at the flag, so a withdrawal hides the field everywhere from the next request.
 */
export async function setContactVisibility(
  ctx: ActionContext,
  input: v.InferOutput<typeof SetContactVisibilityInput>,
): Promise<MyListingDetail> {
  const field = input.field
  const saved = await changeOwnListing(
    ctx,
    input.listingId,
    (doc) => {
      if (input.public && doc.contact[field] === '') {
        throw new AppError(ErrorCode.InvalidInput, '该联系方式未填写，无法公开', 'field')
      }
      return { contact: { ...doc.contact, public: { ...doc.contact.public, [field]: input.public } } }
    },
    { evenIfModerated: !input.public },
  )
  ctx.deps.logger.info('contact visibility changed', { listingId: input.listingId, field, public: input.public })
  return present(ctx, saved)
}

/** Gone for good, contact details and images included (the poster confirmed on the device). */
export async function deleteListing(ctx: ActionContext, id: string): Promise<{ deleted: true; id: string }> {
  const doc = await loadOwnListing(ctx, id)
  await ctx.deps.store.delete(Collections.listings, id)
  await discardImages(ctx, fileKeysOf(doc))
  ctx.deps.logger.info('listing deleted', { listingId: id })
  return { deleted: true, id }
}

async function present(ctx: ActionContext, doc: ListingDoc): Promise<MyListingDetail> {
  return toMyListingDetail(doc, namesOf(await categoriesById(ctx.deps)), ctx.deps.clock.now())
}
