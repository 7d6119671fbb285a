import { Button, Text, View } from '@tarojs/components'
import { NOTICE_KIND_LABELS, type NoticeItem } from '@shared/contracts'
import { formatDate, formatPostedTime } from '@/features/listings/format'
import type { RenewedListing } from '../../use-notices'
import { control } from '@/platform/control-role'
import './index.scss'

/** Kinds whose record (with its appeal) is on 处理记录. */
const DECISION_KINDS = new Set(['moderationDecision', 'appealOutcome', 'penalty'])

export interface NoticeCardProps {
  notice: NoticeItem
  open: boolean
  /** An unread incident notice, in the highlighted card above the list. */
  prominent?: boolean
  renewing: boolean
  renewed: RenewedListing | undefined
  onToggle(notice: NoticeItem): void
  onOpenDecisions(notice: NoticeItem): void
  onOpenReports(): void
  onOpenListing(listingId: string): void
  onOpenConversation(conversationId: string): void
  onOpenRequests(): void
  onRenew(listingId: string): void
}

/**
 * One notice: its kind, title, time and the start of its body; tapped, the whole body and where it leads
 * (处理记录 for a decision, the listing for a comment, 续期 for a listing about to expire).
 */
export function NoticeCard(props: NoticeCardProps) {
  const { notice, open, prominent, renewing, renewed } = props
  const listingId = notice.target?.kind === 'listing' ? notice.target.id : null
  const classes = [
    'notice-card',
    notice.read ? 'notice-card--read' : 'notice-card--unread',
    open ? 'notice-card--open' : '',
    prominent ? 'notice-card--prominent' : '',
  ]
  return (
    <View className={classes.filter(Boolean).join(' ')} data-kind={notice.kind}>
      <View {...control('button')} className="notice-card__head" onClick={() => props.onToggle(notice)}>
        <View className="notice-card__heading">
          {notice.read ? null : <View className="notice-card__dot" aria-label="未读" />}
          <Text className="notice-card__kind">{NOTICE_KIND_LABELS[notice.kind]}</Text>
          <Text className="notice-card__time">{formatPostedTime(notice.createdAt)}</Text>
        </View>
        <Text className="notice-card__title">{notice.title}</Text>
        <Text className={open ? 'notice-card__body' : 'notice-card__body notice-card__body--clipped'}>
          {notice.body}
        </Text>
        {notice.rule && open ? (
          <Text className="notice-card__rule">
            依据规则 {notice.rule.id}「{notice.rule.title}」
          </Text>
        ) : null}
      </View>
      {open ? renderLinks() : null}
    </View>
  )

  function renderLinks() {
    const links = []
    if (notice.action?.kind === 'renewListing') {
      const id = notice.action.listingId
      links.push(
        renewed ? (
          <Text key="renewed" className="notice-card__renewed">
            已续期 {renewed.validityDays} 天，有效期至 {formatDate(renewed.expiresAt)}
          </Text>
        ) : (
          <Button
            key="renew"
            className="notice-card__renew"
            loading={renewing}
            disabled={renewing || undefined}
            onClick={() => props.onRenew(id)}
          >
            一键续期
          </Button>
        ),
      )
    }
    if (DECISION_KINDS.has(notice.kind)) {
      links.push(
        <View
          {...control('link')}
          key="decisions"
          className="notice-card__link notice-card__link--decisions"
          onClick={() => props.onOpenDecisions(notice)}
        >
          <Text>查看处理记录与申诉</Text>
          <Text className="notice-card__chevron">›</Text>
        </View>,
      )
    }
    if (notice.kind === 'reportOutcome') {
      links.push(
        <View
          {...control('link')}
          key="reports"
          className="notice-card__link notice-card__link--reports"
          onClick={props.onOpenReports}
        >
          <Text>查看我的举报</Text>
          <Text className="notice-card__chevron">›</Text>
        </View>,
      )
    }
    if (listingId && (notice.kind === 'comment' || notice.kind === 'listingExpiring')) {
      links.push(
        <View
          {...control('link')}
          key="listing"
          className="notice-card__link notice-card__link--listing"
          onClick={() => props.onOpenListing(listingId)}
        >
          <Text>{notice.kind === 'comment' ? '查看评论' : '查看信息'}</Text>
          <Text className="notice-card__chevron">›</Text>
        </View>,
      )
    }
    if (notice.target?.kind === 'conversation') {
      const conversationId = notice.target.id
      links.push(
        <View
          {...control('link')}
          key="conversation"
          className="notice-card__link notice-card__link--conversation"
          onClick={() => props.onOpenConversation(conversationId)}
        >
          <Text>打开会话</Text>
          <Text className="notice-card__chevron">›</Text>
        </View>,
      )
    }
    if (notice.target?.kind === 'request') {
      links.push(
        <View
          {...control('link')}
          key="request"
          className="notice-card__link notice-card__link--request"
          onClick={props.onOpenRequests}
        >
          <Text>查看我的请求</Text>
          <Text className="notice-card__chevron">›</Text>
        </View>,
      )
    }
    return links.length > 0 ? <View className="notice-card__links">{links}</View> : null
  }
}
