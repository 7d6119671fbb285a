import { View } from '@tarojs/components'
import type { Feed } from '../../use-feed'
import { ListingCard } from '../ListingCard'
import { StateView } from '../StateView'
import './index.scss'

export interface FeedListProps {
  feed: Feed
  onOpen(id: string): void
  emptyTitle: string
  emptyHint?: string
  /** A failed first load often failed for other requests too (the tabs): one retry brings all back. */
  onRetry?: () => void
  /** A search's keyword, marked in each card's title. */
  highlight?: string
}

/** Cards of a feed with its loading, empty and error states, and a footer that loads more. */
export function FeedList({ feed, onOpen, emptyTitle, emptyHint, onRetry, highlight }: FeedListProps) {
  const retry = onRetry ?? (() => void feed.retry())
  const now = Date.now()

  if (feed.loading) return <StateView kind="loading" />
  if (feed.items.length === 0) {
    if (feed.error) return <StateView kind="error" message={feed.error.message} onRetry={retry} />
    return <StateView kind="empty" title={emptyTitle} hint={emptyHint} />
  }
  return (
    <View className="feed-list">
      {feed.items.map((listing) => (
        <ListingCard key={listing.id} listing={listing} now={now} onOpen={onOpen} highlight={highlight} />
      ))}
      {renderFooter()}
    </View>
  )

  function renderFooter() {
    if (feed.error) {
      return (
        <View className="feed-list__footer feed-list__footer--error" onClick={retry}>
          加载失败，点击重试
        </View>
      )
    }
    if (feed.loadingMore) return <View className="feed-list__footer">加载中…</View>
    if (!feed.hasMore) return <View className="feed-list__footer">没有更多了</View>
    // Reach-bottom never fires when a short page does not fill the screen: the footer doubles as a button.
    return (
      <View className="feed-list__footer" onClick={() => void feed.loadMore()}>
        上拉加载更多
      </View>
    )
  }
}
