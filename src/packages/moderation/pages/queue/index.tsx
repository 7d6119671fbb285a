import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { DecisionKind, ModerationQueue, QueueItem } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import { listState, openListing, Routes, StateView } from '@/features/listings'
import {
  AppealDecisionSheet,
  DecisionSheet,
  PenaltySheet,
  QUEUE_TABS,
  QueueItemCard,
  useModerationQueue,
  useRules,
} from '@/features/moderation'
import { refusedState } from '../refused'
import { control } from '@/platform/control-role'
import '../moderation.scss'

type Sheet =
  | { kind: 'decide'; item: QueueItem; decision: DecisionKind }
  | { kind: 'penalize'; item: QueueItem }
  | { kind: 'appeal'; item: QueueItem; outcome: 'grant' | 'deny' }

const EMPTY: Record<ModerationQueue, string> = {
  listings: '没有待审核的信息',
  comments: '没有待审核的评论',
  images: '没有待审核的图片',
  reports: '没有待处理的举报',
  appeals: '没有待处理的申诉',
}

/** The 审核台's other pages, linked from its toolbar. */
const CONSOLE_LINKS = [
  { name: 'dashboard', label: '数据看板', url: Routes.dashboard },
  { name: 'audit', label: '审核日志', url: Routes.auditLog },
  { name: 'categories', label: '分类管理', url: Routes.categoryConsole },
  { name: 'policy', label: '政策版本', url: Routes.policyVersions },
] as const

/**
 * 审核台: the five queues, oldest first, each item with what a decision needs, and the decisions. Every
 * decision is followed by a fresh read of the queue.
 */
export default function ModerationQueuePage() {
  const session = useSession()
  const [queue, setQueue] = useState<ModerationQueue>('listings')
  const list = useModerationQueue(queue)
  const rules = useRules()
  const [sheet, setSheet] = useState<Sheet | null>(null)
  const rulesProps = { rules: rules.data, rulesError: rules.error, onRetryRules: () => void rules.refresh() }

  usePullDownRefresh(async () => {
    try {
      await list.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    void list.loadMore()
  })

  const claim = async (item: QueueItem) => {
    if (await list.claim(item.target)) void Taro.showToast({ title: '已认领', icon: 'success' })
  }

  const finished = (ok: boolean, title: string) => {
    setSheet(null)
    if (ok) void Taro.showToast({ title, icon: 'success' })
    return ok
  }

  return (
    <AppShell>
      <MemberGate member={session} purpose="使用审核台" className="moderation-page" state={refusedState(list.error)}>
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent() {
    const state = listState(list, { title: EMPTY[queue], hint: '下拉可刷新' }, 2)
    const errorFor = (item: QueueItem) =>
      list.actionError && list.actionError.targetId === item.target.id ? list.actionError.message : null
    const orphanError =
      list.actionError && !list.items.some((i) => i.target.id === list.actionError?.targetId)
        ? list.actionError.message
        : null
    return (
      <View className="moderation-page">
        <View className="moderation-page__tabs">
          {QUEUE_TABS.map((tab) => (
            <View
              {...control('button')}
              aria-pressed={tab.queue === queue}
              key={tab.queue}
              className={`moderation-page__tab moderation-page__tab--${tab.queue}${tab.queue === queue ? ' moderation-page__tab--active' : ''}`}
              onClick={() => {
                setSheet(null)
                setQueue(tab.queue)
              }}
            >
              {tab.label}
            </View>
          ))}
        </View>
        <View className="moderation-page__toolbar">
          <Text>最早的在前；等待超过 48 小时的标为「已超 48 小时」</Text>
          <View className="moderation-page__links">
            {CONSOLE_LINKS.map((link) => (
              <View
                key={link.name}
                {...control('link')}
                className={`moderation-page__link moderation-page__${link.name}-link`}
                onClick={() => void Taro.navigateTo({ url: link.url })}
              >
                {link.label} ›
              </View>
            ))}
          </View>
        </View>
        {orphanError ? <Text className="moderation-page__error">{orphanError}</Text> : null}
        {state ? (
          <StateView {...state} />
        ) : (
          <>
            {list.items.map((item) => (
              <QueueItemCard
                key={`${item.target.kind}:${item.target.id}:${item.appeal?.id ?? ''}`}
                item={item}
                busy={list.busyId === item.target.id}
                error={errorFor(item)}
                onClaim={() => void claim(item)}
                onDecide={(decision) => setSheet({ kind: 'decide', item, decision })}
                onPenalize={() => setSheet({ kind: 'penalize', item })}
                onAppeal={(outcome) => setSheet({ kind: 'appeal', item, outcome })}
                onOpenListing={openListing}
              />
            ))}
            <View
              {...control('button')}
              className="moderation-page__footer"
              onClick={() => void (list.error ? list.retry() : list.loadMore())}
            >
              {list.error
                ? '加载失败，点击重试'
                : list.loadingMore
                  ? '加载中…'
                  : list.hasMore
                    ? '加载更多'
                    : '没有更多了'}
            </View>
          </>
        )}
        {renderSheet()}
      </View>
    )
  }

  function renderSheet() {
    if (!sheet) return null
    const close = () => setSheet(null)
    if (sheet.kind === 'decide') {
      return (
        <DecisionSheet
          {...rulesProps}
          item={sheet.item}
          decision={sheet.decision}
          onClose={close}
          onSubmit={async (request) => finished(await list.decide(request), '已处理')}
        />
      )
    }
    if (sheet.kind === 'penalize' && sheet.item.owner) {
      return (
        <PenaltySheet
          {...rulesProps}
          userId={sheet.item.owner.userId}
          nickname={sheet.item.owner.nickname}
          onClose={close}
          onSubmit={async (request) => finished(await list.penalize(sheet.item.target.id, request), '已处罚')}
        />
      )
    }
    if (sheet.kind === 'appeal' && sheet.item.appeal) {
      return (
        <AppealDecisionSheet
          appealId={sheet.item.appeal.id}
          outcome={sheet.outcome}
          onClose={close}
          onSubmit={async (request) => finished(await list.decideAppeal(sheet.item.target.id, request), '已处理申诉')}
        />
      )
    }
    return null
  }
}
