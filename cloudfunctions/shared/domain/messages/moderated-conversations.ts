import { Collections } from './collections'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { ALREADY_DECIDED } from '../listings'
import { CONVERSATION_GONE, findConversation, type ConversationDoc, type MessageDoc } from './docs'

/**
 * What moderation asks of messages: a reported conversation as the moderator reads it (the latest
 * messages, each marked with its side), and the decision that closes it or lets it go on.
 */
const TRANSCRIPT_MESSAGES = 30

export interface ConversationForReview {
  doc: ConversationDoc
  /** Oldest first, 「咨询者：…」 / 「发布者：…」 per line. */
  transcript: string
}

export async function conversationForReview(deps: Pick<Deps, 'store'>, id: string): Promise<ConversationForReview> {
  const doc = await findConversation(deps, id)
  if (!doc) throw new AppError(ErrorCode.NotFound, CONVERSATION_GONE)
  const { items } = await deps.store.find<MessageDoc>(Collections.conversationMessages, {
    where: { conversationId: id },
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
    limit: TRANSCRIPT_MESSAGES,
  })
  const line = (m: MessageDoc) =>
    `${m.senderId === doc.posterId ? '发布者' : '咨询者'}：${m.text.length > 0 ? m.text : '[名片]'}`
  return { doc, transcript: items.reverse().map(line).join('\n') }
}

export type ConversationDecision = 'takeDown' | 'restore' | 'dismiss'

/** takeDown closes the conversation (both sides read it, neither writes); restore opens it again. */
export async function applyConversationDecision(
  deps: Pick<Deps, 'store' | 'clock'>,
  id: string,
  decision: ConversationDecision,
): Promise<{ before: string; after: string }> {
  const doc = await findConversation(deps, id)
  if (!doc) throw new AppError(ErrorCode.NotFound, CONVERSATION_GONE)
  const closed = doc.closedAt !== null
  const state = (isClosed: boolean) => (isClosed ? '已被平台关闭' : '进行中')
  if (decision === 'dismiss') {
    if (closed) throw new AppError(ErrorCode.Conflict, ALREADY_DECIDED)
    return { before: state(false), after: state(false) }
  }
  const close = decision === 'takeDown'
  if (close === closed) throw new AppError(ErrorCode.Conflict, ALREADY_DECIDED)
  const changed = await deps.store.update(
    Collections.conversations,
    id,
    { closedAt: close ? deps.clock.now() : null },
    { closedAt: doc.closedAt },
  )
  if (!changed) throw new AppError(ErrorCode.Conflict, ALREADY_DECIDED)
  return { before: state(closed), after: state(close) }
}
