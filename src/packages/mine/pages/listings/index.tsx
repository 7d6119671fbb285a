import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import { listState, openListing, openPublish, Routes } from '@/features/listings'
import { MyListingCard, useMyListings } from '@/features/mine'
import { control } from '@/platform/control-role'
import '../mine.scss'

/** 「我的发布」: every listing of the member with its status, and what can be done with it. */
export default function MyListingsPage() {
  const session = useSession()
  const mine = useMyListings()
  const now = Date.now()

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

  return (
    <AppShell>
      <MemberGate
        member={session}
        purpose="管理你发布的信息"
        className="mine-page"
        state={listState(mine, {
          title: '你还没有发布过信息',
          actionText: '去发布',
          onAction: () => void openPublish(),
        })}
      >
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent() {
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
            onDecisions={(id) => void Taro.navigateTo({ url: `${Routes.myDecisions}?targetId=${id}` })}
          />
        ))}
        <View
          {...control('button')}
          className="mine-page__footer"
          onClick={() => void (mine.error ? mine.retry() : mine.loadMore())}
        >
          {mine.error ? '加载失败，点击重试' : mine.loadingMore ? '加载中…' : mine.hasMore ? '加载更多' : '没有更多了'}
        </View>
      </View>
    )
  }
}
