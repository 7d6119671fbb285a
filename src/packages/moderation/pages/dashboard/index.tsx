import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ModerationStats } from '@shared/contracts'
import { StateView } from '@/features/listings'
import {
  CHARTS_DRAWN,
  dailySeries,
  decisionRows,
  formatDateTime,
  queueRows,
  STATS_DAY_CHOICES,
  StatsChart,
  StatsTable,
  useModerationStats,
  type StatsDays,
} from '@/features/moderation'
import { control } from '@/platform/control-role'
import { ConsoleFrame } from '../console-frame'
import '../moderation.scss'

/**
 * 数据看板: how the platform is doing over the last 7, 30 or 90 days. Each chart has a table of the same
 * numbers under it (the mini-programs show the tables only).
 */
export default function DashboardPage() {
  const [days, setDays] = useState<StatsDays>(30)
  const stats = useModerationStats(days)

  return (
    <ConsoleFrame purpose="查看数据看板" loaded={stats} untilLoaded={false}>
      {renderContent}
    </ConsoleFrame>
  )

  function renderContent() {
    return (
      <View className="moderation-page dashboard">
        <View className="moderation-page__tabs dashboard__days" role="group" aria-label="统计天数">
          {STATS_DAY_CHOICES.map((choice) => (
            <View
              key={choice}
              className={`moderation-page__tab dashboard__day--${choice}${choice === days ? ' moderation-page__tab--active' : ''}`}
              {...control('button')}
              aria-pressed={choice === days}
              onClick={() => setDays(choice)}
            >
              近 {choice} 天
            </View>
          ))}
        </View>
        {!CHARTS_DRAWN ? (
          <Text className="moderation-page__line dashboard__note">小程序中只显示数字表格，图表请在网页版查看。</Text>
        ) : null}
        {renderBody()}
      </View>
    )
  }

  function renderBody() {
    if (stats.loading && !stats.data) return <StateView kind="loading" rows={3} />
    if (stats.error && !stats.data) {
      return <StateView kind="error" message={stats.error} onRetry={() => void stats.refresh()} />
    }
    if (!stats.data) return null
    return <Dashboard stats={stats.data} />
  }
}

function Dashboard({ stats }: { stats: ModerationStats }) {
  const charts = useMemo(() => dailySeries(stats), [stats])
  const decisions = decisionRows(stats)
  return (
    <>
      <Text className="moderation-page__line dashboard__at">
        统计时间：{formatDateTime(stats.at)}（按北京时间的自然日，含今天）
      </Text>
      <View className="moderation-page__card dashboard__card dashboard__card--queues">
        <Text className="dashboard__title">待处理队列</Text>
        <StatsTable
          id="queues"
          caption="各审核队列现在等待的数量和最早一条的等待时长"
          columns={['队列', '等待数', '最早一条已等待']}
          rows={queueRows(stats).map((q) => ({ key: q.queue, cells: [q.label, q.size, q.oldest] }))}
        />
      </View>
      {stats.requests ? (
        <View className="moderation-page__card dashboard__card dashboard__card--requests">
          <Text className="dashboard__title">意见反馈与隐私请求</Text>
          <StatsTable
            id="requests"
            caption="未答复的请求和已超过答复期限的请求"
            columns={['请求', '数量']}
            rows={[
              { key: 'open', cells: ['未答复', stats.requests.open] },
              { key: 'overdue', cells: ['已超期', stats.requests.overdue] },
            ]}
          />
        </View>
      ) : null}
      {charts.map((chart) => (
        <View key={chart.id} className={`moderation-page__card dashboard__card dashboard__card--${chart.id}`}>
          <Text className="dashboard__title">
            {chart.title}（共 {chart.total}）
          </Text>
          {chart.total === 0 ? (
            <Text className="moderation-page__line dashboard__empty">这段时间没有记录</Text>
          ) : (
            <StatsChart chart={chart} />
          )}
          <StatsTable
            id={chart.id}
            caption={`${chart.title}，每天一行`}
            columns={['日期', ...chart.series.map((s) => s.label)]}
            rows={chart.days.map((day, i) => ({ key: day, cells: [day, ...chart.series.map((s) => s.values[i])] }))}
          />
        </View>
      ))}
      <View className="moderation-page__card dashboard__card dashboard__card--decisions">
        <Text className="dashboard__title">各审核员的处理数</Text>
        {decisions.length === 0 ? (
          <Text className="moderation-page__line dashboard__empty">这段时间没有处理记录</Text>
        ) : (
          <StatsTable
            id="decisions"
            caption="这段时间每位审核员作出的处理和处罚数（以匿名编号显示）"
            columns={['审核员', '处理数']}
            rows={decisions.map((d) => ({ key: d.label, cells: [d.label, d.count] }))}
          />
        )}
      </View>
    </>
  )
}
