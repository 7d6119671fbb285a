import { Image, Text, View } from '@tarojs/components'
import { imageText } from '@/platform/image-text'
import type { ListingSummary } from '@shared/contracts'
import { formatPostedTime, formatRegion, formatViewCount } from '../../format'
import { HighlightedText } from '../HighlightedText'
import { control } from '@/platform/control-role'
import './index.scss'

export interface ListingCardProps {
  listing: ListingSummary
  onOpen(id: string): void
  /** Injected so that a long list computes 「3 小时前」 against one clock reading. */
  now?: number
  /** A search's keyword, marked in the title. */
  highlight?: string
}

export function ListingCard({ listing, onOpen, now, highlight }: ListingCardProps) {
  const party = [listing.company, listing.brand].filter(Boolean).join(' · ')
  return (
    <View
      {...control('link')}
      className="listing-card"
      hoverClass="listing-card--pressed"
      onClick={() => onOpen(listing.id)}
    >
      <View className="listing-card__body">
        <View className="listing-card__main">
          <View className="listing-card__head">
            <Text className="listing-card__chip">{listing.categoryName}</Text>
            <HighlightedText className="listing-card__title" text={listing.title} keyword={highlight} />
          </View>
          {listing.summary ? <Text className="listing-card__summary">{listing.summary}</Text> : null}
          {party ? <Text className="listing-card__party">{party}</Text> : null}
        </View>
        {listing.coverImage ? (
          <Image
            className="listing-card__cover"
            src={listing.coverThumbnail ?? listing.coverImage}
            mode="aspectFill"
            lazyLoad
            {...imageText('')}
          />
        ) : null}
      </View>
      <View className="listing-card__meta">
        <Text className="listing-card__region">{formatRegion(listing.province, listing.city)}</Text>
        <Text className="listing-card__time">{formatPostedTime(listing.publishedAt, now)}</Text>
        <Text className="listing-card__views">{formatViewCount(listing.viewCount)} 次浏览</Text>
      </View>
    </View>
  )
}
