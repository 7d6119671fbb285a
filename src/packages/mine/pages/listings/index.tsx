import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useRef } from 'react'
import { AppShell } from '@/components/AppShell'
import { ensureLoggedIn, useSession } from '@/features/auth'
import { openListing, openPublish, Routes, StateView } from '@/features/listings'
import { MyListingCard, useMyListings } from '@/features/mine'
import '../mine.scss'

/** 「我的发布」: every listing of the member with its status, and what can be done with it. */
export default function MyListingsPage() {
  const session = useSession()
  const mine = useMyListings()
  const shownOnce = useRef(false)
  const now = Date.now()

  // Back from editing: the list shows what the server has now.
  useDidShow(() => {
    if (shownOnce.current) void mine.refresh()
    shownOnce.current = true
  })

  usePullDownRefresh(async () => {
    try {
      await mine.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    void mine.loadMore()
  })

  return <AppShell>{renderContent()}</AppShell>

  function renderContent() {
    if (!session) {
      return (
        <View className="mine-page">
          <StateView
            kind="empty"
            title="登录后管理你发布的信息"
            actionText="登录"
            onAction={() => void ensureLoggedIn('管理你发布的信息')}
          />
        </View>
      )
    }
    if (mine.loading) {
      return (
        <View className="mine-page">
          <StateView kind="loading" />
        </View>
      )
    }
    if (mine.items.length === 0) {
      return (
        <View className="mine-page">
          {mine.error ? (
            <StateView kind="error" message={mine.error.message} onRetry={() => void mine.retry()} />
          ) : (
            <StateView
              kind="empty"
              title="你还没有发布过信息"
              actionText="去发布"
              onAction={() => void openPublish()}
            />
          )}
        </View>
      )
    }
    return (
      <View className="mine-page">
        {mine.actionError ? <Text className="mine-page__error">{mine.actionError.message}</Text> : null}
        {mine.items.map((item) => (
          <MyListingCard
            key={item.id}
            item={item}
            mine={mine}
            now={now}
            onOpen={openListing}
            onEdit={(id) => void openPublish(id)}
            onRevealLog={(id) => void Taro.navigateTo({ url: `${Routes.revealLog}?listingId=${id}` })}
          />
        ))}
        <View className="mine-page__footer" onClick={() => void mine.loadMore()}>
          {mine.error ? '加载失败，点击重试' : mine.loadingMore ? '加载中…' : mine.hasMore ? '加载更多' : '没有更多了'}
        </View>
      </View>
    )
  }
}
