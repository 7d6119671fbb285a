import * as v from 'valibot'
import { PlainText } from './text'
import { action, CursorSchema, IdOf, PageSizeSchema, type Page } from './common'
import type { Platform } from './consent'
import type { ReportReason } from './interactions'
import { PublishNoticeInput } from './notices'
import {
  DeleteCategoryInput,
  MoveCategoryInput,
  PublishPolicyVersionInput,
  SaveCategoryInput,
  SetCategoryHiddenInput,
  type ConsoleCategory,
  type PolicyDocumentState,
  type PolicyPublication,
} from './console'

/**
 * Moderation: the queues moderators work through, their decisions with a statement of reasons, penalties,
 * appeals, the platform rules and the audit log. One function, `moderation`; most actions are for
 * moderators, a few for members (appeals, their own decisions) and guests (rules, the public penalty list).
 */

export const MODERATION_QUEUES = ['listings', 'comments', 'images', 'reports', 'appeals'] as const
export type ModerationQueue = (typeof MODERATION_QUEUES)[number]

export const TARGET_KINDS = ['listing', 'comment', 'image', 'conversation'] as const
export type TargetKind = (typeof TARGET_KINDS)[number]

export interface ModerationTarget {
  kind: TargetKind
  id: string
}

export const DECISIONS = ['approve', 'reject', 'takeDown', 'restore', 'deleteComment', 'dismiss'] as const
export type DecisionKind = (typeof DECISIONS)[number]
/** Decisions against the content's owner: each cites a rule and states the facts in a note. */
export const ADVERSE_DECISIONS: readonly DecisionKind[] = ['reject', 'takeDown', 'deleteComment']

export const PENALTY_KINDS = ['warning', 'publishBan', 'commentBan', 'messageBan', 'accountBan'] as const
export type PenaltyKind = (typeof PENALTY_KINDS)[number]

export const PENALTY_LABELS: Record<PenaltyKind, string> = {
  warning: '警告',
  publishBan: '禁止发布',
  commentBan: '禁止评论',
  messageBan: '禁止私信',
  accountBan: '封禁账号',
}

export const DECISION_LABELS: Record<DecisionKind, string> = {
  approve: '审核通过',
  reject: '审核不通过',
  takeDown: '下架',
  restore: '恢复展示',
  deleteComment: '删除评论',
  dismiss: '举报不成立',
}

export type ModeratorRole = 'moderator' | 'admin'

/** An appeal is open for this long after the decision (DSA Art. 20 asks for at least six months). */
export const APPEAL_WINDOW_DAYS = 180
/** An item waiting longer than this is flagged for escalation. */
export const ESCALATION_HOURS = 48
export const DEFAULT_REPORT_HIDE_THRESHOLD = 3
export const MODERATION_NOTE_MAX_LENGTH = 500
export const APPEAL_TEXT_MAX_LENGTH = 500
export const PENALTY_MAX_DAYS = 365

/** A platform rule, cited by every adverse decision (e.g. 1.1 虚假信息). */
export interface Rule {
  id: string
  title: string
  description: string
}

/** What the poster has been told before: shown beside every queue item. */
export interface OwnerHistory {
  decisions: Array<{ id: string; decision: DecisionKind | 'penalty'; ruleId: string | null; at: number }>
  penalties: Array<{ id: string; kind: PenaltyKind; ruleId: string; startsAt: number; endsAt: number | null }>
  /** Submissions refused as a repeat of the same listing within 24 hours. */
  duplicateAttempts: number
}

export interface QueueItem {
  queue: ModerationQueue
  target: ModerationTarget
  /** Since when it waits (oldest first). */
  since: number
  /** Waiting longer than ESCALATION_HOURS. */
  overdue: boolean
  claim: { mine: boolean; at: number } | null
  content: {
    /** The listing's title, or the start of the listing a comment or image is on. */
    title: string
    /** The listing's description or the comment's text. */
    text: string
    images: string[]
    /** The listing the target is or belongs to. */
    listingId: string | null
    /** The target's state now, as its owner would see it (审核中, 展示中, 已隐藏 …). */
    state: string
  }
  /** Why a machine held it (the content check's reason), if it did. */
  heldBecause: string | null
  owner: { userId: string; nickname: string; history: OwnerHistory } | null
  /** For the reports queue: the open reports of this target. */
  reports: {
    count: number
    reporters: number
    reasons: Array<{ reason: string; count: number }>
    notes: string[]
    firstAt: number
    lastAt: number
  } | null
  /** For the appeals queue. */
  appeal: {
    id: string
    decisionId: string
    decision: DecisionKind | 'penalty'
    decisionNote: string
    ruleId: string | null
    text: string
    at: number
    /** The caller made the decision appealed against, so they may not decide the appeal. */
    decidedByMe: boolean
  } | null
}

export interface Decision {
  id: string
  target: ModerationTarget | null
  /** 'penalty' for a penalty (its kind in `penalty`). */
  decision: DecisionKind | 'penalty'
  penalty: { kind: PenaltyKind; endsAt: number | null } | null
  ruleId: string | null
  note: string
  decidedBy: 'person' | 'machine'
  at: number
  /** Until when the owner may appeal; null when the decision is not against them. */
  appealableUntil: number | null
}

/** A decision about the member's own content or account, as they see it (处理记录). */
export interface MyDecision extends Decision {
  label: string
  /** The content's title or excerpt now, or 「内容已删除」. */
  summary: string
  rule: Rule | null
  appeal: {
    id: string
    status: AppealStatus
    statusLabel: string
    note: string | null
    decidedAt: number | null
  } | null
  canAppeal: boolean
}

export type AppealStatus = 'open' | 'granted' | 'denied'
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  open: '申诉处理中',
  granted: '申诉成立',
  denied: '申诉未成立',
}

export interface AppealResult {
  id: string
  decisionId: string
  status: AppealStatus
  note: string | null
  decidedAt: number | null
}

export interface Penalty {
  id: string
  decisionId: string
  userId: string
  kind: PenaltyKind
  ruleId: string
  startsAt: number
  /** null: no end (a warning, or an account ban without a term). */
  endsAt: number | null
}

export interface PublicPenalty {
  /** The account as others see it, masked (「墨**」). */
  account: string
  kind: PenaltyKind
  rule: { id: string; title: string }
  at: number
  endsAt: number | null
}

export interface AuditEntry {
  id: string
  /**
   * A pseudonymous reference of the actor (moderator, admin), 'operator' for the command line, or 'system'
   * for what a checker decided (an image check's verdict).
   */
  actor: string
  /** The caller took this action. */
  mine: boolean
  action: AuditAction
  target: { kind: TargetKind | 'account' | 'appeal' | 'notice' | 'request' | 'category' | 'policy'; id: string } | null
  before: string | null
  after: string | null
  ruleId: string | null
  note: string
  at: number
}

export const AUDIT_ACTIONS = [
  'decide',
  'penalize',
  'decideAppeal',
  'grantRole',
  'revokeRole',
  'claim',
  'publishNotice',
  'answerRequest',
  'saveCategory',
  'moveCategory',
  'hideCategory',
  'deleteCategory',
  'publishPolicy',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

const Strict = '请求参数包含不支持的字段'

const RuleIdSchema = v.pipe(v.string('规则编号必须是文本'), v.regex(/^\d{1,2}\.\d{1,2}$/, '规则编号格式不正确'))
const NoteSchema = (label: string, max: number) => PlainText(label, 0, max, { multiline: true })

export const TargetSchema = v.strictObject(
  { kind: v.picklist(TARGET_KINDS, '处理对象类型不正确'), id: IdOf('处理对象编号') },
  Strict,
)

export const ListQueueInput = v.strictObject(
  {
    queue: v.picklist(MODERATION_QUEUES, '请选择审核队列'),
    cursor: CursorSchema,
    pageSize: PageSizeSchema,
  },
  Strict,
)

export const ClaimInput = v.strictObject({ target: TargetSchema }, Strict)

const ADVERSE_NEEDS_RULE = '下架、不通过和删除评论须引用一条平台规则'
const ADVERSE_NEEDS_NOTE = '请写明处理所依据的事实'

export const DecideInput = v.pipe(
  v.strictObject(
    {
      target: TargetSchema,
      decision: v.picklist(DECISIONS, '请选择处理结果'),
      ruleId: v.optional(RuleIdSchema),
      note: NoteSchema('处理说明', MODERATION_NOTE_MAX_LENGTH),
    },
    Strict,
  ),
  v.forward(
    v.partialCheck(
      [['decision'], ['ruleId']],
      (input) => !ADVERSE_DECISIONS.includes(input.decision) || input.ruleId !== undefined,
      ADVERSE_NEEDS_RULE,
    ),
    ['ruleId'],
  ),
  v.forward(
    v.partialCheck(
      [['decision'], ['note']],
      (input) => !ADVERSE_DECISIONS.includes(input.decision) || input.note.length > 0,
      ADVERSE_NEEDS_NOTE,
    ),
    ['note'],
  ),
)

/** A whole number of days from 1 to `max` (a penalty's term, the dashboard's window). */
const daysUpTo = (max: number) =>
  v.pipe(
    v.number('天数必须是数字'),
    v.integer('天数必须是整数'),
    v.minValue(1, '天数至少为 1'),
    v.maxValue(max, `天数不能超过 ${max}`),
  )

const DaysSchema = daysUpTo(PENALTY_MAX_DAYS)

/** Bans for a term need the term; a warning has none; an account ban without days has no end. */
const needsDays = (kind: PenaltyKind) => kind === 'publishBan' || kind === 'commentBan' || kind === 'messageBan'

export const PenalizeInput = v.pipe(
  v.strictObject(
    {
      userId: IdOf('用户编号'),
      kind: v.picklist(PENALTY_KINDS, '请选择处罚类型'),
      days: v.optional(DaysSchema),
      ruleId: RuleIdSchema,
      note: PlainText('处罚说明', 1, MODERATION_NOTE_MAX_LENGTH, { multiline: true }),
    },
    Strict,
  ),
  v.forward(
    v.partialCheck(
      [['kind'], ['days']],
      (input) => !needsDays(input.kind) || input.days !== undefined,
      '请填写处罚天数',
    ),
    ['days'],
  ),
  v.forward(
    v.partialCheck(
      [['kind'], ['days']],
      (input) => input.kind !== 'warning' || input.days === undefined,
      '警告没有期限',
    ),
    ['days'],
  ),
)

export const ListAuditLogInput = v.optional(
  v.strictObject(
    {
      cursor: CursorSchema,
      pageSize: PageSizeSchema,
      action: v.optional(v.picklist(AUDIT_ACTIONS, '操作类型不正确')),
      targetId: v.optional(IdOf('处理对象编号')),
    },
    Strict,
  ),
  {},
)

export const DecideAppealInput = v.strictObject(
  {
    appealId: IdOf('申诉编号'),
    outcome: v.picklist(['grant', 'deny'] as const, '请选择申诉结果'),
    note: PlainText('申诉处理说明', 1, MODERATION_NOTE_MAX_LENGTH, { multiline: true }),
  },
  Strict,
)

export const AppealInput = v.strictObject(
  {
    decisionId: IdOf('处理编号'),
    text: PlainText('申诉理由', 5, APPEAL_TEXT_MAX_LENGTH, { multiline: true }),
  },
  Strict,
)

export const STATS_DEFAULT_DAYS = 30
export const STATS_MAX_DAYS = 90

export const GetStatsInput = v.optional(
  v.strictObject(
    {
      days: v.optional(daysUpTo(STATS_MAX_DAYS), STATS_DEFAULT_DAYS),
    },
    Strict,
  ),
  {},
)

/** A number per day of `ModerationStats.days`, oldest first. */
export type PerDay = number[]

/** The operator's dashboard (数据看板): the last `days` China calendar days, today included. */
export interface ModerationStats {
  /** The China days counted, YYYY-MM-DD, oldest first; every `PerDay` has one number per day. */
  days: string[]
  /** When the numbers were counted. */
  at: number
  /** Listings posted (submitted, whether or not approved since). */
  listingsPublished: PerDay
  reports: Array<{ reason: ReportReason; perDay: PerDay }>
  /** What waits now in each queue and since when the oldest waits (null: nothing waits). Reports: open reports. */
  queues: Array<{ queue: ModerationQueue; size: number; oldestAt: number | null }>
  /**
   * Decisions and penalties over the days, per moderator by their pseudonymous reference (as the audit log
   * names them; `mine` for the caller), and `system` for what a checker decided. Most first.
   */
  decisions: Array<{ moderator: string; mine: boolean; count: number }>
  /** Contact reveals (one per viewer, listing and day). */
  contactReveals: PerDay
  /** Logins from the security log by the platform they came from. */
  logins: Array<{ platform: Platform | 'unknown'; perDay: PerDay }>
  /**
   * The request channel's open and overdue requests. Filled by the support domain (left out until it
   * answers); the dashboard shows it when present.
   */
  requests?: { open: number; overdue: number }
}

const PageInput = v.optional(v.strictObject({ cursor: CursorSchema, pageSize: PageSizeSchema }, Strict), {})
const Empty = v.optional(v.strictObject({}, Strict), {})

export const moderationContract = {
  /** Moderator. Oldest first; each item with its content and the owner's history. */
  listQueue: action<Page<QueueItem>>()(ListQueueInput, 'moderator'),
  /** Moderator. CONFLICT while another moderator's claim (30 minutes) holds; NOT_FOUND when nothing waits. */
  claim: action<{ claimed: true; until: number }>()(ClaimInput, 'moderator'),
  /**
   * Moderator. INVALID_INPUT without a rule (reject, takeDown, deleteComment); NOT_ALLOWED on one's own
   * content; CONFLICT when the item was decided meanwhile or the decision does not apply to its state.
   */
  decide: action<Decision>()(DecideInput, 'moderator'),
  /** Moderator. NOT_ALLOWED on oneself; NOT_FOUND for an unknown account. */
  penalize: action<Penalty>()(PenalizeInput, 'moderator'),
  /** Moderator. Newest first; filter by action or target. */
  listAuditLog: action<Page<AuditEntry>>()(ListAuditLogInput, 'moderator'),
  /** Moderator other than the one who decided (else NOT_ALLOWED); CONFLICT when already decided. */
  decideAppeal: action<AppealResult>()(DecideAppealInput, 'moderator'),
  /** Guest. The platform rules, by number. */
  listRules: action<Rule[]>()(Empty, 'guest'),
  /** Guest. Account bans in force or past: masked account, rule and date only. Newest first. */
  listPublicPenalties: action<Page<PublicPenalty>>()(PageInput, 'guest'),
  /**
   * Member, the decision's owner (else NOT_FOUND). NOT_ALLOWED after APPEAL_WINDOW_DAYS or for a decision
   * not against them; CONFLICT for a second appeal of the same decision.
   */
  appeal: action<{ id: string }>()(AppealInput, 'member'),
  /** Member. Decisions about the member's content and account, newest first, with their appeals. */
  listMyDecisions: action<Page<MyDecision>>()(PageInput, 'member'),
  /**
   * Admin (else NOT_ALLOWED). An announcement or an incident notice (with every PIPL Art. 57 part) to
   * everyone or to the accounts named; answers how many accounts it was sent to (`all`: delivered to each
   * member when they next open 消息).
   */
  publishNotice: action<{ id: string; sent: number | 'all' }>()(PublishNoticeInput, 'moderator'),
  /** Member. The caller's role, for showing the moderation entry (the server refuses others anyway). */
  getMyRole: action<{ role: ModeratorRole | null }>()(Empty, 'member'),
  /** Moderator or admin (members: NOT_ALLOWED). The dashboard's numbers over `days` (1–90, default 30). */
  getStats: action<ModerationStats>()(GetStatsInput, 'moderator'),

  // 分类管理 and 政策版本 (contracts/console.ts): moderators read, admins change (else NOT_ALLOWED).
  /** Moderator. Every category, hidden ones too, in order, with the number of listings using each. */
  listAllCategories: action<ConsoleCategory[]>()(Empty, 'moderator'),
  /**
   * Admin. Adds a category (no `id`; placed last) or replaces an existing one's name and field spec
   * (NOT_FOUND for an unknown id). INVALID_INPUT names the field of a bad spec (`extraFields.1.key`).
   */
  saveCategory: action<ConsoleCategory>()(SaveCategoryInput, 'moderator'),
  /** Admin. Swaps the category with its neighbour; at either end nothing changes. Answers the new order. */
  moveCategory: action<ConsoleCategory[]>()(MoveCategoryInput, 'moderator'),
  /** Admin. Hidden: out of the feed tabs and the publish form; its listings keep working. */
  setCategoryHidden: action<ConsoleCategory>()(SetCategoryHiddenInput, 'moderator'),
  /** Admin. CONFLICT while any listing (in any state) uses the category: hide it instead. */
  deleteCategory: action<{ deleted: true }>()(DeleteCategoryInput, 'moderator'),
  /** Moderator. Each document's editions in code, what is published, and the active members' consent shares. */
  listPolicyVersions: action<PolicyDocumentState[]>()(Empty, 'moderator'),
  /**
   * Admin. Requires the version from now on (logins without consent to it are refused; the app asks again).
   * INVALID_INPUT for a version not in code; CONFLICT for one older than the published one; publishing
   * the published version again answers its publication (idempotent).
   */
  publishPolicyVersion: action<PolicyPublication>()(PublishPolicyVersionInput, 'moderator'),
}
