import { useEffect, useLayoutEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useShareAppMessage } from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { IcpFooter } from '@/components/IcpFooter'
import { dropFirstScreenCards } from '@/platform/first-screen'
import { AccountEntry } from '@/features/auth'
import { useUnreadBadge } from '@/features/notices'
import { Routes } from '@/routes'
import {
  CategoryTabs,
  FeedList,
  openListing,
  openSearch,
  RegionFilter,
  SearchEntry,
  useCategories,
  useFeed,
  type RegionChoice,
} from '@/features/listings'
import './index.scss'

export default function FeedPage() {
  const [category, setCategory] = useState<string | undefined>(undefined)
  const [region, setRegion] = useState<RegionChoice>({})
  const tabs = useCategories()
  const feed = useFeed({ category, ...region })
  // The feed is a tab page too: 消息's badge is set from here on launch and on every return.
  const badge = useUnreadBadge()
  // H5: the server's copy of the first cards stays until this page shows its own list (or its empty or
  // error state), in the same commit; and goes when the page does.
  const settled = !feed.loading
  useLayoutEffect(() => {
    if (settled) dropFirstScreenCards()
  }, [settled])
  useLayoutEffect(() => dropFirstScreenCards, [])

  // The chosen tab's category was hidden in 分类管理 meanwhile: back to 全部.
  const tabGone =
    category !== undefined && !tabs.loading && !tabs.error && !tabs.categories.some((c) => c.id === category)
  useEffect(() => {
    if (tabGone) setCategory(undefined)
  }, [tabGone])

  // A failed launch usually failed for both requests: one retry brings back the tabs as well.
  const retry = () => {
    if (tabs.error) void tabs.reload()
    void feed.retry()
  }

  usePullDownRefresh(async () => {
    try {
      await Promise.all([feed.refresh(), badge.refresh()])
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    void feed.loadMore()
  })

  useShareAppMessage(() => ({ title: '质能视界 · 发现合作机会', path: Routes.feed }))

  const filtered = Boolean(category || region.province || region.city)

  return (
    <AppShell>
      <View className="feed-page">
        <View className="feed-page__header">
          <SearchEntry onOpen={() => openSearch()} />
          <AccountEntry />
        </View>
        <View className="feed-page__filters">
          <View className="feed-page__tabs">
            <CategoryTabs categories={tabs.categories} active={category} onChange={setCategory} />
          </View>
          <RegionFilter value={region} onChange={setRegion} />
        </View>
        <View className="feed-page__list">
          <FeedList
            feed={feed}
            onOpen={openListing}
            onRetry={retry}
            emptyTitle="暂无合作信息"
            emptyHint={filtered ? '换个分类或地区看看' : '稍后再来看看'}
          />
        </View>
        <IcpFooter />
      </View>
    </AppShell>
  )
}
