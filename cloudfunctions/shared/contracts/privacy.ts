import * as v from 'valibot'
import { AlipayPhoneResponseSchema, SmsCodeSchema, type SmsCodeSent } from './auth'
import { action } from './common'
import type { ContactField } from './listings'

/**
 * The privacy centre (我的数据): what we hold about the member, a complete copy of it, and the lists of what
 * is collected and shared, all generated from the data inventory. One function, `privacy`.
 */

/** Exports per member per China calendar day; the server reads EXPORT_DAILY_LIMIT, this is the default. */
export const DEFAULT_EXPORT_DAILY_LIMIT = 1
/** Version of the export's JSON layout; raised when its shape changes. */
export const EXPORT_SCHEMA_VERSION = 1

export interface MyDataCategory {
  key: string
  name: string
  purpose: string
  retention: string
  /** Records (or filled-in fields, for 个人资料 and 联系方式) held in this category. */
  count: number
  /** A short line of what is there, e.g. the masked phone number; never another member's data. */
  preview: string
}

/** One listing's contact fields and the member's consent to show each (PIPL Art. 25, one per field). */
export interface ContactConsent {
  listingId: string
  title: string
  fields: Array<{ field: ContactField; public: boolean }>
}

export interface MyData {
  categories: MyDataCategory[]
  /** The separate consents to publish contact fields, by listing; withdrawn in 我的发布. */
  contactConsents: ContactConsent[]
  /** What the app keeps only on this device and never sends: it is not in the export. */
  onDevice: Array<{ label: string; purpose: string; retention: string }>
}

/** One collection's records within a section of the export, with what each field means. */
export interface ExportedCollection {
  collection: string
  about: string
  purpose: string
  legalBasis: string
  retention: string
  /** Field → what it is (and, for fields left out, why). */
  fields: Record<string, string>
  records: Array<Record<string, unknown>>
}

export interface ExportSection {
  key: string
  name: string
  purpose: string
  legalBasis: string
  retention: string
  collections: ExportedCollection[]
}

export interface PersonalDataExport {
  schema: 'zhineng.personal-data-export'
  schemaVersion: number
  /** ISO 8601, UTC. */
  generatedAt: string
  userId: string
  sections: ExportSection[]
  onDevice: MyData['onDevice']
}

export interface ExportAnswer {
  export: PersonalDataExport
  /** The same in readable Chinese (Markdown). */
  summary: string
  /** A file name for saving it, e.g. 质能视界-个人信息-2026-12-01.json */
  fileName: string
}

/** One row of 个人信息收集清单. */
export interface CollectedItem {
  category: string
  what: string
  fields: string[]
  purpose: string
  legalBasis: string
  retention: string
  /** 服务器 or 仅本机. */
  where: string
}

/** One recipient of 第三方信息共享清单, with what they receive. */
export interface SharedRecipient {
  name: string
  company: string
  role: string
  how: string
  items: Array<{ what: string; purpose: string }>
}

export interface Inventory {
  policyVersion: string
  collected: CollectedItem[]
  shared: SharedRecipient[]
}

const UNSUPPORTED = '请求参数包含不支持的字段'
const Empty = v.optional(v.strictObject({}, UNSUPPORTED), {})

/** Days between a deletion request and the purge, unless ACCOUNT_DELETION_COOLING_OFF_DAYS says otherwise. */
export const DEFAULT_DELETION_COOLING_OFF_DAYS = 7
/** The policy's promise: from request to completion in at most this many working days. */
export const DELETION_MAX_WORKING_DAYS = 15

export interface AccountDeletionState {
  state: 'none' | 'pending'
  /** When the purge runs (epoch ms); logging in before it and undoing keeps the account. */
  purgeAt?: number
  /** Quoted in the deletion receipt the purge writes. */
  receiptId?: string
}

export const SendDeletionCodeInput = v.optional(
  v.strictObject(
    { humanCheck: v.optional(v.pipe(v.string('人机验证数据必须是文本'), v.maxLength(4096, '人机验证数据过长'))) },
    UNSUPPORTED,
  ),
  {},
)

/**
 * The account's own number, proven again: the code `sendDeletionCode` sent to it (any platform), a fresh
 * WeChat phone authorization code, or a fresh Alipay phone authorization — whose number must be the
 * account's.
 */
export const RequestAccountDeletionInput = v.union(
  [
    v.strictObject({ smsCode: SmsCodeSchema }, UNSUPPORTED),
    v.strictObject(
      {
        wechatPhoneCode: v.pipe(
          v.string('手机号授权码必须是文本'),
          v.minLength(1, '手机号授权码不能为空'),
          v.maxLength(512, '手机号授权码过长'),
        ),
      },
      UNSUPPORTED,
    ),
    v.strictObject({ alipayPhone: AlipayPhoneResponseSchema }, UNSUPPORTED),
  ],
  '请用短信验证码、微信或支付宝手机号授权再次验证身份',
)

export const privacyContract = {
  /** Member: the member's data by category, with counts. */
  getMyData: action<MyData>()(Empty, 'member'),
  /** Member: everything held about the caller. RATE_LIMITED past EXPORT_DAILY_LIMIT a day. */
  exportMyData: action<ExportAnswer>()(Empty, 'member'),
  /** Guest-readable: 个人信息收集清单 and 第三方信息共享清单, as the inventory states them. */
  getInventory: action<Inventory>()(Empty, 'guest'),
  /** Member: a code to the account's own number, for confirming a deletion only (it cannot log in). */
  sendDeletionCode: action<SmsCodeSent>()(SendDeletionCodeInput, 'member'),
  /** Member. CONFLICT while one is pending; INVALID_INPUT on the proof's field when it does not check out. */
  requestAccountDeletion: action<AccountDeletionState>()(RequestAccountDeletionInput, 'member'),
  /** Member. NOT_FOUND when nothing is pending; restores the listings. */
  cancelAccountDeletion: action<AccountDeletionState>()(Empty, 'member'),
  getAccountDeletion: action<AccountDeletionState>()(Empty, 'member'),
}
