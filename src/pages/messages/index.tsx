import { useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { NoticeItem } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import { listState, openListing, Routes } from '@/features/listings'
import { useNotices, useUnreadBadge } from '@/features/notices'
import { NoticeCard } from '@/features/notices/components/NoticeCard'
// Straight from the modules: the conversation page itself is in the messages subpackage.
import { openConversation } from '@/features/messages/routes'
import { useConversations } from '@/features/messages/use-conversations'
import { control } from '@/platform/control-role'
import './index.scss'

/**
 * 消息 (a tab page, at NOTICE_PAGE: subscription messages open it). The member's notices newest first; an
 * unread incident notice above them in a highlighted card; tapping a notice opens it and marks it read.
 */
export default function MessagesPage() {
  const session = useSession()
  const notices = useNotices()
  const conversations = useConversations()
  const badge = useUnreadBadge()
  const shown = useRef(false)

  // Back on the tab: notices may have arrived meanwhile (the first show is the first load).
  useDidShow(() => {
    if (shown.current) void Promise.all([notices.refresh(), conversations.refresh()])
    shown.current = true
  })

  usePullDownRefresh(async () => {
    try {
      await Promise.all([notices.refresh(), conversations.refresh(), badge.refresh()])
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    void notices.loadMore()
  })

  const renew = async (listingId: string) => {
    if (await notices.renew(listingId)) void Taro.showToast({ title: '已续期', icon: 'success' })
  }

  const openDecisions = (notice: NoticeItem) => {
    const listingId = notice.target?.kind === 'listing' ? notice.target.id : null
    void Taro.navigateTo({
      url: listingId ? `${Routes.myDecisions}?targetId=${encodeURIComponent(listingId)}` : Routes.myDecisions,
    })
  }

  return (
    <AppShell>
      <MemberGate
        member={session}
        purpose="查看消息"
        className="messages-page"
        state={listState(notices, { title: '暂无消息', hint: '审核结果、评论、到期提醒和平台公告会显示在这里。' })}
      >
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent() {
    const unread = notices.items.some((n) => !n.read) || badge.unread > 0
    return (
      <View className="messages-page">
        {conversations.items.length > 0 ? (
          <View className="messages-page__conversations" aria-label="会话">
            <Text className="messages-page__section">会话</Text>
            {conversations.items.map((c) => (
              <View
                {...control('link')}
                key={c.conversationId}
                className="conversation-row"
                onClick={() => openConversation(c.conversationId)}
              >
                <View className="conversation-row__text">
                  <Text className="conversation-row__who">
                    {c.other.nickname}
                    {c.other.companyName ? ` · ${c.other.companyName}` : ''}
                  </Text>
                  <Text className="conversation-row__title">{c.listingTitle}</Text>
                  <Text className="conversation-row__last">{c.closed ? '会话已关闭' : c.lastText}</Text>
                </View>
                {c.unread > 0 ? (
                  <Text className="conversation-row__badge" aria-label={`${c.unread} 条未读`}>
                    {c.unread > 99 ? '99+' : c.unread}
                  </Text>
                ) : null}
              </View>
            ))}
            {conversations.hasMore ? (
              <View
                {...control('button')}
                className="messages-page__footer"
                onClick={() => void conversations.loadMore()}
              >
                更多会话
              </View>
            ) : null}
          </View>
        ) : null}
        {notices.prominent.length > 0 ? (
          <View className="messages-page__prominent">{notices.prominent.map((n) => renderNotice(n, true))}</View>
        ) : null}
        <View className="messages-page__toolbar">
          <Text className="messages-page__count">{badge.unread > 0 ? `${badge.unread} 条未读` : '没有未读消息'}</Text>
          <View className="messages-page__actions">
            <View
              {...control('button')}
              className={`messages-page__action messages-page__read-all${unread ? '' : ' messages-page__action--off'}`}
              onClick={() => void (unread && !notices.markingAll ? notices.markAllRead() : undefined)}
            >
              {notices.markingAll ? '标记中…' : '全部已读'}
            </View>
            <View
              {...control('link')}
              className="messages-page__action messages-page__settings"
              onClick={() => void Taro.navigateTo({ url: Routes.noticeSettings })}
            >
              消息设置
            </View>
          </View>
        </View>
        {notices.actionError ? <Text className="messages-page__error">{notices.actionError}</Text> : null}
        {notices.rest.map((n) => renderNotice(n, false))}
        <View
          {...control('button')}
          className="messages-page__footer"
          onClick={() => void (notices.error ? notices.retry() : notices.loadMore())}
        >
          {notices.error
            ? '加载失败，点击重试'
            : notices.loadingMore
              ? '加载中…'
              : notices.hasMore
                ? '加载更多'
                : '没有更多了'}
        </View>
      </View>
    )
  }

  function renderNotice(notice: NoticeItem, prominent: boolean) {
    const listingId = notice.action?.kind === 'renewListing' ? notice.action.listingId : null
    return (
      <NoticeCard
        key={notice.id}
        notice={notice}
        prominent={prominent}
        open={notices.openId === notice.id}
        renewing={listingId !== null && notices.renewing === listingId}
        renewed={listingId ? notices.renewed[listingId] : undefined}
        onToggle={(n) => void notices.toggle(n)}
        onOpenDecisions={openDecisions}
        onOpenReports={() => void Taro.navigateTo({ url: Routes.myReports })}
        onOpenRequests={() => void Taro.navigateTo({ url: Routes.supportRequests })}
        onOpenListing={openListing}
        onOpenConversation={openConversation}
        onRenew={(id) => void renew(id)}
      />
    )
  }
}
