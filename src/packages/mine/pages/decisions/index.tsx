import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { PENALTY_LABELS, type MyDecision } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import { formatDate, listState, openListing } from '@/features/listings'
// Not through the moderation feature's index: this subpackage does not carry the moderators' sheets.
import { AppealForm } from '@/features/moderation/components/AppealForm'
import { formatDateTime } from '@/features/moderation/labels'
import { useMyDecisions } from '@/features/moderation/use-my-decisions'
import { control } from '@/platform/control-role'
import '../mine.scss'
import './index.scss'

/**
 * 处理记录: every decision about the member's content or account — what, about which content, the rule,
 * the facts, whether a person or the system decided, until when it can be appealed — and the appeal.
 * `?targetId=` (from 我的发布) marks that listing's decisions and opens the appeal of the newest one.
 */
export default function MyDecisionsPage() {
  const { params } = useRouter()
  const session = useSession()
  const decisions = useMyDecisions()
  const [open, setOpen] = useState<string | null>(null)
  const [opened, setOpened] = useState(false)
  const focus = params.targetId

  useEffect(() => {
    if (opened || !focus) return
    const first = decisions.items.find((d) => d.target?.id === focus && d.canAppeal)
    if (first) {
      setOpen(first.id)
      setOpened(true)
    }
  }, [decisions.items, focus, opened])

  usePullDownRefresh(async () => {
    try {
      await decisions.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    void decisions.loadMore()
  })

  const appeal = async (decisionId: string, text: string) => {
    const ok = await decisions.appeal(decisionId, text)
    if (ok) {
      setOpen(null)
      void Taro.showToast({ title: '申诉已提交', icon: 'success' })
    }
    return ok
  }

  return (
    <AppShell>
      <MemberGate
        member={session}
        purpose="查看处理记录"
        className="mine-page"
        state={listState(decisions, {
          title: '没有处理记录',
          hint: '你发布的内容或账号被处理时，结果、理由和申诉入口会显示在这里。',
        })}
      >
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent() {
    return (
      <View className="mine-page">
        {decisions.items.map(renderDecision)}
        <View
          {...control('button')}
          className="mine-page__footer"
          onClick={() => void (decisions.error ? decisions.retry() : decisions.loadMore())}
        >
          {decisions.error
            ? '加载失败，点击重试'
            : decisions.loadingMore
              ? '加载中…'
              : decisions.hasMore
                ? '加载更多'
                : '没有更多了'}
        </View>
      </View>
    )
  }

  function renderDecision(d: MyDecision) {
    const focused = focus !== undefined && d.target?.id === focus
    const listingId = d.target?.kind === 'listing' ? d.target.id : null
    return (
      <View key={d.id} className={`my-decision${focused ? ' my-decision--focus' : ''}`}>
        <View className="my-decision__head">
          <Text className="my-decision__label">{d.label}</Text>
          <Text className="my-decision__by">{d.decidedBy === 'person' ? '审核员人工处理' : '系统自动处理'}</Text>
        </View>
        {d.summary ? (
          <Text
            {...control('link')}
            className="my-decision__summary"
            onClick={() => (listingId ? openListing(listingId) : undefined)}
          >
            {d.summary}
          </Text>
        ) : null}
        <Text className="my-decision__line">处理时间：{formatDateTime(d.at)}</Text>
        {d.penalty ? (
          <Text className="my-decision__line my-decision__penalty">
            {PENALTY_LABELS[d.penalty.kind]}
            {d.penalty.endsAt
              ? `，至 ${formatDateTime(d.penalty.endsAt)} 解除`
              : d.penalty.kind === 'warning'
                ? ''
                : '，不设期限'}
          </Text>
        ) : null}
        {d.rule ? (
          <View className="my-decision__rule">
            <Text className="my-decision__rule-title">
              依据规则 {d.rule.id}「{d.rule.title}」
            </Text>
            <Text className="my-decision__line">{d.rule.description}</Text>
          </View>
        ) : null}
        {d.note ? <Text className="my-decision__line my-decision__note">事实与说明：{d.note}</Text> : null}
        {renderAppeal(d)}
      </View>
    )
  }

  function renderAppeal(d: MyDecision) {
    if (d.appeal) {
      return (
        <View className={`my-decision__appeal my-decision__appeal--${d.appeal.status}`}>
          <Text className="my-decision__appeal-status">{d.appeal.statusLabel}</Text>
          {d.appeal.note ? <Text className="my-decision__line">复核说明：{d.appeal.note}</Text> : null}
          {d.appeal.decidedAt ? (
            <Text className="my-decision__line">复核时间：{formatDateTime(d.appeal.decidedAt)}</Text>
          ) : (
            <Text className="my-decision__line">另一位审核员会复核，结果会通知你。</Text>
          )}
        </View>
      )
    }
    if (!d.canAppeal) {
      return d.appealableUntil ? (
        <Text className="my-decision__line my-decision__deadline">申诉期已于 {formatDate(d.appealableUntil)} 结束</Text>
      ) : null
    }
    return (
      <>
        <Text className="my-decision__line my-decision__deadline">
          可在 {d.appealableUntil ? formatDate(d.appealableUntil) : ''} 前申诉
        </Text>
        {open === d.id ? (
          <AppealForm
            decisionId={d.id}
            busy={decisions.appealing === d.id}
            error={decisions.appealError?.decisionId === d.id ? decisions.appealError.message : null}
            onSubmit={(text) => appeal(d.id, text)}
            onCancel={() => setOpen(null)}
          />
        ) : (
          <Button className="my-decision__appeal-open" onClick={() => setOpen(d.id)}>
            申诉
          </Button>
        )}
      </>
    )
  }
}
