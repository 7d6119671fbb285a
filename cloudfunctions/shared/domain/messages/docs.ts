import { Collections } from './collections'
import type { SentCard } from '../../contracts/messages'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import { derivedId } from '../common/derived-id'

export interface ConversationDoc extends StoredDocument {
  listingId: string
  listingTitle: string
  /** Null once that side's account is gone. */
  posterId: string | null
  askerId: string | null
  /** The sides still here, for 「我的会话」. */
  members: string[]
  createdAt: number
  lastAt: number
  posterUnread: boolean
  askerUnread: boolean
  posterReadAt: number
  askerReadAt: number
  closedAt: number | null
}

export interface MessageDoc extends StoredDocument {
  conversationId: string
  senderId: string
  text: string
  card: SentCard | null
  createdAt: number
}

export type Side = 'poster' | 'asker'

export const CONVERSATION_GONE = '会话不存在'
/** The title a conversation shows once the poster's account, and with it their words, are gone. */
export const TITLE_GONE = '（信息已删除）'

/** The conversation one member opens about a listing: one per (listing, member who asked). */
export const conversationIdOf = (listingId: string, askerId: string) => derivedId('cv', listingId, askerId)

export function sideOf(doc: ConversationDoc, userId: string): Side | null {
  if (doc.posterId === userId) return 'poster'
  if (doc.askerId === userId) return 'asker'
  return null
}

export const otherSide = (side: Side): Side => (side === 'poster' ? 'asker' : 'poster')
export const idOf = (doc: ConversationDoc, side: Side) => (side === 'poster' ? doc.posterId : doc.askerId)

export async function findConversation(deps: Pick<Deps, 'store'>, id: string): Promise<ConversationDoc | null> {
  return deps.store.get<ConversationDoc>(Collections.conversations, id)
}
