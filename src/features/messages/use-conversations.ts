import type { ConversationItem } from '@shared/contracts'
import { usePagedList, type PagedList } from '@/features/mine/paged-list'
import { api } from '@/services/api'

/** The member's conversations, newest first (消息's 会话 section). */
export function useConversations(): PagedList<ConversationItem> {
  return usePagedList<ConversationItem>((cursor) => api.messages.listConversations({ cursor }), 'conversations', [
    'conversations',
  ])
}
