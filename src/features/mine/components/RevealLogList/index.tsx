import { Image, Text, View } from '@tarojs/components'
import { imageText } from '@/platform/image-text'
import { CARD_FIELD_LABELS, CARD_FIELDS, type RevealLogEntry } from '@shared/contracts'
import { formatPostedTime } from '@/features/listings/format'
import { listState, StateView } from '@/features/listings'
import type { PagedList } from '../../paged-list'
import { control } from '@/platform/control-role'
import './index.scss'

/**
 * 「谁看过我的联系方式」: who (nickname, company; never their phone), which listing, when, and the 名片 fields
 * the viewer chose to send with the reveal.
 */
export function RevealLogList({ log, showListing }: { log: PagedList<RevealLogEntry>; showListing: boolean }) {
  const now = Date.now()
  const state = listState(log, { title: '还没有人查看过你的联系方式' }, 2)
  if (state) return <StateView {...state} />
  return (
    <View className="reveal-log">
      {log.items.map((entry) => (
        <View key={entry.id} className="reveal-log__item">
          <View className="reveal-log__avatar">
            {entry.viewer.avatarUrl ? (
              <Image
                className="reveal-log__avatar-image"
                src={entry.viewer.avatarUrl}
                mode="aspectFill"
                {...imageText('')}
              />
            ) : (
              <Text>{(entry.viewer.nickname || '用').slice(0, 1)}</Text>
            )}
          </View>
          <View className="reveal-log__main">
            <Text className="reveal-log__viewer">
              {entry.viewer.nickname || '未设置昵称的用户'}
              {entry.viewer.companyName ? ` · ${entry.viewer.companyName}` : ''}
            </Text>
            {showListing ? <Text className="reveal-log__listing">查看了「{entry.listingTitle}」</Text> : null}
            {entry.card ? (
              <View className="reveal-log__card" aria-label="对方发来的名片">
                <Text className="reveal-log__card-title">对方发来的名片</Text>
                {CARD_FIELDS.filter((f) => entry.card?.[f]).map((f) => (
                  <Text key={f} className="reveal-log__card-line" userSelect>
                    {CARD_FIELD_LABELS[f]}：{entry.card?.[f]}
                  </Text>
                ))}
              </View>
            ) : null}
          </View>
          <Text className="reveal-log__time">{formatPostedTime(entry.at, now)}</Text>
        </View>
      ))}
      {log.error ? (
        <View
          {...control('button')}
          className="reveal-log__footer reveal-log__footer--error"
          onClick={() => void log.retry()}
        >
          加载失败，点击重试
        </View>
      ) : log.hasMore ? (
        <View {...control('button')} className="reveal-log__footer" onClick={() => void log.loadMore()}>
          {log.loadingMore ? '加载中…' : '加载更多'}
        </View>
      ) : (
        <View className="reveal-log__footer">没有更多了</View>
      )}
    </View>
  )
}
