import type { ModerationQueue, ModerationStats } from '@shared/contracts'
import { actorLabel } from './actor-label'
import { formatDateTime, QUEUE_TABS } from './labels'

/** The dashboard's windows (数据看板's switch). */
export const STATS_DAY_CHOICES = [7, 30, 90] as const
export type StatsDays = (typeof STATS_DAY_CHOICES)[number]

export const PLATFORM_LABELS: Record<ModerationStats['logins'][number]['platform'], string> = {
  weapp: '微信小程序',
  alipay: '支付宝小程序',
  h5: '网页版',
  unknown: '未知平台',
}

/** One chart and its table: a number per day for each series (the table's columns after 日期). */
export interface DailySeries {
  id: 'listings' | 'reports' | 'reveals' | 'logins'
  title: string
  /** Days as the table and the chart's axis show them: 「12-02」. */
  days: string[]
  series: Array<{ label: string; values: number[] }>
  total: number
}

/** The four per-day charts, in the order the page shows them. */
export function dailySeries(stats: ModerationStats): DailySeries[] {
  const days = stats.days.map((d) => d.slice(5))
  const make = (id: DailySeries['id'], title: string, series: DailySeries['series']): DailySeries => ({
    id,
    title,
    days,
    series,
    total: series.reduce((sum, s) => sum + s.values.reduce((a, b) => a + b, 0), 0),
  })
  return [
    make('listings', '每日发布的信息', [{ label: '发布数', values: stats.listingsPublished }]),
    make(
      'reports',
      '每日举报（按原因）',
      stats.reports.map((r) => ({ label: r.reason, values: r.perDay })),
    ),
    make('reveals', '每日查看联系方式', [{ label: '查看次数', values: stats.contactReveals }]),
    make(
      'logins',
      '每日登录（按平台）',
      stats.logins.map((l) => ({ label: PLATFORM_LABELS[l.platform], values: l.perDay })),
    ),
  ]
}

const QUEUE_LABELS = Object.fromEntries(QUEUE_TABS.map((t) => [t.queue, t.label])) as Record<ModerationQueue, string>

/** 「3 小时」「2 天 5 小时」: how long the oldest item has waited. */
export function waitedFor(since: number, now: number): string {
  const hours = Math.max(0, Math.floor((now - since) / 3_600_000))
  if (hours < 1) return '不到 1 小时'
  if (hours < 24) return `${hours} 小时`
  const rest = hours % 24
  return `${Math.floor(hours / 24)} 天${rest ? ` ${rest} 小时` : ''}`
}

export interface QueueRow {
  queue: ModerationQueue
  label: string
  size: number
  /** 「2 天 5 小时（2026年12月1日 09:00 起）」, or 「—」 when nothing waits. */
  oldest: string
}

export function queueRows(stats: ModerationStats): QueueRow[] {
  return stats.queues.map((q) => ({
    queue: q.queue,
    label: QUEUE_LABELS[q.queue],
    size: q.size,
    oldest: q.oldestAt === null ? '—' : `${waitedFor(q.oldestAt, stats.at)}（${formatDateTime(q.oldestAt)} 起）`,
  }))
}

export function decisionRows(stats: ModerationStats): Array<{ label: string; count: number }> {
  return stats.decisions.map((d) => ({ label: actorLabel(d.moderator, d.mine), count: d.count }))
}
