import { Collections } from './collections'
import type { ActionContext } from '../../core/action-context'
import type { Deps } from '../../core/deps'
import type { InquiryState } from '../../contracts/messages'
import { AppError, ErrorCode } from '../../core/app-error'
import { memberId } from '../accounts'
import { insertOnce } from '../common/insert-once'
import { findListing, isVisible } from '../listings'
import { conversationIdOf, findConversation } from './docs'

/** A listing takes inquiries unless its poster turned them off (a document per listing turned off). */
export async function inquiriesOpen(deps: Pick<Deps, 'store'>, listingId: string): Promise<boolean> {
  return (await deps.store.get(Collections.inquirySettings, listingId)) === null
}

export async function setListingInquiries(
  ctx: ActionContext,
  input: { listingId: string; open: boolean },
): Promise<{ open: boolean }> {
  const me = memberId(ctx)
  const listing = await findListing(ctx.deps, input.listingId)
  if (!listing) throw new AppError(ErrorCode.NotFound, '该信息不存在或已删除')
  if (listing.posterId !== me) throw new AppError(ErrorCode.NotAllowed, '只能设置自己发布的信息')
  const { store, clock } = ctx.deps
  if (input.open) {
    await store.delete(Collections.inquirySettings, listing._id)
  } else {
    // Already off (or turned off by a request at the same moment): the stored document says the same.
    await insertOnce(ctx.deps, Collections.inquirySettings, { _id: listing._id, posterId: me, updatedAt: clock.now() })
  }
  return { open: input.open }
}

/**
 * Whether the detail page offers 「给TA留言」. A block is not told here: a blocked member sees the button
 * and learns only, on sending, that the message cannot be delivered.
 */
export async function getInquiryState(ctx: ActionContext, listingId: string): Promise<InquiryState> {
  const listing = await findListing(ctx.deps, listingId)
  const mine = ctx.caller.kind === 'member' && listing?.posterId === ctx.caller.userId
  // Like the listing itself: one no one else may see is missing, except to its poster.
  if (!listing || (!mine && !isVisible(listing, ctx.deps.clock.now()))) {
    throw new AppError(ErrorCode.NotFound, '该信息不存在或已下架')
  }
  const open = await inquiriesOpen(ctx.deps, listingId)
  if (ctx.caller.kind !== 'member') return { open, isPoster: false, conversationId: null }
  const isPoster = listing.posterId === ctx.caller.userId
  const existing = isPoster ? null : await findConversation(ctx.deps, conversationIdOf(listingId, ctx.caller.userId))
  return { open, isPoster, conversationId: existing?._id ?? null }
}
