import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CONTACT_FIELDS, VALIDITY_DAYS, type MyListing, type MyListingDetail } from '@shared/contracts'
import { formatDate, formatPostedTime } from '@/features/listings/format'
import type { MyListings } from '../../use-my-listings'
import { control } from '@/platform/control-role'
import './index.scss'

const STATUS: Record<MyListing['status'], string> = {
  published: '已发布',
  pending: '审核中',
  rejected: '未通过',
  takenDown: '已下架',
  expired: '已过期',
  withheld: '账号注销中',
  hidden: '被多人举报，复核中',
  removed: '已被平台下架',
}

const CONTACT_LABELS = { name: '联系人', phone: '手机号', wechat: '微信号', qq: 'QQ 号' } as const

export interface MyListingCardProps {
  item: MyListing
  mine: MyListings
  now: number
  onOpen(id: string): void
  onEdit(id: string): void
  onRevealLog(id: string): void
  /** 处理记录 of this listing, where a moderator's decision can be appealed. */
  onDecisions(id: string): void
}

/** One listing in 「我的发布」: status and reason, and what can be done with it in that status. */
export function MyListingCard({ item, mine, now, onOpen, onEdit, onRevealLog, onDecisions }: MyListingCardProps) {
  const busy = mine.busyId === item.id
  const detail: MyListingDetail | undefined = mine.details[item.id]
  const refreshable = item.refreshableAt <= now

  const confirmThen = async (title: string, content: string, confirmText: string, action: () => Promise<boolean>) => {
    const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText: '取消' })
    if (!confirm) return
    if (await action()) void Taro.showToast({ title: `已${confirmText}`, icon: 'success' })
  }

  const runThen = async (action: 'refresh' | 'republish', done: string) => {
    if (await mine.run(item.id, action)) void Taro.showToast({ title: done, icon: 'success' })
  }

  const renew = async () => {
    try {
      const { tapIndex } = await Taro.showActionSheet({ itemList: VALIDITY_DAYS.map((d) => `续期 ${d} 天`) })
      const days = VALIDITY_DAYS[tapIndex]
      if (days && (await mine.renew(item.id, days))) void Taro.showToast({ title: '已续期', icon: 'success' })
    } catch {
      // The sheet was dismissed.
    }
  }

  return (
    <View className={`my-listing my-listing--${item.status}`}>
      <View
        {...control('link')}
        className="my-listing__head"
        onClick={() => item.status === 'published' && onOpen(item.id)}
      >
        <Text className={`my-listing__status my-listing__status--${item.status}`}>{STATUS[item.status]}</Text>
        <Text className="my-listing__title">{item.title}</Text>
      </View>
      {item.reviewReason && (item.status === 'rejected' || item.status === 'pending' || item.status === 'removed') ? (
        <Text className="my-listing__reason">原因：{item.reviewReason}</Text>
      ) : null}
      {item.status === 'rejected' || item.status === 'removed' ? (
        <View
          {...control('link')}
          className="my-listing__link my-listing__decisions"
          onClick={() => onDecisions(item.id)}
        >
          查看处理记录与申诉 ›
        </View>
      ) : null}
      <Text className="my-listing__meta">
        {item.categoryName} · {formatPostedTime(item.updatedAt, now)}更新 · 有效期至 {formatDate(item.expiresAt)} ·{' '}
        {item.viewCount} 次浏览
      </Text>

      <View className="my-listing__actions">
        <Button
          className="my-listing__action my-listing__edit"
          disabled={busy || undefined}
          onClick={() => onEdit(item.id)}
        >
          编辑
        </Button>
        {item.status === 'published' ? (
          <>
            <Button
              className="my-listing__action my-listing__refresh"
              disabled={busy || !refreshable || undefined}
              onClick={() => void runThen('refresh', '已刷新')}
            >
              {refreshable ? '刷新' : '今日已刷新'}
            </Button>
            <Button
              className="my-listing__action my-listing__take-down"
              disabled={busy || undefined}
              onClick={() =>
                void confirmThen('下架信息', '下架后其他用户将看不到这条信息，之后可以重新上架。', '下架', () =>
                  mine.run(item.id, 'takeDown'),
                )
              }
            >
              下架
            </Button>
          </>
        ) : null}
        {item.status === 'takenDown' ? (
          <Button
            className="my-listing__action my-listing__republish"
            disabled={busy || undefined}
            onClick={() => void runThen('republish', '已重新上架')}
          >
            重新上架
          </Button>
        ) : null}
        {item.status === 'published' || item.status === 'expired' ? (
          <Button
            className="my-listing__action my-listing__renew"
            disabled={busy || undefined}
            onClick={() => void renew()}
          >
            续期
          </Button>
        ) : null}
        <Button
          className="my-listing__action my-listing__delete"
          disabled={busy || undefined}
          onClick={() =>
            void confirmThen('删除信息', '删除后无法恢复，相关的评论和收藏也将不再显示。确定删除吗？', '删除', () =>
              mine.run(item.id, 'delete'),
            )
          }
        >
          删除
        </Button>
      </View>

      <View className="my-listing__links">
        <View
          {...control('link')}
          className="my-listing__link my-listing__reveals"
          onClick={() => onRevealLog(item.id)}
        >
          谁看过我的联系方式 ›
        </View>
        <View
          {...control('button')}
          className="my-listing__link my-listing__contacts"
          onClick={() => (detail ? undefined : void mine.loadDetail(item.id))}
        >
          {detail ? '公开的联系方式' : '管理公开的联系方式 ›'}
        </View>
      </View>
      {detail ? renderContacts(detail) : null}
    </View>
  )

  function renderContacts(d: MyListingDetail) {
    const published = CONTACT_FIELDS.filter((f) => d.contact.public[f] && d.contact[f])
    if (published.length === 0) return <Text className="my-listing__hint">没有公开的联系方式。</Text>
    return (
      <View className="my-listing__contacts-list">
        {published.map((field) => (
          <View key={field} className={`my-listing__contact my-listing__contact--${field}`}>
            <Text className="my-listing__contact-label">{CONTACT_LABELS[field]}</Text>
            <Text className="my-listing__contact-value">{d.contact[field]}</Text>
            <Button
              className="my-listing__withdraw"
              disabled={busy || undefined}
              onClick={() =>
                void confirmThen(
                  '撤回公开',
                  `撤回后，「${CONTACT_LABELS[field]}」将立即对所有人隐藏，已查看过的用户也无法再次查看。`,
                  '撤回',
                  () => mine.withdrawContact(item.id, field),
                )
              }
            >
              撤回公开
            </Button>
          </View>
        ))}
      </View>
    )
  }
}
