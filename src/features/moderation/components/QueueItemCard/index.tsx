import { Button, Image, Text, View } from '@tarojs/components'
import { imageText } from '@/platform/image-text'
import Taro from '@tarojs/taro'
import { ESCALATION_HOURS, PENALTY_LABELS, type DecisionKind, type QueueItem } from '@shared/contracts'
import { DECISION_BUTTONS, decisionLabel, decisionsFor, formatDateTime } from '../../labels'
import { control } from '@/platform/control-role'
import './index.scss'

const TARGET_KINDS = { listing: '信息', comment: '评论', image: '图片', conversation: '私信' } as const

export interface QueueItemCardProps {
  item: QueueItem
  busy: boolean
  /** The refusal of the last action on this item, if any. */
  error: string | null
  onClaim(): void
  onDecide(decision: DecisionKind): void
  onPenalize(): void
  onAppeal(outcome: 'grant' | 'deny'): void
  onOpenListing(id: string): void
}

/**
 * One item of a queue with everything a decision needs in view: the content, why a machine held it, the
 * owner's history, the reports, or the appeal; then claiming and deciding.
 */
export function QueueItemCard({
  item,
  busy,
  error,
  onClaim,
  onDecide,
  onPenalize,
  onAppeal,
  onOpenListing,
}: QueueItemCardProps) {
  const claimedByOther = item.claim !== null && !item.claim.mine
  const { content, owner, reports, appeal } = item

  return (
    <View className={`queue-item queue-item--${item.queue}${item.overdue ? ' queue-item--overdue' : ''}`}>
      <View className="queue-item__head">
        <Text className="queue-item__kind">{TARGET_KINDS[item.target.kind]}</Text>
        <Text className="queue-item__state">{content.state}</Text>
        {item.overdue ? <Text className="queue-item__overdue">已超 {ESCALATION_HOURS} 小时</Text> : null}
        <Text className="queue-item__since">{formatDateTime(item.since)} 起等待</Text>
      </View>

      <Text
        {...control('link')}
        className="queue-item__title"
        onClick={() => (content.listingId ? onOpenListing(content.listingId) : undefined)}
      >
        {content.title}
      </Text>
      {content.text ? (
        <Text className="queue-item__text" userSelect>
          {content.text}
        </Text>
      ) : null}
      {content.images.length > 0 ? (
        <View className="queue-item__images">
          {content.images.map((url, i) => (
            <Image
              {...control('button')}
              key={url}
              className="queue-item__image"
              {...imageText(`待审核图片 ${i + 1}`)}
              src={url}
              mode="aspectFill"
              onClick={() => void Taro.previewImage({ urls: content.images, current: url })}
            />
          ))}
        </View>
      ) : null}
      {item.heldBecause ? <Text className="queue-item__held">系统暂缓原因：{item.heldBecause}</Text> : null}

      {reports ? (
        <View className="queue-item__section queue-item__reports">
          <Text className="queue-item__section-title">
            举报 {reports.count} 次 · {reports.reporters} 人
          </Text>
          <Text className="queue-item__line">
            原因：{reports.reasons.map((r) => `${r.reason} ×${r.count}`).join('、')}
          </Text>
          {reports.notes.map((note, i) => (
            <Text key={i} className="queue-item__line queue-item__report-note">
              「{note}」
            </Text>
          ))}
          <Text className="queue-item__line">
            首次 {formatDateTime(reports.firstAt)} · 最近 {formatDateTime(reports.lastAt)}
          </Text>
        </View>
      ) : null}

      {appeal ? (
        <View className="queue-item__section queue-item__appeal">
          <Text className="queue-item__section-title">
            对「{decisionLabel(appeal.decision)}」的申诉{appeal.ruleId ? `（规则 ${appeal.ruleId}）` : ''}
          </Text>
          <Text className="queue-item__line">原处理说明：{appeal.decisionNote || '无'}</Text>
          <Text className="queue-item__line queue-item__appeal-text" userSelect>
            申诉理由：{appeal.text}
          </Text>
          <Text className="queue-item__line">提交于 {formatDateTime(appeal.at)}</Text>
        </View>
      ) : null}

      {owner ? (
        <View className="queue-item__section queue-item__owner">
          <Text className="queue-item__section-title">发布者：{owner.nickname}</Text>
          <Text className="queue-item__line queue-item__history">
            过往处理 {owner.history.decisions.length} 次 · 处罚 {owner.history.penalties.length} 次 · 重复提交{' '}
            {owner.history.duplicateAttempts} 次
          </Text>
          {owner.history.decisions.slice(0, 5).map((d) => (
            <Text key={d.id} className="queue-item__line">
              {formatDateTime(d.at)} {decisionLabel(d.decision)}
              {d.ruleId ? `（规则 ${d.ruleId}）` : ''}
            </Text>
          ))}
          {owner.history.penalties.map((p) => (
            <Text key={p.id} className="queue-item__line">
              {PENALTY_LABELS[p.kind]}（规则 {p.ruleId}）{p.endsAt ? `至 ${formatDateTime(p.endsAt)}` : ''}
            </Text>
          ))}
        </View>
      ) : null}

      {error ? <Text className="queue-item__error">{error}</Text> : null}
      {renderActions()}
    </View>
  )

  function renderActions() {
    if (appeal) {
      if (appeal.decidedByMe) {
        return (
          <View className="queue-item__actions">
            <Text className="queue-item__notice queue-item__own-decision">
              这是你作出的处理，申诉须由另一位审核员复核。
            </Text>
            <Button className="queue-item__action" disabled>
              申诉成立
            </Button>
            <Button className="queue-item__action" disabled>
              申诉不成立
            </Button>
          </View>
        )
      }
      return (
        <View className="queue-item__actions">
          <Button
            className="queue-item__action queue-item__appeal--grant"
            disabled={busy || undefined}
            onClick={() => onAppeal('grant')}
          >
            申诉成立
          </Button>
          <Button
            className="queue-item__action queue-item__appeal--deny"
            disabled={busy || undefined}
            onClick={() => onAppeal('deny')}
          >
            申诉不成立
          </Button>
        </View>
      )
    }
    return (
      <View className="queue-item__actions">
        {claimedByOther ? <Text className="queue-item__notice">其他审核员正在处理这一条</Text> : null}
        {item.claim?.mine ? (
          <Text className="queue-item__notice queue-item__claimed">已由你认领</Text>
        ) : (
          <Button
            className="queue-item__action queue-item__claim"
            disabled={busy || claimedByOther || undefined}
            onClick={onClaim}
          >
            认领
          </Button>
        )}
        {decisionsFor(item).map((decision) => (
          <Button
            key={decision}
            className={`queue-item__action queue-item__decide--${decision}`}
            disabled={busy || claimedByOther || undefined}
            onClick={() => onDecide(decision)}
          >
            {DECISION_BUTTONS[decision]}
          </Button>
        ))}
        {owner ? (
          <Button
            className="queue-item__action queue-item__penalize"
            disabled={busy || claimedByOther || undefined}
            onClick={onPenalize}
          >
            处罚发布者
          </Button>
        ) : null}
      </View>
    )
  }
}
