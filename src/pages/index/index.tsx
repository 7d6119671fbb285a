import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useShareAppMessage } from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { AccountEntry } from '@/features/auth'
import { CategoryTabs, ListingCard, StateView, useCategories, useFeed } from '@/features/listings'
import './index.scss'

export default function FeedPage() {
  const [category, setCategory] = useState<string | undefined>(undefined)
  const tabs = useCategories()
  const feed = useFeed({ category })
  const now = Date.now()

  // A failed launch usually failed for both requests: one retry brings back the tabs as well.
  const retry = () => {
    if (tabs.error) void tabs.reload()
    void feed.retry()
  }

  usePullDownRefresh(async () => {
    try {
      await feed.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    void feed.loadMore()
  })

  useShareAppMessage(() => ({ title: '质能视界 · 发现合作机会', path: '/pages/index/index' }))

  const openListing = (id: string) => {
    void Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(id)}` })
  }

  return (
    <AppShell>
      <View className="feed-page">
        <View className="feed-page__header">
          <Text className="feed-page__slogan">发现合作机会</Text>
          <AccountEntry />
        </View>
        <CategoryTabs categories={tabs.categories} active={category} onChange={setCategory} />
        <View className="feed-page__list">{renderBody()}</View>
      </View>
    </AppShell>
  )

  function renderBody() {
    if (feed.loading) return <StateView kind="loading" />
    if (feed.items.length === 0) {
      if (feed.error) return <StateView kind="error" message={feed.error.message} onRetry={retry} />
      return <StateView kind="empty" title="暂无合作信息" hint={category ? '换个分类看看' : '稍后再来看看'} />
    }
    return (
      <>
        {feed.items.map((listing) => (
          <ListingCard key={listing.id} listing={listing} now={now} onOpen={openListing} />
        ))}
        {renderFooter()}
      </>
    )
  }

  function renderFooter() {
    if (feed.error) {
      return (
        <View className="feed-page__footer feed-page__footer--error" onClick={retry}>
          加载失败，点击重试
        </View>
      )
    }
    if (feed.loadingMore) return <View className="feed-page__footer">加载中…</View>
    if (!feed.hasMore) return <View className="feed-page__footer">没有更多了</View>
    // Reach-bottom never fires when a short page does not fill the screen: the footer doubles as a button.
    return (
      <View className="feed-page__footer" onClick={() => void feed.loadMore()}>
        上拉加载更多
      </View>
    )
  }
}
