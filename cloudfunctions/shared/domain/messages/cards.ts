import { Collections } from './collections'
import type { BusinessCard } from '../../contracts/messages'
import type { ActionContext } from '../../core/action-context'
import type { Deps } from '../../core/deps'
import { eachBatch, type StoredDocument } from '../../ports/document-store'
import { memberId } from '../accounts'
import { insertOnce } from '../common/insert-once'
import type { ConversationDoc, MessageDoc } from './docs'

type CardDoc = StoredDocument & BusinessCard

const toCard = ({ name, company, title, phone, wechat, updatedAt }: CardDoc): BusinessCard => ({
  name,
  company,
  title,
  phone,
  wechat,
  updatedAt,
})

export async function cardOf(deps: Pick<Deps, 'store'>, userId: string): Promise<BusinessCard | null> {
  const doc = await deps.store.get<CardDoc>(Collections.businessCards, userId)
  return doc ? toCard(doc) : null
}

export const getMyCard = (ctx: ActionContext) => cardOf(ctx.deps, memberId(ctx))

export async function saveMyCard(ctx: ActionContext, input: Omit<BusinessCard, 'updatedAt'>): Promise<BusinessCard> {
  const me = memberId(ctx)
  const card: BusinessCard = { ...input, updatedAt: ctx.deps.clock.now() }
  const { store } = ctx.deps
  // The first save inserts; a save racing it finds the card there and updates it, as a later save would.
  if (!(await store.update(Collections.businessCards, me, { ...card }))) {
    if (!(await insertOnce(ctx.deps, Collections.businessCards, { _id: me, ...card }))) {
      await store.update(Collections.businessCards, me, { ...card })
    }
  }
  return card
}

/**
 * Deletes the card and takes it back from every message whose other side has not read it yet. A card the
 * other side has read stays with them: what was received cannot be unsent.
 */
export async function deleteMyCard(ctx: ActionContext): Promise<{ withdrawn: number }> {
  const me = memberId(ctx)
  const { store } = ctx.deps
  await store.delete(Collections.businessCards, me)
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
  return { withdrawn }
}
