import { useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { imageText } from '@/platform/image-text'
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import type { ListingDetail } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
// Listings first: its stylesheets (cards, state views, the sheet) then load in the same order on every page.
import {
  backOrHome,
  formatDate,
  formatPostedTime,
  formatRegion,
  formatViewCount,
  ListingCard,
  openListing,
  PosterCardView,
  Routes,
  shareCard,
  StateView,
  timelineCard,
  useFeed,
  useListing,
  usePosterCard,
} from '@/features/listings'
import { ContactCard, useCardOffer, useContactReveal } from '@/features/contact'
// Straight from the module: the search history (same feature folder) belongs to the search subpackage.
import { useRecordBrowse } from '@/features/history/browse-history'
import { CommentSection, ReportSheet, useComments, useListingInteractions } from '@/features/interactions'
import { isTimelineSinglePage } from '@/platform/launch-scene'
// Only the route: the conversation page and its hooks are in the messages subpackage.
import { askAbout } from '@/features/messages/routes'
import { ShareButton } from '@/platform/share-button'
import { control } from '@/platform/control-role'
import './index.scss'

export default function DetailPage() {
  const { params } = useRouter()
  // Ids are [A-Za-z0-9_-] (IdSchema), so they need no decoding; anything else fails validation → not found.
  const id = params.id
  const { listing, loading, error, notFound, reload } = useListing(id)
  useRecordBrowse(listing)

  // Built from the public listing only: the revealed contact (useContactReveal below) never reaches a share card.
  useShareAppMessage(() => shareCard(id, listing))
  useShareTimeline(() => timelineCard(id, listing))

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
            onAction={backOrHome}
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

function ListingDetailView({ listing }: { listing: ListingDetail }) {
  // 朋友圈 single-page mode: no login, no open-type buttons; reading works, acting does not.
  const [singlePage] = useState(isTimelineSinglePage)
  const reveal = useContactReveal(listing.id)
  const cardOffer = useCardOffer()
  const social = useListingInteractions(listing.id, !singlePage)
  const comments = useComments(listing.id)
  const poster = usePosterCard(listing.id)
  const others = useFeed({ posterId: listing.posterId }, 6)
  const [reporting, setReporting] = useState(false)
  const mine = social.interactions?.isPoster ?? false
  const otherListings = others.items.filter((item) => item.id !== listing.id).slice(0, 5)
  const card = shareCard(listing.id, listing)

  const facts: [string, string][] = [
    ['公司', listing.company],
    ['品牌', listing.brand],
    ['地区', formatRegion(listing.province, listing.city)],
    ...listing.extra.map((field): [string, string] => [field.label, field.value]),
    ['有效期至', formatDate(listing.expiresAt)],
  ]
  const previewImage = (current: string) => {
    void Taro.previewImage({ current, urls: listing.images })
  }
  const toggleFavourite = async () => {
    await social.toggleFavourite()
  }

  return (
    <View className="detail-page">
      <View className="detail-page__card detail-page__header">
        <Text className="detail-page__chip">{listing.categoryName}</Text>
        <Text className="detail-page__title">{listing.title}</Text>
        <View className="detail-page__meta">
          <Text className="detail-page__time">
            {formatPostedTime(listing.publishedAt)}发布 · IP属地：{listing.ipRegion}
          </Text>
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
            {listing.images.map((src, i) => (
              <Image
                {...control('button')}
                key={src}
                className="detail-page__image"
                {...imageText(`${listing.title} 图片 ${i + 1}`)}
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
        {poster ? <PosterCardView card={poster} /> : null}
        <ContactCard listing={listing} reveal={reveal} offer={cardOffer} singlePage={singlePage} />
        {mine || singlePage ? null : (
          <Button className="detail-page__ask" onClick={() => askAbout(listing.id)}>
            给TA留言
          </Button>
        )}
        {mine ? (
          <View
            {...control('link')}
            className="detail-page__link"
            onClick={() => void Taro.navigateTo({ url: `${Routes.revealLog}?listingId=${listing.id}` })}
          >
            谁看过我的联系方式 ›
          </View>
        ) : null}
      </View>

      {singlePage ? null : (
        <View className="detail-page__card detail-page__actions">
          <Button
            className={`detail-page__action detail-page__favourite${social.interactions?.favourited ? ' detail-page__favourite--on' : ''}`}
            disabled={social.favouriting || undefined}
            onClick={() => void toggleFavourite()}
          >
            {social.interactions?.favourited ? '已收藏' : '收藏'}
          </Button>
          <ShareButton className="detail-page__action detail-page__share" title={card.title} path={card.path}>
            分享
          </ShareButton>
          {mine ? null : social.interactions?.myReport ? (
            <View className="detail-page__action detail-page__reported">
              {social.interactions.myReport.statusLabel}
            </View>
          ) : (
            <Button className="detail-page__action detail-page__report" onClick={() => setReporting(true)}>
              举报
            </Button>
          )}
        </View>
      )}
      {social.error ? <Text className="detail-page__error">{social.error.message}</Text> : null}

      <View className="detail-page__card">
        <CommentSection comments={comments} readOnly={singlePage} />
      </View>

      {otherListings.length > 0 ? (
        <View className="detail-page__others">
          <Text className="detail-page__others-title">TA 的其他信息</Text>
          {otherListings.map((item) => (
            <ListingCard key={item.id} listing={item} onOpen={openListing} />
          ))}
        </View>
      ) : null}

      {reporting ? (
        <ReportSheet listingId={listing.id} onSubmit={social.report} onClose={() => setReporting(false)} />
      ) : null}
    </View>
  )
}
