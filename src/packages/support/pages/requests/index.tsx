import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import {
  ANSWER_WITHIN_WORKING_DAYS,
  PRIVACY_TOPIC_LABELS,
  PRIVACY_TOPICS,
  REQUEST_CONTACT_MAX,
  REQUEST_KIND_LABELS,
  REQUEST_KINDS,
  REQUEST_STATE_LABELS,
  REQUEST_TEXT_MAX,
  requestSubject,
  type MyRequest,
  type PrivacyTopic,
  type RequestKind,
} from '@shared/contracts'
import { AppShell } from '@/components/AppShell'
import { useSession } from '@/features/auth'
import { Routes } from '@/features/listings'
import { dueDay, formatDay, useMyRequests, useSubmitRequest } from '@/features/support'
import { CustomerServiceButton } from '@/platform/customer-service'
import './index.scss'

/** Where a privacy request can be done at once, without waiting for us. */
const SELF_SERVICE: Partial<Record<PrivacyTopic, string>> = {
  access: '查看和导出你的信息，可以在“我的数据”中立即完成。',
  correct: '资料和你发布的信息可以随时自己修改。',
  delete: '删除发布的信息、评论、收藏，或注销账号，可以在“我的”和“我的数据”中自己完成。',
  withdraw: '撤回对隐私政策的同意、管理权限，可以在“我的数据”中立即完成。',
}

/**
 * 意见反馈与隐私请求: anyone sends feedback, a complaint or a privacy request (a guest too, with a contact to
 * answer them by); a member sees their requests below with their state, due date and answer (which also
 * arrives in 消息). On WeChat and Alipay the platform's 客服 is offered beside the form.
 */
export default function SupportRequestsPage() {
  const session = useSession()
  const sender = useSubmitRequest()
  const mine = useMyRequests()
  const [kind, setKind] = useState<RequestKind>('feedback')
  const [topic, setTopic] = useState<PrivacyTopic | null>(null)
  const [text, setText] = useState('')
  const [contact, setContact] = useState('')
  const [missingTopic, setMissingTopic] = useState(false)

  usePullDownRefresh(async () => {
    try {
      if (session) await mine.refresh()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })

  useReachBottom(() => {
    if (session) void mine.loadMore()
  })

  const chooseKind = (next: RequestKind) => {
    setKind(next)
    if (next !== 'privacy') setTopic(null)
    setMissingTopic(false)
  }

  const submit = async () => {
    if (kind === 'privacy' && !topic) {
      setMissingTopic(true)
      return
    }
    const sent = await sender.submit({
      kind,
      ...(kind === 'privacy' && topic ? { topic } : {}),
      text,
      contact,
    })
    if (!sent) return
    // The list below is on this same page: shown again it would reload, but it is not hidden.
    if (session) void mine.refresh()
    setText('')
    setContact('')
    setTopic(null)
    void Taro.showModal({
      title: '已提交',
      content: `我们会在 ${formatDay(sent.dueAt - 1)} 前答复你。${session ? '答复会出现在“消息”和本页的“我的请求”中。' : '未登录时，我们通过你留下的联系方式答复。'}`,
      showCancel: false,
      confirmText: '好的',
    })
  }

  const fieldError = (field: string) =>
    sender.error?.code === 'INVALID_INPUT' && sender.error.field === field ? sender.error.message : null
  const otherError = sender.error && !['kind', 'topic', 'text', 'contact'].includes(sender.error.field ?? '')

  return (
    <AppShell>
      <View className="support-page">
        <View className="support-page__card">
          <Text className="support-page__intro">
            提交意见、投诉，或行使你对个人信息的权利。我们在收到后 {ANSWER_WITHIN_WORKING_DAYS}{' '}
            个工作日内答复（节假日不计入）；不能按你的要求处理时，会写明理由。
          </Text>
          <View className="support-page__choices" role="group" aria-label="类型">
            {REQUEST_KINDS.map((k) => (
              <View
                key={k}
                className={`support-choice${kind === k ? ' support-choice--on' : ''}`}
                role="button"
                aria-pressed={kind === k}
                onClick={() => chooseKind(k)}
              >
                {REQUEST_KIND_LABELS[k]}
              </View>
            ))}
          </View>

          {kind === 'privacy' ? (
            <View className="support-page__topics">
              <Text className="support-page__label">请求事项</Text>
              <View className="support-page__choices" role="group" aria-label="请求事项">
                {PRIVACY_TOPICS.map((t) => (
                  <View
                    key={t}
                    className={`support-choice support-choice--small${topic === t ? ' support-choice--on' : ''}`}
                    role="button"
                    aria-pressed={topic === t}
                    onClick={() => {
                      setTopic(t)
                      setMissingTopic(false)
                    }}
                  >
                    {PRIVACY_TOPIC_LABELS[t]}
                  </View>
                ))}
              </View>
              {missingTopic || fieldError('topic') ? (
                <Text className="support-page__error">{fieldError('topic') ?? '请选择请求事项'}</Text>
              ) : null}
              {topic && SELF_SERVICE[topic] ? (
                <View
                  className="support-page__self"
                  role="link"
                  onClick={() => void Taro.navigateTo({ url: Routes.myData })}
                >
                  <Text>{SELF_SERVICE[topic]}</Text>
                  <Text className="support-page__self-link">去我的数据 ›</Text>
                </View>
              ) : null}
            </View>
          ) : null}

          <Text className="support-page__label">内容</Text>
          <Textarea
            className="support-page__text"
            value={text}
            maxlength={REQUEST_TEXT_MAX}
            placeholder={kind === 'privacy' ? '请说明你希望我们做什么，涉及哪些信息' : '请描述你遇到的问题或建议'}
            aria-label="内容"
            onInput={(e) => setText(e.detail.value)}
          />
          <Text className="support-page__counter">
            {text.length} / {REQUEST_TEXT_MAX}
          </Text>
          {fieldError('text') ? <Text className="support-page__error">{fieldError('text')}</Text> : null}

          <Text className="support-page__label">联系方式（选填）</Text>
          <Input
            className="support-page__field"
            value={contact}
            maxlength={REQUEST_CONTACT_MAX}
            placeholder={session ? '答复会出现在消息中，可不填' : '手机号、邮箱或微信，便于我们答复你'}
            aria-label="联系方式"
            onInput={(e) => setContact(e.detail.value)}
          />
          {fieldError('contact') ? <Text className="support-page__error">{fieldError('contact')}</Text> : null}
          {otherError ? <Text className="support-page__error">{sender.error?.message}</Text> : null}

          <Button
            className="support-page__submit"
            disabled={sender.submitting || text.trim().length === 0 || undefined}
            onClick={() => void submit()}
          >
            {sender.submitting ? '提交中…' : '提交'}
          </Button>
          <CustomerServiceButton className="support-page__service" />
        </View>

        {session ? (
          renderMine()
        ) : (
          <Text className="support-page__note">登录后提交的请求，可以在这里查看处理进度和答复。</Text>
        )}
      </View>
    </AppShell>
  )

  function renderMine() {
    return (
      <View className="support-page__mine" aria-label="我的请求">
        <Text className="support-page__heading">我的请求</Text>
        {mine.loading ? <Text className="support-page__note">加载中…</Text> : null}
        {!mine.loading && !mine.error && mine.items.length === 0 ? (
          <Text className="support-page__note">你还没有提交过请求。</Text>
        ) : null}
        {mine.items.map(renderRequest)}
        {mine.error ? (
          <View className="support-page__more" role="button" onClick={() => void mine.retry()}>
            加载失败，点击重试
          </View>
        ) : mine.hasMore ? (
          <View className="support-page__more" role="button" onClick={() => void mine.loadMore()}>
            {mine.loadingMore ? '加载中…' : '加载更多'}
          </View>
        ) : null}
      </View>
    )
  }

  function renderRequest(request: MyRequest) {
    return (
      <View key={request.id} className={`support-request support-request--${request.state}`}>
        <View className="support-request__head">
          <Text className="support-request__subject">{requestSubject(request)}</Text>
          <Text className="support-request__state">{REQUEST_STATE_LABELS[request.state]}</Text>
        </View>
        <Text className="support-request__text">{request.text}</Text>
        <Text className="support-request__meta">
          {formatDay(request.createdAt)} 提交 ·{' '}
          {request.answeredAt ? `${formatDay(request.answeredAt)} 答复` : `${dueDay(request)} 前答复`}
        </Text>
        {request.answer ? <Text className="support-request__answer">答复：{request.answer}</Text> : null}
        {request.reason ? <Text className="support-request__answer">理由：{request.reason}</Text> : null}
      </View>
    )
  }
}
