import * as v from 'valibot'
import { action, CursorSchema, IdOf, PageSizeSchema, type Page } from './common'
import { ReportNoteSchema, ReportReasonSchema, type MyReport } from './interactions'
import { CardChoiceSchema, CardFieldsSchema, SaveCardInput, type BusinessCard, type SentCard } from './cards'
import { PlainText } from './text'

/**
 * Inquiries (留言咨询): a member writes to a poster about one listing, which opens a private conversation
 * between the two; both reply, either may block the other or report the conversation. A member may also
 * send a business card (名片) into a conversation, choosing each field it carries. One function,
 * `messages`, for members; whether a listing takes inquiries is readable by guests.
 */

/** New conversations one member may open per China calendar day; the server reads INQUIRY_DAILY_LIMIT. */
export const DEFAULT_INQUIRY_DAILY_LIMIT = 10
/** Messages (replies included) one member may send per clock hour, across conversations. */
export const MESSAGE_HOURLY_LIMIT = 60
export const MESSAGE_MAX_LENGTH = 500

export {
  CARD_FIELD_LABELS,
  CARD_FIELDS,
  CardChoiceSchema,
  SaveCardInput,
  type BusinessCard,
  type CardField,
  type SentCard,
} from './cards'

/** The answer to a message that will not arrive: the same whether blocked, closed or inquiries are off. */
export const UNDELIVERABLE = '消息无法送达'

export interface ConversationParty {
  nickname: string
  avatarUrl: string | null
  companyName: string
}

export interface ConversationItem {
  conversationId: string
  listingId: string
  /** The listing's title when the conversation began (kept when the listing is deleted). */
  listingTitle: string
  /** The listing can still be opened. */
  listingAvailable: boolean
  /** The caller's side: the listing's poster, or the member who asked. */
  role: 'poster' | 'asker'
  /** The other side as members see each other (已注销用户 once their account is gone). */
  other: ConversationParty
  /** The latest message's start, or 「[名片]」. */
  lastText: string
  lastAt: number
  /** Messages from the other side the caller has not read. */
  unread: number
  /** The caller blocked the other side. */
  blocked: boolean
  /** Closed by the platform after a report: readable, no more messages. */
  closed: boolean
}

export interface MessageItem {
  id: string
  mine: boolean
  text: string
  card: SentCard | null
  createdAt: number
}

export interface ConversationPage extends Page<MessageItem> {
  conversation: ConversationItem
}

/** Whether a listing takes inquiries, and the caller's conversation about it if one exists. */
export interface InquiryState {
  open: boolean
  /** The caller is the listing's poster. */
  isPoster: boolean
  conversationId: string | null
}

const Strict = '请求参数包含不支持的字段'
const ConversationIdSchema = IdOf('会话编号')
const ListingIdSchema = IdOf('信息编号')

export const MessageTextSchema = PlainText('消息内容', 1, MESSAGE_MAX_LENGTH, { multiline: true })

export const SendInquiryInput = v.strictObject(
  { listingId: ListingIdSchema, text: MessageTextSchema, card: v.optional(CardChoiceSchema) },
  Strict,
)
export const ReplyInput = v.strictObject({ conversationId: ConversationIdSchema, text: MessageTextSchema }, Strict)
export const SendCardInput = v.strictObject({ conversationId: ConversationIdSchema, fields: CardFieldsSchema }, Strict)
export const ConversationRefInput = v.strictObject({ conversationId: ConversationIdSchema }, Strict)
export const ListMessagesInput = v.strictObject(
  { conversationId: ConversationIdSchema, cursor: CursorSchema, pageSize: PageSizeSchema },
  Strict,
)
export const ReportConversationInput = v.strictObject(
  { conversationId: ConversationIdSchema, reason: ReportReasonSchema, note: ReportNoteSchema },
  Strict,
)
export const ListingInquiriesInput = v.strictObject(
  { listingId: ListingIdSchema, open: v.boolean('请选择是否接受留言') },
  Strict,
)
const ListingRefInput = v.strictObject({ listingId: ListingIdSchema }, Strict)
const PageInput = v.optional(v.strictObject({ cursor: CursorSchema, pageSize: PageSizeSchema }, Strict), {})
const Empty = v.optional(v.strictObject({}, Strict), {})

export const messagesContract = {
  /**
   * Member. Opens the conversation about the listing (or continues the caller's existing one). NOT_ALLOWED
   * 「消息无法送达」 when the poster turned inquiries off or blocked the caller; NOT_ALLOWED for one's own
   * listing; RATE_LIMITED past INQUIRY_DAILY_LIMIT new conversations a day; INVALID_INPUT on `text` when
   * the content check refuses it.
   */
  sendInquiry: action<{ conversationId: string; message: MessageItem }>()(SendInquiryInput, 'member'),
  /** Member, a side of the conversation (else NOT_FOUND). NOT_ALLOWED 「消息无法送达」 when blocked or closed. */
  replyToConversation: action<MessageItem>()(ReplyInput, 'member'),
  /** Member, a side of the conversation: sends the caller's card with the chosen fields. */
  sendCard: action<MessageItem>()(SendCardInput, 'member'),
  /** Member; newest first. */
  listConversations: action<Page<ConversationItem>>()(PageInput, 'member'),
  /** Member, a side (else NOT_FOUND); newest first; marks the other side's messages read. */
  listConversationMessages: action<ConversationPage>()(ListMessagesInput, 'member'),
  /** Member: conversations with messages the caller has not read (the 消息 badge). */
  countUnread: action<{ conversations: number }>()(Empty, 'member'),
  /** Member, a side: the other side can no longer write to the caller in any conversation. Idempotent. */
  blockMember: action<{ blocked: true }>()(ConversationRefInput, 'member'),
  unblockMember: action<{ blocked: false }>()(ConversationRefInput, 'member'),
  /** Member, a side: into the moderation queue. CONFLICT while the caller's previous report is open. */
  reportConversation: action<MyReport>()(ReportConversationInput, 'member'),
  /** Guest-readable: whether the listing takes inquiries, and the caller's conversation about it. */
  getInquiryState: action<InquiryState>()(ListingRefInput, 'guest'),
  /** Member, the listing's poster (else NOT_ALLOWED). */
  setListingInquiries: action<{ open: boolean }>()(ListingInquiriesInput, 'member'),
  getMyCard: action<BusinessCard | null>()(Empty, 'member'),
  saveMyCard: action<BusinessCard>()(SaveCardInput, 'member'),
  /**
   * Member: deletes the card, and takes it back from every conversation whose other side has not yet read
   * it (cards already read stay with who received them).
   */
  deleteMyCard: action<{ withdrawn: number }>()(Empty, 'member'),
}
