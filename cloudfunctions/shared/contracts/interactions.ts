import * as v from 'valibot'
import { CardChoiceSchema, type SentCard } from './cards'
import { PlainText } from './text'
import { action, CursorSchema, IdOf, PageSizeSchema, type Page } from './common'
import type { ListingSummary } from './listings'

/**
 * What members do with a listing besides reading it: reveal its contact (rate-limited, logged), favourite
 * it, comment on it, report it. One function, `interactions`; listings themselves belong to `listings`.
 */

/** Reveals per member per China calendar day (UTC+8); the server reads REVEAL_DAILY_LIMIT, this is the default. */
export const DEFAULT_REVEAL_DAILY_LIMIT = 30
/** Comments per member per clock hour. */
export const COMMENT_HOURLY_LIMIT = 20
export const COMMENT_MAX_LENGTH = 300
export const REPORT_NOTE_MAX_LENGTH = 200

export const REPORT_REASONS = ['虚假信息', '违法违规', '骚扰诈骗', '侵权', '其他'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]

/** Moderators move a report submitted → processing → resolved (with an outcome). */
export type ReportStatus = 'submitted' | 'processing' | 'resolved'
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  submitted: '已提交',
  processing: '处理中',
  resolved: '已处理',
}

/** The contact fields the poster made public, in full. A field not made public (or empty) is null. */
export interface RevealedContact {
  listingId: string
  /** '' when the poster did not make their name public (it has its own consent, like the rest). */
  contactName: string
  phone: string | null
  wechat: string | null
  qq: string | null
  /** Reveals of other listings the caller has left today (re-revealing one already revealed today is free). */
  remainingToday: number
  /** The fields of the caller's 名片 sent to the poster with this reveal; null when none was sent. */
  cardSent: SentCard | null
}

/** One line of 「谁看过我的联系方式」. Never the viewer's phone: nickname, avatar and company only. */
export interface RevealLogEntry {
  id: string
  listingId: string
  listingTitle: string
  viewer: { nickname: string; avatarUrl: string | null; companyName: string }
  at: number
  /** The viewer's 名片 as they chose to send it with the reveal (only the ticked fields), or null. */
  card: SentCard | null
}

/**
 * A favourite. A listing that is no longer visible (taken down, expired, deleted) stays in the list as
 * unavailable — `listing` null, the title as it was when favourited — so the member can see what went
 * and remove it.
 */
export interface FavouriteItem {
  listingId: string
  favouritedAt: number
  available: boolean
  title: string
  listing: ListingSummary | null
}

export interface CommentItem {
  id: string
  listingId: string
  content: string
  author: { nickname: string; avatarUrl: string | null }
  /** IP属地 of the comment (「未知」 for older ones). */
  ipRegion: string
  createdAt: number
  /**
   * Only ever true on the answer to postComment: the content check wants a moderator to look first, so
   * the comment is kept but listed to nobody until approved (「评论已提交，审核通过后展示」).
   */
  held: boolean
  /** Written by the caller. */
  mine: boolean
  /** The caller may delete it: their own comment, or any comment on their own listing. */
  canDelete: boolean
}

export interface MyReport {
  id: string
  targetType: 'listing' | 'comment' | 'conversation'
  targetId: string
  /** The listing reported, or the listing the reported comment or conversation is about. */
  listingId: string
  /** The listing's title or the start of the comment, as it was when reported. */
  targetSummary: string
  reason: ReportReason
  note: string
  status: ReportStatus
  /** 已提交 / 处理中 / 已处理. */
  statusLabel: string
  /** The moderators' outcome, once resolved. */
  outcome: string | null
  createdAt: number
  updatedAt: number
}

/** The caller's relation to one listing, for the detail page's buttons. Guests get the all-false answer. */
export interface ListingInteractions {
  loggedIn: boolean
  isPoster: boolean
  favourited: boolean
  /** The poster made at least one contact field public. */
  hasPublicContact: boolean
  /** Already revealed today: revealing again is free. */
  revealedToday: boolean
  /** null for guests. */
  revealsRemainingToday: number | null
  /** The caller's latest report of this listing, if any. */
  myReport: { id: string; status: ReportStatus; statusLabel: string } | null
  commentCount: number
}

const Strict = '请求参数包含不支持的字段'

const ListingIdSchema = IdOf('信息编号')
const CommentIdSchema = IdOf('评论编号')

const UserText = (label: string, min: number, max: number) => PlainText(label, min, max, { multiline: true })

export const CommentContentSchema = UserText('评论内容', 1, COMMENT_MAX_LENGTH)
export const ReportNoteSchema = v.optional(UserText('举报说明', 0, REPORT_NOTE_MAX_LENGTH), '')
export const ReportReasonSchema = v.picklist(REPORT_REASONS, '请选择举报原因')

/** 其他 says nothing by itself, so it needs a note; the error names `note`, the field the form marks. */
const OTHER_NEEDS_NOTE = '选择「其他」时请填写举报说明'
const noteGiven = (input: { reason: ReportReason; note: string }) => input.reason !== '其他' || input.note.length > 0

export const ListingRefInput = v.strictObject({ listingId: ListingIdSchema }, Strict)
/** A reveal may carry the caller's 名片 to the poster, each field ticked on its own (PIPL Art. 23–25). */
export const RevealContactInput = v.strictObject(
  { listingId: ListingIdSchema, card: v.optional(CardChoiceSchema) },
  Strict,
)
export const CommentRefInput = v.strictObject({ commentId: CommentIdSchema }, Strict)

export const ListRevealLogInput = v.strictObject(
  { listingId: v.optional(ListingIdSchema), cursor: CursorSchema, pageSize: PageSizeSchema },
  Strict,
)

const PageInput = v.optional(v.strictObject({ cursor: CursorSchema, pageSize: PageSizeSchema }, Strict), {})
const Empty = v.optional(v.strictObject({}, Strict), {})

export const ListCommentsInput = v.strictObject(
  { listingId: ListingIdSchema, cursor: CursorSchema, pageSize: PageSizeSchema },
  Strict,
)

export const PostCommentInput = v.strictObject({ listingId: ListingIdSchema, content: CommentContentSchema }, Strict)

export const ReportListingInput = v.pipe(
  v.strictObject({ listingId: ListingIdSchema, reason: ReportReasonSchema, note: ReportNoteSchema }, Strict),
  v.forward(v.partialCheck([['reason'], ['note']], noteGiven, OTHER_NEEDS_NOTE), ['note']),
)

export const ReportCommentInput = v.pipe(
  v.strictObject({ commentId: CommentIdSchema, reason: ReportReasonSchema, note: ReportNoteSchema }, Strict),
  v.forward(v.partialCheck([['reason'], ['note']], noteGiven, OTHER_NEEDS_NOTE), ['note']),
)

export const interactionsContract = {
  /**
   * Member. NOT_FOUND 「该信息不存在或已下架」 / 「发布者未公开联系方式」; RATE_LIMITED when today's reveals are
   * used up; INVALID_INPUT on `card` when a ticked field of the caller's card is empty or there is no card.
   */
  revealContact: action<RevealedContact>()(RevealContactInput, 'member'),
  /** Member; the poster's own log, all listings or one. NOT_ALLOWED for someone else's listing. */
  listRevealLog: action<Page<RevealLogEntry>>()(ListRevealLogInput, 'member'),
  /** Idempotent. NOT_FOUND when the listing is not visible. */
  addFavourite: action<{ favourited: true }>()(ListingRefInput, 'member'),
  /** Idempotent; also removes favourites of listings no longer visible. */
  removeFavourite: action<{ favourited: false }>()(ListingRefInput, 'member'),
  listFavourites: action<Page<FavouriteItem>>()(PageInput, 'member'),
  clearFavourites: action<{ removed: number }>()(Empty, 'member'),
  /** Guest-readable: guests get `loggedIn: false` and the rest false / null. */
  getListingInteractions: action<ListingInteractions>()(ListingRefInput, 'guest'),
  /**
   * Member. RATE_LIMITED past COMMENT_HOURLY_LIMIT an hour; INVALID_INPUT on `content` with the checker's
   * reason when refused; `held: true` when kept for review.
   */
  postComment: action<CommentItem>()(PostCommentInput, 'member'),
  /** Guest-readable, newest first. */
  listComments: action<Page<CommentItem>>()(ListCommentsInput, 'guest'),
  /** Own comment, or any comment on one's own listing; else NOT_ALLOWED. */
  deleteComment: action<{ deleted: true }>()(CommentRefInput, 'member'),
  /** CONFLICT 「你已举报过该内容，正在处理中」 while the caller's previous report of it is open. */
  reportListing: action<MyReport>()(ReportListingInput, 'member'),
  reportComment: action<MyReport>()(ReportCommentInput, 'member'),
  listMyReports: action<Page<MyReport>>()(PageInput, 'member'),
}
