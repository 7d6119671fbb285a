import type { MyReport, ReportReason } from '../../contracts/interactions'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { memberId } from '../accounts'
import { fileReport } from '../interactions'
import { CONVERSATION_GONE, findConversation, idOf, otherSide, sideOf } from './docs'

/** A side reports the conversation: the other side is whom it concerns; a moderator reads it in the queue. */
export async function reportConversation(
  ctx: ActionContext,
  input: { conversationId: string; reason: ReportReason; note: string },
): Promise<MyReport> {
  const me = memberId(ctx)
  const doc = await findConversation(ctx.deps, input.conversationId)
  const side = doc ? sideOf(doc, me) : null
  if (!doc || !side) throw new AppError(ErrorCode.NotFound, CONVERSATION_GONE)
  return fileReport(ctx, me, input, {
    targetType: 'conversation',
    targetId: doc._id,
    listingId: doc.listingId,
    targetOwnerId: idOf(doc, otherSide(side)),
    targetSummary: `关于「${doc.listingTitle}」的会话`,
  })
}
