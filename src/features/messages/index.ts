// 留言咨询: a conversation about a listing, the member's list of them, and the routes into them.
export { useConversation, type ConversationStart, type ConversationView } from './use-conversation'
export { useConversations } from './use-conversations'
export { useBusinessCard, type BusinessCardState, type CardFields } from './use-business-card'
export { openConversation, askAbout } from './routes'
