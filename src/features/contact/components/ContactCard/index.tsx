import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CARD_FIELD_LABELS, type ListingDetail } from '@shared/contracts'
import { Routes } from '@/routes'
import { callPhone, canSaveContact, copyText, saveContact } from '../../contact-actions'
import type { CardOffer } from '../../use-card-offer'
import type { ContactReveal } from '../../use-contact-reveal'
import './index.scss'

export interface ContactCardProps {
  listing: ListingDetail
  reveal: ContactReveal
  /** 「同时发送我的名片」 with the reveal; not offered when absent. */
  offer?: CardOffer
  /** Timeline single-page mode: no login there, so no reveal either; say where it works. */
  singlePage?: boolean
}

/**
 * 联系方式: masked until a logged-in member asks (every reveal is logged and counted by the server);
 * then the actions, each asking for its permission only when tapped.
 */
export function ContactCard({ listing, reveal, offer, singlePage }: ContactCardProps) {
  const shown = reveal.revealed
  const hasPublic = Boolean(listing.maskedPhone || listing.hasWechat || listing.hasQq || listing.contactName)
  const name = shown?.contactName || listing.contactName

  if (!hasPublic) {
    return (
      <View className="contact-card">
        <Text className="contact-card__title">联系方式</Text>
        <Text className="contact-card__note">发布者未公开联系方式，可通过评论与其交流。</Text>
      </View>
    )
  }

  return (
    <View className="contact-card">
      <Text className="contact-card__title">联系方式</Text>
      {name ? (
        <View className="contact-card__row">
          <Text className="contact-card__label">联系人</Text>
          <Text className="contact-card__value contact-card__name">{name}</Text>
        </View>
      ) : null}
      {listing.maskedPhone ? (
        <View className="contact-card__row">
          <Text className="contact-card__label">电话</Text>
          <Text className="contact-card__value contact-card__phone">{shown?.phone ?? listing.maskedPhone}</Text>
        </View>
      ) : null}
      {shown?.phone ? (
        <View className="contact-card__actions">
          <Button className="contact-card__action contact-card__call" onClick={() => void callPhone(shown.phone!)}>
            拨打电话
          </Button>
          {canSaveContact ? (
            <Button
              className="contact-card__action contact-card__save"
              onClick={() =>
                void saveContact({
                  firstName: name || listing.company || '合作联系人',
                  mobilePhoneNumber: shown.phone!,
                  ...(shown.wechat ? { weChatNumber: shown.wechat } : {}),
                  ...(listing.company ? { organization: listing.company } : {}),
                  remark: `质能视界：${listing.title}`,
                })
              }
            >
              存入通讯录
            </Button>
          ) : null}
        </View>
      ) : null}
      {listing.hasWechat ? (
        <View className="contact-card__row">
          <Text className="contact-card__label">微信</Text>
          {shown?.wechat ? (
            <>
              <Text className="contact-card__value contact-card__wechat" userSelect>
                {shown.wechat}
              </Text>
              <Button
                className="contact-card__inline contact-card__copy-wechat"
                onClick={() => void copyText(shown.wechat!, '微信号')}
              >
                复制微信号
              </Button>
            </>
          ) : (
            <Text className="contact-card__value contact-card__value--muted">已隐藏</Text>
          )}
        </View>
      ) : null}
      {listing.hasQq ? (
        <View className="contact-card__row">
          <Text className="contact-card__label">QQ</Text>
          {shown?.qq ? (
            <>
              <Text className="contact-card__value contact-card__qq" userSelect>
                {shown.qq}
              </Text>
              <Button
                className="contact-card__inline contact-card__copy-qq"
                onClick={() => void copyText(shown.qq!, 'QQ')}
              >
                复制 QQ
              </Button>
            </>
          ) : (
            <Text className="contact-card__value contact-card__value--muted">已隐藏</Text>
          )}
        </View>
      ) : null}
      {renderFooter()}
    </View>
  )

  function renderOffer(card: CardOffer) {
    return (
      <View className="contact-card__offer">
        <View
          className={`contact-card__tick${card.on ? ' contact-card__tick--on' : ''}`}
          role="checkbox"
          aria-checked={card.on}
          onClick={card.toggle}
        >
          同时发送我的名片
        </View>
        {card.on ? (
          card.error ? (
            <Text className="contact-card__error">{card.error.message}</Text>
          ) : card.fields === null ? (
            <Text className="contact-card__note">正在读取名片…</Text>
          ) : card.fields.length === 0 ? (
            <Button
              className="contact-card__inline contact-card__fill-card"
              onClick={() => void Taro.navigateTo({ url: Routes.businessCard })}
            >
              还没有名片，去填写
            </Button>
          ) : (
            <>
              <Text className="contact-card__note">选择要发给发布者的名片内容（每项单独选择）：</Text>
              {card.fields.map(({ field, value }) => (
                <View
                  key={field}
                  className={`contact-card__tick contact-card__field${card.chosen.includes(field) ? ' contact-card__tick--on' : ''}`}
                  role="checkbox"
                  aria-checked={card.chosen.includes(field)}
                  onClick={() => card.toggleField(field)}
                >
                  {CARD_FIELD_LABELS[field]}：{value}
                </View>
              ))}
            </>
          )
        ) : null}
      </View>
    )
  }

  function renderFooter() {
    if (singlePage) {
      return <Text className="contact-card__note">请点击下方「前往小程序」，登录后查看联系方式。</Text>
    }
    if (shown) {
      const sent = shown.cardSent ? Object.keys(shown.cardSent) : []
      return (
        <>
          {sent.length > 0 ? (
            <Text className="contact-card__note contact-card__card-sent">
              已向发布者发送名片：{sent.map((f) => CARD_FIELD_LABELS[f as keyof typeof CARD_FIELD_LABELS]).join('、')}
            </Text>
          ) : null}
          <Text className="contact-card__note">
            今日还可查看 {shown.remainingToday} 条信息的联系方式。请通过正规渠道沟通，谨防诈骗。
          </Text>
        </>
      )
    }
    return (
      <>
        {offer?.available ? renderOffer(offer) : null}
        {reveal.error ? <Text className="contact-card__error">{reveal.error.message}</Text> : null}
        <Button
          className="contact-card__reveal"
          disabled={reveal.revealing || undefined}
          loading={reveal.revealing}
          onClick={() => void reveal.reveal(offer?.chosen)}
        >
          查看联系方式
        </Button>
        <Text className="contact-card__note">
          为保护发布者的个人信息，联系方式已部分隐藏；登录后可查看，发布者能看到查看记录。
        </Text>
      </>
    )
  }
}
