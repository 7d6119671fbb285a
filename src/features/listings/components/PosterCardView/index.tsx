import { Image, Text, View } from '@tarojs/components'
import type { PosterCard } from '@shared/contracts'
import { imageText } from '@/platform/image-text'
import './index.scss'

const since = (at: number) => {
  const d = new Date(at + 8 * 60 * 60 * 1000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月加入`
}

/**
 * Who posted: public name and avatar, company, since when a member, how many listings they show now, and
 * the IP属地 of their latest posting.
 */
export function PosterCardView({ card }: { card: PosterCard }) {
  return (
    <View className="poster-card" aria-label="发布者">
      {card.avatarUrl ? (
        <Image className="poster-card__avatar" src={card.avatarUrl} mode="aspectFill" {...imageText('')} />
      ) : (
        <View className="poster-card__avatar poster-card__avatar--initial" aria-hidden>
          {card.nickname.slice(0, 1)}
        </View>
      )}
      <View className="poster-card__text">
        <Text className="poster-card__name">{card.nickname}</Text>
        {card.companyName ? <Text className="poster-card__company">{card.companyName}</Text> : null}
        <Text className="poster-card__facts">
          {[
            card.memberSince ? since(card.memberSince) : null,
            `发布 ${card.publishedCount} 条信息`,
            `IP属地：${card.ipRegion}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </View>
    </View>
  )
}
