import { useCallback, useEffect, useRef, useState } from 'react'
import type { CardField, ConversationItem, MessageItem, ReportReason } from '@shared/contracts'
import { useSession } from '@/features/auth'
import { useNetworkAllowed } from '@/features/consent'
import { refreshUnread } from '@/features/notices'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'

/** Where a conversation page starts: an existing conversation, or a listing the member is about to ask about. */
export type ConversationStart = { conversationId: string } | { listingId: string }

export interface ConversationView {
  conversation: ConversationItem | null
  /** Oldest first, as the page shows them. */
  messages: MessageItem[]
  loading: boolean
  /** The listing takes no inquiries (a new conversation cannot start). */
  closedToNew: boolean
  error: ApiError | null
  sending: boolean
  sendError: ApiError | null
  hasOlder: boolean
  refresh(): Promise<void>
  loadOlder(): Promise<void>
  send(text: string): Promise<boolean>
  sendCard(fields: CardField[]): Promise<boolean>
  setBlocked(blocked: boolean): Promise<boolean>
  report(reason: ReportReason, note: string): Promise<boolean>
}

/**
 * One conversation: its messages newest page first (shown oldest first), sending (the first message of a
 * new conversation is the inquiry itself), cards, blocking and reporting. Reading the first page marks it
 * read on the server, so the 消息 badge is refreshed after each load.
 */
export function useConversation(start: ConversationStart): ConversationView {
  const allowed = useNetworkAllowed()
  const userId = useSession()?.profile.userId ?? null
  const [conversationId, setConversationId] = useState('conversationId' in start ? start.conversationId : null)
  const listingId = 'listingId' in start ? start.listingId : null
  const [conversation, setConversation] = useState<ConversationItem | null>(null)
  const [messages, setMessages] = useState<MessageItem[]>([])
  const [loading, setLoading] = useState(true)
  const [closedToNew, setClosedToNew] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [sending, setSending] = useState(false)
  const [sendError, setSendError] = useState<ApiError | null>(null)
  const older = useRef<string | null>(null)
  const [hasOlder, setHasOlder] = useState(false)

  const loadFirst = useCallback(
    async (id: string) => {
      const page = await api.messages.listConversationMessages({ conversationId: id })
      setConversation(page.conversation)
      setMessages([...page.items].reverse())
      older.current = page.nextCursor
      setHasOlder(page.nextCursor !== null)
      void refreshUnread()
    },
    [setConversation],
  )

  const refresh = useCallback(async () => {
    if (!allowed || !userId) return
    setError(null)
    try {
      let id = conversationId
      if (!id && listingId) {
        const state = await api.messages.getInquiryState({ listingId })
        setClosedToNew(!state.open)
        id = state.conversationId
        if (id) setConversationId(id)
      }
      if (id) await loadFirst(id)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [allowed, userId, conversationId, listingId, loadFirst])

  useEffect(() => {
    void refresh()
    // Once per member and start: later loads are the page's pull-down and each send.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed, userId])

  const loadOlder = async () => {
    if (!conversationId || !older.current) return
    try {
      const page = await api.messages.listConversationMessages({ conversationId, cursor: older.current })
      setMessages((now) => [...[...page.items].reverse(), ...now])
      older.current = page.nextCursor
      setHasOlder(page.nextCursor !== null)
    } catch (e) {
      setError(toApiError(e))
    }
  }

  const attempt = async (run: () => Promise<unknown>): Promise<boolean> => {
    setSending(true)
    setSendError(null)
    try {
      await run()
      return true
    } catch (e) {
      setSendError(toApiError(e))
      return false
    } finally {
      setSending(false)
    }
  }

  const send = (text: string) =>
    attempt(async () => {
      if (conversationId) {
        const message = await api.messages.replyToConversation({ conversationId, text })
        setMessages((now) => [...now, message])
      } else if (listingId) {
        const answer = await api.messages.sendInquiry({ listingId, text })
        setConversationId(answer.conversationId)
        await loadFirst(answer.conversationId)
      }
    })

  const sendCard = (fields: CardField[]) =>
    attempt(async () => {
      if (!conversationId) return
      const message = await api.messages.sendCard({ conversationId, fields })
      setMessages((now) => [...now, message])
    })

  const setBlocked = (blocked: boolean) =>
    attempt(async () => {
      if (!conversationId) return
      if (blocked) await api.messages.blockMember({ conversationId })
      else await api.messages.unblockMember({ conversationId })
      setConversation((c) => (c ? { ...c, blocked } : c))
    })

  const report = (reason: ReportReason, note: string) =>
    attempt(async () => {
      if (conversationId) await api.messages.reportConversation({ conversationId, reason, note })
    })

  return {
    conversation,
    messages,
    loading: loading && Boolean(userId),
    closedToNew,
    error,
    sending,
    sendError,
    hasOlder,
    refresh,
    loadOlder,
    send,
    sendCard,
    setBlocked,
    report,
  }
}
