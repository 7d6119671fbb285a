import * as v from 'valibot'
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

const Empty = v.optional(v.strictObject({}, '请求参数包含不支持的字段'), {})

export const privacyContract = {
  /** Member: the member's data by category, with counts. */
  getMyData: action<MyData>()(Empty, 'member'),
  /** Member: everything held about the caller. RATE_LIMITED past EXPORT_DAILY_LIMIT a day. */
  exportMyData: action<ExportAnswer>()(Empty, 'member'),
  /** Guest-readable: 个人信息收集清单 and 第三方信息共享清单, as the inventory states them. */
  getInventory: action<Inventory>()(Empty, 'guest'),
}
