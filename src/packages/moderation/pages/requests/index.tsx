import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import {
  ANSWER_MAX,
  REQUEST_STATE_LABELS,
  REQUEST_STATES,
  requestSubject,
  type QueueRequest,
  type RequestState,
} from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import { listState, StateView } from '@/features/listings'
import { formatDateTime } from '@/features/moderation'
import { dueDay, useRequestQueue, type RequestQueueState } from '@/features/support'
import { refusedState } from '../refused'
import '../moderation.scss'
import './index.scss'

/** How close a request is to its due date, in working days. */
function dueText(request: QueueRequest): string {
  const left = request.workingDaysLeft
  const estimate = request.dueEstimated ? '（节假日安排未公布，按周一至周五估算）' : ''
  if (left === null) return `期限 ${dueDay(request)}`
  if (request.overdue) return `已逾期 ${Math.max(1, -left)} 个工作日（期限 ${dueDay(request)}）`
  if (left === 0) return `今天到期（${dueDay(request)}）${estimate}`
  return `还剩 ${left} 个工作日（${dueDay(request)} 前）${estimate}`
}

/**
 * 反馈与请求: feedback, complaints and privacy requests, the earliest due first, overdue ones flagged. A
 * moderator answers each once; refusing states the reason; a member's answer reaches them in 消息.
 */
export default function RequestQueuePage() {
  const session = useSession()
  const [state, setState] = useState<RequestState>('open')
  const queue = useRequestQueue(state)

  usePullDownRefresh(async () => {
    try {
      await queue.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    void queue.loadMore()
  })

  return (
    <AppShell>
      <MemberGate
        member={session}
        purpose="处理反馈与请求"
        className="moderation-page"
        state={refusedState(queue.error)}
      >
        {renderContent}
      </MemberGate>
    </AppShell>
  )

  function renderContent() {
    const empty = listState(queue, {
      title: state === 'open' ? '没有待处理的请求' : `没有${REQUEST_STATE_LABELS[state]}的请求`,
    })
    return (
      <View className="moderation-page">
        <View className="moderation-page__tabs" role="tablist" aria-label="请求状态">
          {REQUEST_STATES.map((s) => (
            <View
              key={s}
              className={`moderation-page__tab${s === state ? ' moderation-page__tab--active' : ''}`}
              role="tab"
              aria-selected={s === state}
              onClick={() => setState(s)}
            >
              {REQUEST_STATE_LABELS[s]}
            </View>
          ))}
        </View>
        {empty ? (
          <StateView {...empty} />
        ) : (
          <>
            {queue.items.map((request) => (
              <RequestCard key={request.id} request={request} queue={queue} />
            ))}
            <View
              className="moderation-page__footer"
              role="button"
              onClick={() => void (queue.error ? queue.retry() : queue.loadMore())}
            >
              {queue.error
                ? '加载失败，点击重试'
                : queue.loadingMore
                  ? '加载中…'
                  : queue.hasMore
                    ? '加载更多'
                    : '没有更多了'}
            </View>
          </>
        )}
      </View>
    )
  }
}

function RequestCard({ request, queue }: { request: QueueRequest; queue: RequestQueueState }) {
  const [open, setOpen] = useState(false)
  const [answer, setAnswer] = useState('')
  const [refusing, setRefusing] = useState(false)
  const [reason, setReason] = useState('')
  const error = queue.answerError?.requestId === request.id ? queue.answerError : null
  const fieldError = (field: string) => (error?.field === field ? error.message : null)

  const send = async () => {
    const { confirm } = await Taro.showModal({
      title: refusing ? '拒绝这条请求' : '发送答复',
      content: request.from.member
        ? '答复发出后不能修改，提交者会在“消息”中收到。'
        : '答复发出后不能修改。提交者未登录，请同时通过其留下的联系方式告知。',
      confirmText: '发送',
    })
    if (!confirm) return
    const done = await queue.answer({
      requestId: request.id,
      answer,
      outcome: refusing ? 'refused' : 'done',
      ...(refusing ? { reason } : {}),
    })
    if (done) void Taro.showToast({ title: '已答复', icon: 'success' })
  }

  return (
    <View
      className={`moderation-page__card request-card${request.overdue ? ' request-card--overdue' : ''}`}
      data-state={request.state}
    >
      <View className="request-card__head">
        <Text className="request-card__subject">{requestSubject(request)}</Text>
        {request.overdue ? <Text className="request-card__flag">已逾期</Text> : null}
      </View>
      <Text className="request-card__due">{dueText(request)}</Text>
      <Text className="request-card__text">{request.text}</Text>
      <Text className="moderation-page__line">
        {request.from.member ? `会员：${request.from.nickname}` : '未登录用户'} · {formatDateTime(request.createdAt)}
        提交
      </Text>
      {request.contact ? <Text className="moderation-page__line">联系方式：{request.contact}</Text> : null}
      {request.answer ? <Text className="request-card__answer">答复：{request.answer}</Text> : null}
      {request.reason ? <Text className="request-card__answer">理由：{request.reason}</Text> : null}
      {request.state === 'open' && !open ? (
        <Button className="request-card__open" onClick={() => setOpen(true)}>
          答复
        </Button>
      ) : null}
      {request.state === 'open' && open ? (
        <View className="request-card__form">
          <View className="request-card__outcomes" role="group" aria-label="处理结果">
            {[false, true].map((refuse) => (
              <View
                key={String(refuse)}
                className={`request-card__outcome${refusing === refuse ? ' request-card__outcome--on' : ''}`}
                role="button"
                aria-pressed={refusing === refuse}
                onClick={() => setRefusing(refuse)}
              >
                {refuse ? '拒绝' : '已处理'}
              </View>
            ))}
          </View>
          <Textarea
            className="request-card__input"
            value={answer}
            maxlength={ANSWER_MAX}
            placeholder="答复内容：做了什么，或为什么不能按要求处理"
            aria-label="答复"
            onInput={(e) => setAnswer(e.detail.value)}
          />
          {fieldError('answer') ? <Text className="moderation-page__error">{fieldError('answer')}</Text> : null}
          {refusing ? (
            <Textarea
              className="request-card__input"
              value={reason}
              maxlength={500}
              placeholder="拒绝的理由（必填，提交者会看到）"
              aria-label="拒绝理由"
              onInput={(e) => setReason(e.detail.value)}
            />
          ) : null}
          {fieldError('reason') ? <Text className="moderation-page__error">{fieldError('reason')}</Text> : null}
          {error && !error.field ? <Text className="moderation-page__error">{error.message}</Text> : null}
          <Button
            className="request-card__send"
            disabled={queue.busyId === request.id || answer.trim().length === 0 || undefined}
            onClick={() => void send()}
          >
            {queue.busyId === request.id ? '发送中…' : refusing ? '拒绝并发送理由' : '发送答复'}
          </Button>
        </View>
      ) : null}
    </View>
  )
}
