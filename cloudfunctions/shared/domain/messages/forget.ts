import { Collections } from './collections'
import type { Deps } from '../../core/deps'
import { deleteAll, eachBatch } from '../../ports/document-store'
import { TITLE_GONE, type ConversationDoc } from './docs'

/**
 * What a purged account leaves in the other side's conversations: its messages and cards go with its own
 * records (messagesPersonalData.erase); here its place in each conversation is cleared, so the other side
 * reads 「已注销用户」, and a poster's title goes with the poster. A conversation both sides left is deleted.
 * Idempotent, so a purge stopped halfway finishes on the next run.
 */
export async function forgetConversations(deps: Pick<Deps, 'store'>, userId: string): Promise<Record<string, number>> {
  let conversations = 0
  for (const field of ['posterId', 'askerId'] as const) {
    const query = { where: { [field]: userId }, orderBy: [{ field: '_id', direction: 'asc' as const }] }
    const found: ConversationDoc[] = []
    for await (const batch of eachBatch<ConversationDoc>(deps.store, Collections.conversations, query, 200)) {
      found.push(...batch)
    }
    for (const doc of found) {
      const left = { posterId: doc.posterId, askerId: doc.askerId, [field]: null }
      if (left.posterId === null && left.askerId === null) {
        await deleteAll(deps.store, Collections.conversationMessages, { conversationId: doc._id })
        if (await deps.store.delete(Collections.conversations, doc._id)) conversations++
        continue
      }
      const cut = {
        [field]: null,
        members: doc.members.filter((m) => m !== userId),
        ...(field === 'posterId' ? { listingTitle: TITLE_GONE } : {}),
      }
      if (await deps.store.update(Collections.conversations, doc._id, cut)) conversations++
    }
  }
  return { conversations }
}
