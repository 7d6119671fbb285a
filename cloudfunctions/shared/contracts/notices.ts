import * as v from 'valibot'
import { PlainText } from './text'
import { action, CursorSchema, IdOf, PageSizeSchema, type Page } from './common'

/**
 * The notice centre (消息): what the platform tells a member — decisions about their content, outcomes of
 * their reports and appeals, comments on their listings, a listing about to expire, announcements and
 * incident notices. One function, `notices`, for members; admins publish through `moderation.publishNotice`.
 */

export const NOTICE_KINDS = [
  'moderationDecision',
  'appealOutcome',
  'penalty',
  'reportOutcome',
  'comment',
  'inquiry',
  'listingExpiring',
  'announcement',
  'incident',
  'requestAnswer',
] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  moderationDecision: '内容审核结果',
  appealOutcome: '申诉结果',
  penalty: '账号处罚',
  reportOutcome: '举报处理结果',
  comment: '我的信息收到评论',
  inquiry: '留言咨询和回复',
  listingExpiring: '信息即将到期提醒',
  announcement: '平台公告',
  incident: '安全事件告知',
  requestAnswer: '反馈和隐私请求的答复',
}

/**
 * Kinds a member cannot turn off, and why: they are about the member's own rights and account (a decision
 * they may appeal, a penalty, a security incident). Announcements are service notices when marked so.
 */
export const SERVICE_KINDS: Partial<Record<NoticeKind, string>> = {
  moderationDecision: '处理结果涉及你的内容和申诉权利，必须告知你',
  appealOutcome: '申诉结果关系到你的内容和账号，必须告知你',
  penalty: '处罚关系到你能否使用相应功能，必须告知你',
  incident: '发生个人信息安全事件时，法律要求我们告知受影响的用户（《个人信息保护法》第五十七条）',
  requestAnswer: '这是对你提出的请求的答复，关系到你的权利，必须告知你',
}

/** Days before a listing's end that its poster is reminded. */
export const EXPIRY_REMINDER_DAYS = 3

export interface NoticeItem {
  id: string
  kind: NoticeKind
  title: string
  body: string
  read: boolean
  createdAt: number
  /** A service notice: cannot be turned off. */
  service: boolean
  /** Shown above the list until read (an unread incident notice). */
  prominent: boolean
  /** For moderation kinds: the decision and the rule it cites. */
  decisionId: string | null
  rule: { id: string; title: string } | null
  target: { kind: string; id: string } | null
  /** One tap from the notice: renewing the listing that is about to expire. */
  action: { kind: 'renewListing'; listingId: string } | null
}

export interface NoticePreference {
  kind: NoticeKind
  label: string
  enabled: boolean
  /** Service kinds: cannot be turned off, with the reason. */
  locked: boolean
  reason: string | null
  /** WeChat: the subscription message template this kind is pushed with (null: not pushed). */
  templateId: string | null
  /** Subscription messages the member agreed to and that are not yet used (one per agreement). */
  pushesLeft: number
}

/** The 消息 page a subscription message opens (the client's tab page of the same path). */
export const NOTICE_PAGE = 'pages/messages/index'
/** One-time agreements kept per kind at most (WeChat keeps a count per template too). */
export const MAX_PUSHES_PER_KIND = 20

/** The Art. 57 contents of an incident notice, each required. */
export const INCIDENT_PARTS = {
  happened: '发生了什么',
  data: '涉及哪些个人信息',
  impact: '可能造成的影响',
  measures: '我们已经和将要采取的措施',
  advice: '你可以采取的措施',
  contact: '联系我们的方式',
} as const
export type IncidentPart = keyof typeof INCIDENT_PARTS

const Strict = '请求参数包含不支持的字段'

const MarkReadInput = v.union(
  [
    v.strictObject(
      {
        ids: v.pipe(
          v.array(IdOf('通知编号'), '通知编号必须是列表'),
          v.minLength(1, '请选择通知'),
          v.maxLength(100, '一次最多标记 100 条'),
        ),
      },
      Strict,
    ),
    v.strictObject({ all: v.literal(true, '请选择要标记的通知') }, Strict),
  ],
  '请选择要标记为已读的通知',
)

const SetPreferencesInput = v.strictObject(
  { kind: v.picklist(NOTICE_KINDS, '通知类型不正确'), enabled: v.boolean('请选择开启或关闭') },
  Strict,
)

const AcceptSubscriptionsInput = v.strictObject(
  {
    kinds: v.pipe(
      v.array(v.picklist(NOTICE_KINDS, '通知类型不正确'), '通知类型必须是列表'),
      v.minLength(1, '请选择要订阅的通知'),
      v.maxLength(3, '一次最多订阅 3 种通知'),
    ),
  },
  Strict,
)

const PageInput = v.optional(v.strictObject({ cursor: CursorSchema, pageSize: PageSizeSchema }, Strict), {})
const Empty = v.optional(v.strictObject({}, Strict), {})

export const NOTICE_TITLE_MAX = 40
export const NOTICE_BODY_MAX = 2000

const incidentParts = Object.fromEntries(
  Object.entries(INCIDENT_PARTS).map(([key, label]) => [key, PlainText(label, 1, 500, { multiline: true })]),
) as Record<IncidentPart, ReturnType<typeof PlainText>>

export const PublishNoticeInput = v.pipe(
  v.strictObject(
    {
      kind: v.picklist(['announcement', 'incident'] as const, '请选择公告或安全事件告知'),
      service: v.boolean('请选择是否为服务通知'),
      title: PlainText('标题', 2, NOTICE_TITLE_MAX),
      body: PlainText('正文', 1, NOTICE_BODY_MAX, { multiline: true }),
      audience: v.union(
        [
          v.literal('all', '请选择发送对象'),
          v.strictObject(
            {
              userIds: v.pipe(
                v.array(IdOf('用户编号'), '用户编号必须是列表'),
                v.minLength(1, '请至少指定一个账号'),
                v.maxLength(1000, '一次最多指定 1000 个账号'),
              ),
            },
            Strict,
          ),
        ],
        '请选择发送对象',
      ),
      incident: v.optional(v.strictObject(incidentParts, Strict)),
    },
    Strict,
  ),
  v.forward(
    v.partialCheck(
      [['kind'], ['incident']],
      (input) => input.kind !== 'incident' || input.incident !== undefined,
      '安全事件告知须写明：发生了什么、涉及哪些信息、可能的影响、已采取的措施、你可以做什么、联系方式',
    ),
    ['incident'],
  ),
)

export const noticesContract = {
  /** Member. Newest first; broadcasts published since the member joined are included. */
  listNotices: action<Page<NoticeItem>>()(PageInput, 'member'),
  countUnread: action<{ unread: number }>()(Empty, 'member'),
  /** Member. Unknown ids and other members' notices are NOT_FOUND. */
  markRead: action<{ marked: number }>()(MarkReadInput, 'member'),
  getPreferences: action<NoticePreference[]>()(Empty, 'member'),
  /** Member. Turning off a service kind is NOT_ALLOWED with the reason. */
  setPreferences: action<NoticePreference[]>()(SetPreferencesInput, 'member'),
  /**
   * Member, after WeChat's requestSubscribeMessage (from a tap) answered `accept` for these kinds' templates:
   * one subscription message each may then be sent. A kind with no template is INVALID_INPUT.
   */
  acceptSubscriptions: action<NoticePreference[]>()(AcceptSubscriptionsInput, 'member'),
}
