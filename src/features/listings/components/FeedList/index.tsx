import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import type { Feed } from '../../use-feed'
import { ListingCard } from '../ListingCard'
import { StateView } from '../StateView'
import { control } from '@/platform/control-role'
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

/** About what a phone's first screen shows of a feed, under the header and the tabs. */
const FIRST_SCREEN_CARDS = 4

/** The frame after this one (a mini-program's logic layer has no requestAnimationFrame). */
function afterNextFrame(run: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    const timer = setTimeout(run, 16)
    return () => clearTimeout(timer)
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run, 0)
  })
  return () => {
    cancelAnimationFrame(frame)
    if (timer !== undefined) clearTimeout(timer)
  }
}

/**
 * How many cards to build: the first screen's first, painted before the rest are built a frame later
 * (twenty cards at once take a slow phone over half a second, most of it for cards below the fold), then
 * all of them from then on.
 */
function useFirstScreenFirst(count: number): number {
  const [all, setAll] = useState(false)
  const staggered = !all && count > FIRST_SCREEN_CARDS
  useEffect(() => (staggered ? afterNextFrame(() => setAll(true)) : undefined), [staggered])
  return staggered ? FIRST_SCREEN_CARDS : count
}

/** Cards of a feed with its loading, empty and error states, and a footer that loads more. */
export function FeedList({ feed, onOpen, emptyTitle, emptyHint, onRetry, highlight }: FeedListProps) {
  const retry = onRetry ?? (() => void feed.retry())
  const now = Date.now()
  const shown = useFirstScreenFirst(feed.items.length)

  if (feed.loading) return <StateView kind="loading" />
  if (feed.items.length === 0) {
    if (feed.error) return <StateView kind="error" message={feed.error.message} onRetry={retry} />
    return <StateView kind="empty" title={emptyTitle} hint={emptyHint} />
  }
  return (
    <View className="feed-list">
      {feed.items.slice(0, shown).map((listing) => (
        <ListingCard key={listing.id} listing={listing} now={now} onOpen={onOpen} highlight={highlight} />
      ))}
      {shown < feed.items.length ? null : renderFooter()}
    </View>
  )

  function renderFooter() {
    if (feed.error) {
      return (
        <View {...control('button')} className="feed-list__footer feed-list__footer--error" onClick={retry}>
          加载失败，点击重试
        </View>
      )
    }
    if (feed.loadingMore) return <View className="feed-list__footer">加载中…</View>
    if (!feed.hasMore) return <View className="feed-list__footer">没有更多了</View>
    // Reach-bottom never fires when a short page does not fill the screen: the footer doubles as a button.
    return (
      <View {...control('button')} className="feed-list__footer" onClick={() => void feed.loadMore()}>
        上拉加载更多
      </View>
    )
  }
}
