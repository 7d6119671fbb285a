import { Collections } from './collections'
import type { BusinessCard } from '../../contracts/messages'
import type { ActionContext } from '../../core/action-context'
import { eachBatch } from '../../ports/document-store'
import { memberId } from '../accounts'
import { cardOf, deleteCard, saveCard } from '../cards'
import { withdrawUnseenRevealCards } from '../interactions'
import type { ConversationDoc, MessageDoc } from './docs'

/** The caller's 名片 (kept by the cards domain; the messages function serves it). */
export const getMyCard = (ctx: ActionContext) => cardOf(ctx.deps, memberId(ctx))

export const saveMyCard = (ctx: ActionContext, input: Omit<BusinessCard, 'updatedAt'>): Promise<BusinessCard> =>
  saveCard(ctx.deps, memberId(ctx), input)

/**
 * Deletes the card and takes it back from every message whose other side has not read it yet, and from
 * every contact reveal whose poster has not yet seen it in 「谁看过我的联系方式」. A card the other side has
 * read stays with them: what was received cannot be unsent. `withdrawn` counts both.
 */
export async function deleteMyCard(ctx: ActionContext): Promise<{ withdrawn: number }> {
  const me = memberId(ctx)
  const { store } = ctx.deps
  await deleteCard(ctx.deps, me)
  let withdrawn = 0
  const query = { where: { senderId: me }, orderBy: [{ field: 'createdAt', direction: 'desc' as const }] }
  for await (const batch of eachBatch<MessageDoc>(store, Collections.conversationMessages, query, 200)) {
    for (const message of batch) {
      if (!message.card) continue
      const conversation = await store.get<ConversationDoc>(Collections.conversations, message.conversationId)
      if (!conversation) continue
      const readAt = conversation.posterId === me ? conversation.askerReadAt : conversation.posterReadAt
      if (readAt >= message.createdAt) continue
      if (await store.update(Collections.conversationMessages, message._id, { card: null })) withdrawn++
    }
  }
  return { withdrawn: withdrawn + (await withdrawUnseenRevealCards(ctx.deps, me)) }
}
