import { Collections } from './collections'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { assertMayAct, loadMember, memberId, type UserDoc } from '../accounts'
import type { ListingDoc } from './listing'

/**
 * Ownership and change of a member's own listing. The owner is decided against the trusted caller, never
 * anything in the payload; every change is a compare-and-set on the listing's `rev`, so of two
 * concurrent changes neither is lost (the later one re-reads and decides again).
 */
const MAX_RACES = 5

export async function loadOwnListing(ctx: ActionContext, id: string): Promise<ListingDoc> {
  const userId = memberId(ctx)
  const doc = await ctx.deps.store.get<ListingDoc>(Collections.listings, id)
  if (!doc) throw new AppError(ErrorCode.NotFound, '该信息不存在或已删除')
  if (doc.posterId !== userId) throw new AppError(ErrorCode.NotAllowed, '只能管理自己发布的信息')
  return doc
}

/**
 * The member, if they may publish: an account whose age confirmation is 14 or older, or a guardian's
 * consent (PIPL Art. 31), and no publishing ban in force. Anything else cannot publish, whatever the client
 * shows.
 */
export async function loadPublisher(ctx: ActionContext): Promise<UserDoc> {
  const user = await loadMember(ctx)
  await assertMayAct(ctx.deps, user._id, 'publish')
  const age: string | undefined = user.age
  if (age !== 'adult' && age !== 'guardian') {
    throw new AppError(
      ErrorCode.ConsentRequired,
      '未满 14 周岁的用户需要取得父母或其他监护人的同意后才能发布信息',
      'age',
    )
  }
  return user
}

export type ListingPatch = Partial<Omit<ListingDoc, '_id' | 'posterId' | 'viewCount' | 'rev'>>

/**
 * Applies the patch `decide` makes from the current listing, if nobody changed it meanwhile; otherwise
 * reads again and lets `decide` look at the new state. Returns the listing as saved.
 */
export async function changeOwnListing(
  ctx: ActionContext,
  id: string,
  decide: (doc: ListingDoc, now: number) => ListingPatch | Promise<ListingPatch>,
  /** Withdrawing a consent is a right a moderation hold does not suspend. */
  options: { evenIfModerated?: boolean } = {},
): Promise<ListingDoc> {
  for (let race = 0; race < MAX_RACES; race++) {
    const doc = await loadOwnListing(ctx, id)
    if (doc.status === 'withheld') {
      throw new AppError(ErrorCode.Conflict, '账号注销申请处理中，撤销注销后才能管理信息')
    }
    if (doc.status === 'hidden' && !options.evenIfModerated)
      throw new AppError(ErrorCode.Conflict, '该信息被多人举报，正在复核，复核后才能修改')
    if (doc.status === 'removed' && !options.evenIfModerated) {
      throw new AppError(ErrorCode.Conflict, '该信息已被平台下架，如有异议可在「处理记录」中申诉')
    }
    const now = ctx.deps.clock.now()
    const patch = await decide(doc, now)
    const saved = { ...patch, updatedAt: now, rev: (doc.rev ?? 0) + 1 }
    if (await ctx.deps.store.update(Collections.listings, id, saved, { rev: doc.rev ?? null })) {
      // The stored view count may have moved meanwhile (views do not bump rev); show the stored one.
      const current = await ctx.deps.store.get<ListingDoc>(Collections.listings, id)
      return current ?? { ...doc, ...saved }
    }
  }
  throw new AppError(ErrorCode.Conflict, '信息已被修改，请刷新后重试')
}
