/**
 * What other domains may use of messages: whose records are whose (the privacy centre), the purge's part,
 * and moderation's part (a reported conversation and the decision on it).
 */
export { messagesPersonalData } from './collections'
export { forgetConversations } from './forget'
export {
  applyConversationDecision,
  conversationForReview,
  type ConversationDecision,
  type ConversationForReview,
} from './moderated-conversations'
