import { useRef, useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import {
  CARD_FIELD_LABELS,
  CARD_FIELDS,
  MESSAGE_MAX_LENGTH,
  REPORT_REASONS,
  type CardField,
  type MessageItem,
} from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import { formatPostedTime, openListing, Routes, StateView } from '@/features/listings'
import { useBusinessCard, useConversation, type ConversationStart } from '@/features/messages'
import { control } from '@/platform/control-role'
import './index.scss'

/**
 * One conversation about a listing (留言咨询): the messages oldest first, a box to write in, a business card
 * sent with the fields the member ticks, and 屏蔽 / 举报. Opened from 「给TA留言」 (by listing) or from 消息.
 */
export default function ConversationPage() {
  const { params } = useRouter()
  const start: ConversationStart = params.conversationId
    ? { conversationId: params.conversationId }
    : { listingId: params.listingId ?? '' }
  const session = useSession()
  const view = useConversation(start)
  const [text, setText] = useState('')
  const myCard = useBusinessCard()
  const card = myCard.fields
  const [choosing, setChoosing] = useState<CardField[] | null>(null)
  const shown = useRef(false)

  useDidShow(() => {
    // Back from 我的名片 or elsewhere: new messages, and the card as it is now.
    if (shown.current) void Promise.all([view.refresh(), myCard.reload()])
    shown.current = true
  })
  usePullDownRefresh(async () => {
    try {
      await (view.hasOlder ? view.loadOlder() : view.refresh())
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  const submit = async () => {
    if (await view.send(text)) setText('')
  }

  const startCard = () => {
    const filled = CARD_FIELDS.filter((f) => (card?.[f] ?? '').length > 0)
    if (filled.length === 0) {
      void Taro.navigateTo({ url: Routes.businessCard })
      return
    }
    setChoosing([])
  }

  const toggleField = (field: CardField) =>
    setChoosing((now) => (now?.includes(field) ? now.filter((f) => f !== field) : [...(now ?? []), field]))

  const sendChosen = async () => {
    if (!choosing || choosing.length === 0) return
    if (await view.sendCard(choosing)) setChoosing(null)
  }

  const block = async () => {
    const blocked = view.conversation?.blocked ?? false
    const { confirm } = await Taro.showModal({
      title: blocked ? '解除屏蔽' : '屏蔽对方',
      content: blocked ? '解除后对方可以再给你发消息。' : '屏蔽后对方的消息不再送达给你，对方不会收到提示。',
      confirmText: blocked ? '解除' : '屏蔽',
    })
    if (confirm && (await view.setBlocked(!blocked))) {
      void Taro.showToast({ title: blocked ? '已解除屏蔽' : '已屏蔽', icon: 'success' })
    }
  }

  const report = async () => {
    const { tapIndex } = await Taro.showActionSheet({ itemList: [...REPORT_REASONS] }).catch(() => ({ tapIndex: -1 }))
    const reason = REPORT_REASONS[tapIndex]
    if (!reason || reason === '其他') {
      if (reason === '其他') void Taro.showToast({ title: '请选择具体原因', icon: 'none' })
      return
    }
    if (await view.report(reason, '')) void Taro.showToast({ title: '举报已提交', icon: 'success' })
  }

  return (
    <AppShell>
      <MemberGate member={session} purpose="给发布者留言" className="conversation-page">
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent() {
    if (view.loading) {
      return (
        <View className="conversation-page">
          <StateView kind="loading" rows={2} />
        </View>
      )
    }
    if (view.error && !view.conversation) {
      return (
        <View className="conversation-page">
          <StateView kind="error" message={view.error.message} onRetry={() => void view.refresh()} />
        </View>
      )
    }
    const { conversation } = view
    const closed = conversation?.closed ?? false
    const canWrite = !closed && (conversation !== null || !view.closedToNew)
    return (
      <View className="conversation-page">
        {conversation ? (
          <View className="conversation-page__head">
            <View
              {...control('link')}
              className="conversation-page__listing"
              onClick={() => (conversation.listingAvailable ? openListing(conversation.listingId) : undefined)}
            >
              <Text className="conversation-page__title">{conversation.listingTitle}</Text>
              <Text className="conversation-page__other">
                {conversation.role === 'poster' ? '咨询者' : '发布者'}：{conversation.other.nickname}
                {conversation.other.companyName ? ` · ${conversation.other.companyName}` : ''}
              </Text>
            </View>
            <View className="conversation-page__tools">
              <Button className="conversation-page__tool" onClick={() => void block()}>
                {conversation.blocked ? '解除屏蔽' : '屏蔽'}
              </Button>
              <Button className="conversation-page__tool" onClick={() => void report()}>
                举报
              </Button>
            </View>
          </View>
        ) : null}
        {closed ? <Text className="conversation-page__notice">该会话已被平台关闭，不能再发送消息</Text> : null}
        {!conversation && view.closedToNew ? (
          <Text className="conversation-page__notice">发布者已关闭这条信息的留言</Text>
        ) : null}
        {view.messages.length === 0 && !closed && canWrite ? (
          <Text className="conversation-page__hint">写下你想了解的内容，发布者会在「消息」中看到。</Text>
        ) : null}
        <View className="conversation-page__messages" role="log" aria-live="polite">
          {view.messages.map(renderMessage)}
        </View>
        {canWrite ? renderComposer() : null}
      </View>
    )
  }

  function renderMessage(message: MessageItem) {
    const who = message.mine ? '我' : (view.conversation?.other.nickname ?? '对方')
    return (
      <View key={message.id} className={`bubble${message.mine ? ' bubble--mine' : ''}`}>
        <Text className="bubble__meta">
          {who} · {formatPostedTime(message.createdAt)}
        </Text>
        {message.text ? (
          <Text className="bubble__text" userSelect>
            {message.text}
          </Text>
        ) : null}
        {message.card ? (
          <View className="bubble__card" aria-label="名片">
            <Text className="bubble__card-title">名片</Text>
            {CARD_FIELDS.filter((f) => message.card?.[f]).map((f) => (
              <Text key={f} className="bubble__card-line" userSelect>
                {CARD_FIELD_LABELS[f]}：{message.card?.[f]}
              </Text>
            ))}
          </View>
        ) : !message.text ? (
          <Text className="bubble__text bubble__text--gone">名片已撤回</Text>
        ) : null}
      </View>
    )
  }

  function renderComposer() {
    return (
      <View className="conversation-page__composer">
        {choosing ? (
          <View className="card-choice">
            <Text className="card-choice__title">选择要发送的名片内容（每项单独选择）</Text>
            {CARD_FIELDS.filter((f) => (card?.[f] ?? '').length > 0).map((f) => (
              <View
                key={f}
                className={`card-choice__field${choosing.includes(f) ? ' card-choice__field--on' : ''}`}
                role="checkbox"
                aria-checked={choosing.includes(f)}
                onClick={() => toggleField(f)}
              >
                {CARD_FIELD_LABELS[f]}：{card?.[f]}
              </View>
            ))}
            <View className="card-choice__actions">
              <Button className="card-choice__cancel" onClick={() => setChoosing(null)}>
                取消
              </Button>
              <Button
                className="card-choice__send"
                disabled={choosing.length === 0 || view.sending || undefined}
                onClick={() => void sendChosen()}
              >
                发送名片
              </Button>
            </View>
          </View>
        ) : null}
        <Textarea
          className="conversation-page__input"
          value={text}
          maxlength={MESSAGE_MAX_LENGTH}
          placeholder="输入消息"
          aria-label="消息内容"
          autoHeight
          onInput={(e) => setText(e.detail.value)}
        />
        {view.sendError ? <Text className="conversation-page__error">{view.sendError.message}</Text> : null}
        <View className="conversation-page__send-row">
          {view.conversation ? (
            <Button className="conversation-page__card-button" onClick={startCard}>
              发名片
            </Button>
          ) : null}
          <Button
            className="conversation-page__send"
            disabled={text.trim().length === 0 || view.sending || undefined}
            onClick={() => void submit()}
          >
            {view.sending ? '发送中…' : '发送'}
          </Button>
        </View>
      </View>
    )
  }
}
