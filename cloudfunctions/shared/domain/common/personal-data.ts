import type { Deps } from '../../core/deps'
import { eachBatch, type StoredDocument } from '../../ports/document-store'

/**
 * What each collection holds, for whom, why, on what legal basis, for how long, who else receives it, and
 * what export and deletion do with it: each domain declares its own collections in these terms (next to
 * their specs, in its collections.ts) and the privacy domain merges them into the data inventory. The
 * inventory drives the export, the purge, retention and the policy's lists, and tests hold it to what the
 * code really stores (every stored field must be declared here, and every declared one must exist).
 */

/** The categories the member sees their data grouped by (我的数据, the export, 个人信息收集清单). */
export const DATA_CATEGORIES = {
  account: '账号信息',
  profile: '个人资料',
  content: '发布内容',
  contact: '联系方式',
  interaction: '互动记录',
  consent: '同意记录',
  security: '安全日志',
  operations: '防滥用计数',
  platform: '平台数据',
} as const
export type DataCategory = keyof typeof DATA_CATEGORIES

/** PIPL Art. 13: the ground each processing rests on. */
export const LEGAL_BASES = {
  contract: '为订立、履行你作为一方的用户协议所必需（《个人信息保护法》第十三条第一款第二项）',
  consent: '你的同意（《个人信息保护法》第十三条第一款第一项）',
  'separate-consent': '你的单独同意：公开每一项联系方式前逐项取得（《个人信息保护法》第十三条、第二十五条）',
  'legal-duty': '为履行法定义务所必需（《个人信息保护法》第十三条第一款第三项；《网络安全法》第二十一条）',
  none: '不含个人信息',
} as const
export type LegalBasis = keyof typeof LEGAL_BASES

/**
 * Who else receives personal data, and in what role: 受托方 process it on our behalf and instructions
 * (PIPL Art. 21), 第三方 receive it for their own part of the service (Art. 23).
 */
export const RECIPIENTS = {
  cloudbase: {
    name: '腾讯云开发（CloudBase）',
    company: '腾讯云计算（北京）有限责任公司',
    role: '受托方',
    how: '部署在云开发上时，数据库、云函数和文件存储由其按我们的要求存储和运行',
  },
  'tencent-sms': {
    name: '腾讯云短信',
    company: '腾讯云计算（北京）有限责任公司',
    role: '受托方',
    how: '服务器调用短信接口发送验证码',
  },
  wechat: {
    name: '微信',
    company: '深圳市腾讯计算机系统有限公司',
    role: '第三方',
    how: '服务器调用微信开放接口（手机号换取、内容安全检测、订阅消息）',
  },
  alipay: {
    name: '支付宝',
    company: '支付宝（中国）网络技术有限公司',
    role: '第三方',
    how: '服务器调用支付宝开放接口（授权码换取用户标识）',
  },
} as const
export type RecipientId = keyof typeof RECIPIENTS

export interface Share {
  to: RecipientId
  /** What the recipient receives, and when. */
  what: string
  purpose: string
}

/** How long records are kept; the retention job and the policy's 保存期限 read the same values. */
export type Retention =
  /** Until the account is cancelled. */
  | { kind: 'account' }
  /** Until the member deletes it, or the account is cancelled. */
  | { kind: 'until-removed' }
  /** A fixed period from when the record was written (`retainUntil`), then deleted. */
  | { kind: 'period'; days: number; then: 'delete' }
  /**
   * A fixed period from when the record was written (`retainUntil`); then the fields in `anonymise` (every
   * owner field among them) are set to null, and the remainder, no longer anyone's, is deleted
   * `deleteAtDays` after the record was written.
   */
  | { kind: 'period'; days: number; then: 'anonymise'; anonymise: string[]; deleteAtDays: number }
  /** Records a process removes when it is done with them (a pending request, gone when handled). */
  | { kind: 'process'; text: string }
  /** Short-lived records removed once their own window has passed (`retainUntil`). */
  | { kind: 'window'; text: string }

/** What cancelling the account does with the records. */
export type Deletion =
  | { action: 'delete' }
  /** The record stays, with the fields that tie it to the person cleared. */
  | { action: 'anonymise'; fields: string[]; why: string }
  | { action: 'none'; why: string }

/**
 * What the export does with a field: the value as stored; left out (a derived hash or index, with the
 * reason in the legend); the phone number decrypted for its owner; or a member id, shown as 「本人」 or as
 * other members already see that person (nickname and company, never a phone or id).
 */
export type ExportRule = 'value' | 'omit' | 'phone' | 'member'

export interface FieldUse {
  label: string
  /** False for fields that say nothing about a person (a status, a version counter). Default true. */
  personal?: boolean
  /** When it differs from its collection's (a profile field on the account record). */
  category?: DataCategory
  /** When it differs from its collection's (a contact made public only with its own consent). */
  basis?: LegalBasis
  export?: ExportRule
}

export interface CollectionData {
  collection: string
  category: DataCategory
  /** One line: what the records are. */
  about: string
  purpose: string
  basis: LegalBasis
  retention: Retention
  /**
   * Fields that tie a record to a user (their id): a record belongs to the user named in any of them.
   * `_id` for a collection whose id is the user id. Empty for records found otherwise, or by no one.
   */
  owners: string[]
  /** Records whose ids derive from the member's keys (e.g. from their phone's keyed hash), read by id. */
  idsOf?: (owner: OwnerKeys) => string[]
  sharedWith: Share[]
  onDelete: Deletion
  /** Every field the code stores, `_id` included. */
  fields: Record<string, FieldUse>
}

/** Data the app keeps only on the device, never sent to us: declared so the lists and the policy say so. */
export interface DeviceData {
  /** The storage key (WeChat/Alipay local cache, the browser's localStorage). */
  key: string
  category: DataCategory
  label: string
  purpose: string
  retention: string
}

/** The keys a member's records are found by. */
export interface OwnerKeys {
  userId: string
  phoneHash: string | null
}

export interface PersonalData {
  declarations: CollectionData[]
  /** Every record of this domain that belongs to the user, by collection (for export). */
  list(deps: Pick<Deps, 'store'>, owner: OwnerKeys): Promise<Record<string, StoredDocument[]>>
  /**
   * Deletes or anonymises every such record as its declaration's `onDelete` says; answers how many per
   * collection. Idempotent: a second call finds nothing left to change.
   */
  erase(deps: Pick<Deps, 'store'>, owner: OwnerKeys): Promise<Record<string, number>>
}

const BATCH = 500

/** The collection holds records of individual users. */
export const isLinked = (data: CollectionData) => data.owners.length > 0 || data.idsOf !== undefined

export function definePersonalData(declarations: CollectionData[]): PersonalData {
  const linked = declarations.filter(isLinked)

  /** Every record of the user in one collection, each once. */
  async function recordsOf(deps: Pick<Deps, 'store'>, data: CollectionData, owner: OwnerKeys) {
    const byId = new Map<string, StoredDocument>()
    const ids = [...(data.idsOf?.(owner) ?? []), ...(data.owners.includes('_id') ? [owner.userId] : [])]
    for (const id of ids) {
      const doc = await deps.store.get(data.collection, id)
      if (doc) byId.set(doc._id, doc)
    }
    for (const field of data.owners.filter((f) => f !== '_id')) {
      const query = { where: { [field]: owner.userId }, orderBy: [{ field: '_id', direction: 'asc' as const }] }
      for await (const batch of eachBatch(deps.store, data.collection, query, BATCH)) {
        for (const doc of batch) byId.set(doc._id, doc)
      }
    }
    return [...byId.values()]
  }

  return {
    declarations,
    async list(deps, owner) {
      const found: Record<string, StoredDocument[]> = {}
      for (const data of linked) found[data.collection] = await recordsOf(deps, data, owner)
      return found
    },
    async erase(deps, owner) {
      const counts: Record<string, number> = {}
      for (const data of linked) {
        const { onDelete } = data
        if (onDelete.action === 'none') continue
        let changed = 0
        // Read in full first: anonymising clears the very fields the records are found by.
        for (const doc of await recordsOf(deps, data, owner)) {
          if (onDelete.action === 'delete') {
            if (await deps.store.delete(data.collection, doc._id)) changed++
          } else {
            const cleared = Object.fromEntries(onDelete.fields.map((field) => [field, null]))
            if (await deps.store.update(data.collection, doc._id, cleared)) changed++
          }
        }
        counts[data.collection] = changed
      }
      return counts
    },
  }
}

/** Field uses that occur in many collections. */
export const SYSTEM = {
  id: { label: '记录编号', personal: false },
  retainUntil: { label: '保存截止时间', personal: false },
  rev: { label: '版本号（并发控制）', personal: false },
} satisfies Record<string, FieldUse>

/**
 * A collection of platform data (no personal information in any field): kept until removed, shared with
 * no one, nothing to do when an account goes. Only its description and field labels are its own.
 */
export function platformData(
  collection: string,
  about: string,
  purpose: string,
  labels: Record<string, string>,
): CollectionData {
  return {
    collection,
    category: 'platform',
    about,
    purpose,
    basis: 'none',
    retention: { kind: 'until-removed' },
    owners: [],
    sharedWith: [],
    onDelete: { action: 'none', why: '不含个人信息' },
    fields: {
      _id: SYSTEM.id,
      ...Object.fromEntries(Object.entries(labels).map(([field, label]) => [field, { label, personal: false }])),
    },
  }
}
