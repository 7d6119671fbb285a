import * as v from 'valibot'
import { action, CursorSchema, IdOf, PageSizeSchema, type Page } from './common'
import { PlainText } from './text'

/**
 * 意见反馈与隐私请求: anyone (a guest too) sends feedback, a complaint or a privacy request; a member sees
 * their own requests with their state and answer; moderators work through a queue ordered by due date and
 * answer each one (the answer reaches a member as a notice). One function, `support`.
 */

export const REQUEST_KINDS = ['feedback', 'complaint', 'privacy'] as const
export type RequestKind = (typeof REQUEST_KINDS)[number]
export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  feedback: '意见反馈',
  complaint: '投诉',
  privacy: '隐私请求',
}

/** What a privacy request asks for: the rights of PIPL Art. 44–47 and withdrawing consent (Art. 15). */
export const PRIVACY_TOPICS = ['access', 'correct', 'delete', 'withdraw', 'other'] as const
export type PrivacyTopic = (typeof PRIVACY_TOPICS)[number]
export const PRIVACY_TOPIC_LABELS: Record<PrivacyTopic, string> = {
  access: '查阅',
  correct: '更正',
  delete: '删除',
  withdraw: '撤回同意',
  other: '其他',
}

/** What a request is about, as the form, the queue and the answer's notice name it: 「隐私请求（更正）」. */
export function requestSubject(request: { kind: RequestKind; topic: PrivacyTopic | null }): string {
  const kind = REQUEST_KIND_LABELS[request.kind]
  return request.topic ? `${kind}（${PRIVACY_TOPIC_LABELS[request.topic]}）` : kind
}

export const REQUEST_STATES = ['open', 'done', 'refused'] as const
export type RequestState = (typeof REQUEST_STATES)[number]
export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  open: '处理中',
  done: '已答复',
  refused: '已拒绝',
}

/** The policy's promise: an answer within this many working days of receipt. */
export const ANSWER_WITHIN_WORKING_DAYS = 15
export const REQUEST_TEXT_MAX = 1000
export const REQUEST_CONTACT_MAX = 50
export const ANSWER_MAX = 1000
/** Requests one guest client (its address, or its OPENID over WeChat) may send per China day. */
export const GUEST_REQUESTS_PER_DAY = 5
/** Requests one member may send per China day. */
export const MEMBER_REQUESTS_PER_DAY = 10

/** A request as the member who sent it sees it. */
export interface MyRequest {
  id: string
  kind: RequestKind
  topic: PrivacyTopic | null
  text: string
  state: RequestState
  createdAt: number
  /** The end of the 15th working day after the day of receipt (China time). */
  dueAt: number
  answer: string | null
  /** Why a request was refused (required when refusing). */
  reason: string | null
  answeredAt: number | null
}

/** A request in the operators' queue. */
export interface QueueRequest extends MyRequest {
  /** Sent by a member (their public name), or by a guest. */
  from: { member: boolean; nickname: string }
  /** The contact the sender left, to answer a guest. */
  contact: string
  /** Open and past its due date. */
  overdue: boolean
  /** Working days left until the due date (0 on the due day, negative once overdue); null once answered. */
  workingDaysLeft: number | null
  /** Working-day calendar for part of the span not yet published: the due date counts Monday–Friday there. */
  dueEstimated: boolean
}

const Strict = '请求参数包含不支持的字段'

export const RequestTextSchema = PlainText('内容', 5, REQUEST_TEXT_MAX, { multiline: true })
export const RequestContactSchema = PlainText('联系方式', 0, REQUEST_CONTACT_MAX)
export const AnswerSchema = PlainText('答复', 2, ANSWER_MAX, { multiline: true })
export const RefusalReasonSchema = PlainText('拒绝理由', 0, 500, { multiline: true })

export const SubmitRequestInput = v.pipe(
  v.strictObject(
    {
      kind: v.picklist(REQUEST_KINDS, '请选择反馈、投诉或隐私请求'),
      topic: v.optional(v.picklist(PRIVACY_TOPICS, '请选择请求事项')),
      text: RequestTextSchema,
      contact: v.optional(RequestContactSchema, ''),
    },
    Strict,
  ),
  v.forward(
    v.partialCheck(
      [['kind'], ['topic']],
      (input) => (input.kind === 'privacy') === (input.topic !== undefined),
      '隐私请求请选择请求事项；意见反馈和投诉不选事项',
    ),
    ['topic'],
  ),
)

export const AnswerRequestInput = v.pipe(
  v.strictObject(
    {
      requestId: IdOf('请求编号'),
      answer: AnswerSchema,
      outcome: v.picklist(['done', 'refused'] as const, '请选择已处理或拒绝'),
      reason: v.optional(RefusalReasonSchema, ''),
    },
    Strict,
  ),
  // PIPL Art. 50: refusing a request states the reason.
  v.forward(
    v.partialCheck(
      [['outcome'], ['reason']],
      (input) => input.outcome !== 'refused' || input.reason.length >= 2,
      '拒绝请求须写明理由',
    ),
    ['reason'],
  ),
)

const PageInput = v.optional(v.strictObject({ cursor: CursorSchema, pageSize: PageSizeSchema }, Strict), {})
const QueueInput = v.optional(
  v.strictObject(
    {
      state: v.optional(v.picklist(REQUEST_STATES, '请求状态不正确'), 'open'),
      cursor: CursorSchema,
      pageSize: PageSizeSchema,
    },
    Strict,
  ),
  {},
)

export const supportContract = {
  /** Guest or member; rate-limited per client (guests) or per member per China day. */
  submitRequest: action<{ id: string; dueAt: number }>()(SubmitRequestInput, 'guest'),
  /** Member: their own requests, newest first. */
  listMyRequests: action<Page<MyRequest>>()(PageInput, 'member'),
  /** Moderator: requests in one state (open by default), the earliest due first. */
  listRequests: action<Page<QueueRequest>>()(QueueInput, 'moderator'),
  /** Moderator: answers once; the answer reaches a member as a notice. */
  answerRequest: action<QueueRequest>()(AnswerRequestInput, 'moderator'),
}
