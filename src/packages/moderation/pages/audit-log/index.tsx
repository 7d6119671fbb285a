import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { AuditAction, AuditEntry } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import { listState, StateView } from '@/features/listings'
import { actorLabel, AUDIT_ACTION_LABELS, AUDIT_FILTERS, formatDateTime, useAuditLog } from '@/features/moderation'
import { refusedState } from '../refused'
import { control } from '@/platform/control-role'
import '../moderation.scss'

const TARGET_KINDS: Record<NonNullable<AuditEntry['target']>['kind'], string> = {
  listing: '信息',
  comment: '评论',
  image: '图片',
  conversation: '私信',
  account: '账号',
  appeal: '申诉',
  notice: '公告',
  request: '反馈与请求',
  category: '分类',
  policy: '政策版本',
}

/** 审核日志: every moderator and admin action, newest first, filtered by kind. Read-only, like the log itself. */
export default function AuditLogPage() {
  const session = useSession()
  const [action, setAction] = useState<AuditAction | undefined>(undefined)
  const log = useAuditLog(action)

  usePullDownRefresh(async () => {
    try {
      await log.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    void log.loadMore()
  })

  return (
    <AppShell>
      <MemberGate member={session} purpose="查看审核日志" className="moderation-page" state={refusedState(log.error)}>
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent() {
    const state = listState(log, { title: action ? `没有「${AUDIT_ACTION_LABELS[action]}」的记录` : '还没有审核记录' })
    return (
      <View className="moderation-page">
        <View className="moderation-page__tabs moderation-page__filters">
          {AUDIT_FILTERS.map((filter) => (
            <View
              {...control('button')}
              aria-pressed={filter.action === action}
              key={filter.label}
              className={`moderation-page__tab moderation-page__filter--${filter.action ?? 'all'}${filter.action === action ? ' moderation-page__tab--active' : ''}`}
              onClick={() => setAction(filter.action)}
            >
              {filter.label}
            </View>
          ))}
        </View>
        {state ? (
          <StateView {...state} />
        ) : (
          <>
            {log.items.map((entry) => (
              <View key={entry.id} className={`moderation-page__card audit-entry audit-entry--${entry.action}`}>
                <View className="audit-entry__head">
                  <Text className="audit-entry__action">{AUDIT_ACTION_LABELS[entry.action]}</Text>
                  <Text className="audit-entry__at">{formatDateTime(entry.at)}</Text>
                </View>
                <Text className="moderation-page__line">操作人：{actorLabel(entry.actor, entry.mine)}</Text>
                {entry.target ? (
                  <Text className="moderation-page__line audit-entry__target">
                    对象：{TARGET_KINDS[entry.target.kind]} {entry.target.id}
                  </Text>
                ) : null}
                {entry.before !== null || entry.after !== null ? (
                  <Text className="moderation-page__line audit-entry__change">
                    状态：{entry.before ?? '—'} → {entry.after ?? '—'}
                  </Text>
                ) : null}
                {entry.ruleId ? <Text className="moderation-page__line">规则：{entry.ruleId}</Text> : null}
                {entry.note ? (
                  <Text className="moderation-page__line audit-entry__note">说明：{entry.note}</Text>
                ) : null}
              </View>
            ))}
            <View
              {...control('button')}
              className="moderation-page__footer"
              onClick={() => void (log.error ? log.retry() : log.loadMore())}
            >
              {log.error ? '加载失败，点击重试' : log.loadingMore ? '加载中…' : log.hasMore ? '加载更多' : '没有更多了'}
            </View>
          </>
        )}
      </View>
    )
  }
}
