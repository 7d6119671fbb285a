import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useRef } from 'react'
import type { MyReport } from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import { formatPostedTime, listState, openListing } from '@/features/listings'
import { useMyReports } from '@/features/mine'
import { control } from '@/platform/control-role'
import '../mine.scss'
import './index.scss'

/** 我的举报: what the member reported, where each stands (已提交 / 处理中 / 已处理 · …) and the outcome. */
export default function MyReportsPage() {
  const session = useSession()
  const reports = useMyReports()
  const shownOnce = useRef(false)
  const now = Date.now()

  useDidShow(() => {
    if (shownOnce.current) void reports.refresh()
    shownOnce.current = true
  })

  usePullDownRefresh(async () => {
    try {
      await reports.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    void reports.loadMore()
  })

  return (
    <AppShell>
      <MemberGate
        member={session}
        purpose="查看你的举报"
        className="mine-page"
        state={listState(reports, {
          title: '你还没有举报过',
          hint: '在信息详情页可以举报违规的信息和评论，处理结果会显示在这里。',
        })}
      >
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent() {
    return (
      <View className="mine-page">
        {reports.items.map(renderReport)}
        <View
          {...control('button')}
          className="mine-page__footer"
          onClick={() => void (reports.error ? reports.retry() : reports.loadMore())}
        >
          {reports.error
            ? '加载失败，点击重试'
            : reports.loadingMore
              ? '加载中…'
              : reports.hasMore
                ? '加载更多'
                : '没有更多了'}
        </View>
      </View>
    )
  }

  function renderReport(report: MyReport) {
    return (
      <View
        {...control('link')}
        key={report.id}
        className={`my-report my-report--${report.status}`}
        onClick={() => openListing(report.listingId)}
      >
        <View className="my-report__head">
          <Text className="my-report__summary">
            {report.targetType === 'comment' ? '评论：' : ''}
            {report.targetSummary}
          </Text>
          <Text className={`my-report__status my-report__status--${report.status}`}>{report.statusLabel}</Text>
        </View>
        <Text className="my-report__line">
          {report.reason}
          {report.note ? `：${report.note}` : ''}
        </Text>
        {report.outcome ? <Text className="my-report__line my-report__outcome">处理结果：{report.outcome}</Text> : null}
        <Text className="my-report__line my-report__time">
          {formatPostedTime(report.createdAt, now)}举报
          {report.updatedAt > report.createdAt ? ` · ${formatPostedTime(report.updatedAt, now)}更新` : ''}
        </Text>
      </View>
    )
  }
}
