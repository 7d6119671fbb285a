import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import { formatPostedTime, listState, openListing } from '@/features/listings'
import { useFavourites } from '@/features/mine'
import { control } from '@/platform/control-role'
import '../mine.scss'

/** 「我的收藏」 (kept on the server, per member): open, remove one, or clear all after confirming. */
export default function FavouritesPage() {
  const session = useSession()
  const favourites = useFavourites()
  const now = Date.now()

  usePullDownRefresh(async () => {
    try {
      await favourites.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    void favourites.loadMore()
  })

  const clearAll = async () => {
    const { confirm } = await Taro.showModal({
      title: '清空收藏',
      content: '将移除你的全部收藏，且无法恢复。确定清空吗？',
      confirmText: '清空',
      cancelText: '取消',
    })
    if (confirm) await favourites.clear()
  }

  return (
    <AppShell>
      <MemberGate
        member={session}
        purpose="查看收藏"
        className="mine-page"
        state={listState(favourites, { title: '还没有收藏', hint: '在信息详情页点「收藏」，就能在这里找到它' })}
      >
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent() {
    return (
      <View className="mine-page">
        <View className="mine-page__toolbar">
          <Text>
            共 {favourites.items.length} 条{favourites.hasMore ? '+' : ''}
          </Text>
          <View
            {...control('button')}
            className="mine-page__clear favourites-page__clear"
            onClick={() => void clearAll()}
          >
            清空收藏
          </View>
        </View>
        {favourites.actionError ? <Text className="mine-page__error">{favourites.actionError.message}</Text> : null}
        {favourites.items.map((item) => (
          <View key={item.listingId} className="mine-page__row favourites-page__item">
            <View
              {...control('link')}
              className="mine-page__row-main"
              onClick={() => (item.available ? openListing(item.listingId) : undefined)}
            >
              <Text className={`mine-page__row-title${item.available ? '' : ' mine-page__row-title--gone'}`}>
                {item.title}
              </Text>
              <Text className="mine-page__row-meta">
                {item.available ? `${item.listing?.categoryName ?? ''} · ` : '已失效 · '}
                {formatPostedTime(item.favouritedAt, now)}收藏
              </Text>
            </View>
            <View
              {...control('button')}
              className="mine-page__row-remove"
              onClick={() => void favourites.remove(item.listingId)}
            >
              取消收藏
            </View>
          </View>
        ))}
        <View {...control('button')} className="mine-page__footer" onClick={() => void favourites.loadMore()}>
          {favourites.loadingMore ? '加载中…' : favourites.hasMore ? '加载更多' : '没有更多了'}
        </View>
      </View>
    )
  }
}
