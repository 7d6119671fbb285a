import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import type { ListingDetail } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { formatDate, formatPostedTime, formatRegion, formatViewCount, StateView, useListing } from '@/features/listings'
import './index.scss'

const FEED_PATH = '/pages/index/index'

export default function DetailPage() {
  const { params } = useRouter()
  // Ids are [A-Za-z0-9_-] (IdSchema), so they need no decoding; anything else fails validation → not found.
  const id = params.id
  const { listing, loading, error, notFound, reload } = useListing(id)

  // Only the title and the id travel in a share card: contact details never do.
  useShareAppMessage(() => ({
    title: listing?.title ?? '质能视界 · 合作信息',
    path: `/pages/detail/index?id=${encodeURIComponent(id ?? '')}`,
  }))
  useShareTimeline(() => ({
    title: listing?.title ?? '质能视界 · 合作信息',
    query: `id=${encodeURIComponent(id ?? '')}`,
  }))

  return <AppShell>{renderContent()}</AppShell>

  function renderContent() {
    if (loading) {
      return (
        <View className="detail-page">
          <StateView kind="loading" rows={2} />
        </View>
      )
    }
    if (notFound || (!listing && !error)) {
      return (
        <View className="detail-page">
          <StateView
            kind="empty"
            title="该信息不存在或已下架"
            hint="看看其他合作信息吧"
            actionText="返回首页"
            onAction={backToFeed}
          />
        </View>
      )
    }
    if (!listing) {
      return (
        <View className="detail-page">
          <StateView kind="error" message={error?.message ?? ''} onRetry={() => void reload()} />
        </View>
      )
    }
    return <ListingDetailView listing={listing} />
  }
}

/** A shared card opens the detail as the first page: there is nothing to go back to, so relaunch. */
function backToFeed() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: FEED_PATH })
}

function ListingDetailView({ listing }: { listing: ListingDetail }) {
  const facts: [string, string][] = [
    ['公司', listing.company],
    ['品牌', listing.brand],
    ['地区', formatRegion(listing.province, listing.city)],
    ['有效期至', formatDate(listing.expiresAt)],
  ]
  const previewImage = (current: string) => {
    void Taro.previewImage({ current, urls: listing.images })
  }

  return (
    <View className="detail-page">
      <View className="detail-page__card detail-page__header">
        <Text className="detail-page__chip">{listing.categoryName}</Text>
        <Text className="detail-page__title">{listing.title}</Text>
        <View className="detail-page__meta">
          <Text className="detail-page__time">{formatPostedTime(listing.publishedAt)}发布</Text>
          <Text className="detail-page__views">{formatViewCount(listing.viewCount)} 次浏览</Text>
        </View>
      </View>

      <View className="detail-page__card">
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <View key={label} className="detail-page__fact">
              <Text className="detail-page__label">{label}</Text>
              <Text className="detail-page__value">{value}</Text>
            </View>
          ))}
      </View>

      <View className="detail-page__card">
        <Text className="detail-page__section">合作需求</Text>
        <Text className="detail-page__description" userSelect>
          {listing.description}
        </Text>
        {listing.images.length > 0 ? (
          <View className="detail-page__images">
            {listing.images.map((src) => (
              <Image
                key={src}
                className="detail-page__image"
                src={src}
                mode="aspectFill"
                lazyLoad
                onClick={() => previewImage(src)}
              />
            ))}
          </View>
        ) : null}
      </View>

      <View className="detail-page__card detail-page__contact">
        <Text className="detail-page__section">联系方式</Text>
        {listing.contactName ? (
          <View className="detail-page__fact">
            <Text className="detail-page__label">联系人</Text>
            <Text className="detail-page__value detail-page__contact-name">{listing.contactName}</Text>
          </View>
        ) : null}
        {listing.maskedPhone ? (
          <View className="detail-page__fact">
            <Text className="detail-page__label">电话</Text>
            <Text className="detail-page__value detail-page__phone">{listing.maskedPhone}</Text>
          </View>
        ) : null}
        {listing.hasWechat ? (
          <View className="detail-page__fact">
            <Text className="detail-page__label">微信</Text>
            <Text className="detail-page__value detail-page__value--muted">已隐藏</Text>
          </View>
        ) : null}
        {listing.hasQq ? (
          <View className="detail-page__fact">
            <Text className="detail-page__label">QQ</Text>
            <Text className="detail-page__value detail-page__value--muted">已隐藏</Text>
          </View>
        ) : null}
        <Text className="detail-page__note">为保护发布者的个人信息，联系方式已部分隐藏。</Text>
      </View>
    </View>
  )
}
