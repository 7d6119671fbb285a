import { Collections } from './collections'
import { memberId } from '../accounts'
import type { ActionContext } from '../../core/action-context'
import { insertOnce } from '../common/insert-once'
import { blockIdOf } from './block-list'
import { CONVERSATION_GONE, findConversation, sideOf } from './docs'
import { AppError, ErrorCode } from '../../core/app-error'

/** The other side of one of the caller's conversations; NOT_FOUND otherwise, and when they are gone. */
async function otherSideOf(ctx: ActionContext, conversationId: string): Promise<{ me: string; them: string }> {
  const me = memberId(ctx)
  const doc = await findConversation(ctx.deps, conversationId)
  const side = doc ? sideOf(doc, me) : null
  const them = doc && side ? (side === 'poster' ? doc.askerId : doc.posterId) : null
  if (!them) throw new AppError(ErrorCode.NotFound, CONVERSATION_GONE)
  return { me, them }
}

/** From now on nothing the other side writes reaches the caller, in this conversation or any other. */
export async function blockMember(ctx: ActionContext, conversationId: string): Promise<{ blocked: true }> {
  const { me, them } = await otherSideOf(ctx, conversationId)
  await insertOnce(ctx.deps, Collections.memberBlocks, {
    _id: blockIdOf(me, them),
    blockerId: me,
    blockedId: them,
    createdAt: ctx.deps.clock.now(),
  })
  return { blocked: true }
}

export async function unblockMember(ctx: ActionContext, conversationId: string): Promise<{ blocked: false }> {
  const { me, them } = await otherSideOf(ctx, conversationId)
  await ctx.deps.store.delete(Collections.memberBlocks, blockIdOf(me, them))
  return { blocked: false }
}
