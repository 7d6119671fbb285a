import type { CollectedItem, Inventory, SharedRecipient } from '../../contracts/privacy'
import { privacyEdition } from '../../policy/editions'
import { accountsPersonalData } from '../accounts'
import { cardsPersonalData } from '../cards'
import { commonPersonalData } from '../common/collections'
import {
  DATA_CATEGORIES,
  LEGAL_BASES,
  RECIPIENTS,
  type CollectionData,
  type DataCategory,
  type LegalBasis,
  type PersonalData,
  type RecipientId,
  type Retention,
} from '../common/personal-data'
import { interactionsPersonalData } from '../interactions'
import { listingsPersonalData } from '../listings'
import { messagesPersonalData } from '../messages'
import { moderationPersonalData } from '../moderation'
import { noticesPersonalData } from '../notices'
import { supportPersonalData } from '../support'
import { privacyPersonalData } from './collections'
import { BACKUP_DATA } from './backup-data'
import { DEVICE_DATA } from './device-data'

/**
 * The data inventory: every collection the back end stores and every field in it, as the domains declare
 * them next to their code, plus what the app keeps only on the device. The export, 我的数据, the
 * 个人信息收集清单 and 第三方信息共享清单 come from here; tests hold it to what is really stored and to
 * what the 隐私政策 says.
 */
export const DOMAIN_DATA: PersonalData[] = [
  accountsPersonalData,
  listingsPersonalData,
  interactionsPersonalData,
  commonPersonalData,
  privacyPersonalData,
  moderationPersonalData,
  noticesPersonalData,
  messagesPersonalData,
  supportPersonalData,
  cardsPersonalData,
]

export const INVENTORY: CollectionData[] = DOMAIN_DATA.flatMap((d) => d.declarations)

export { DEVICE_DATA }

/** Categories in the order the member sees them. */
export const CATEGORY_ORDER = Object.keys(DATA_CATEGORIES) as DataCategory[]

export function retentionText(retention: Retention): string {
  switch (retention.kind) {
    case 'account':
      return '保存至你注销账号'
    case 'until-removed':
      return '保存至你删除它或注销账号'
    case 'period':
      return retention.then === 'delete'
        ? `保存 ${span(retention.days)}，期满删除`
        : `保存 ${span(retention.days)}，期满去掉与你的关联（匿名化），匿名的记录满 ${span(retention.deleteAtDays)}后删除`
    case 'window':
    case 'process':
      return retention.text
  }
}

/** `180` → 「6 个月（180 天）」, `365` → 「1 年（365 天）」, else 「N 天」. */
function span(days: number): string {
  if (days % 365 === 0) return `${days / 365} 年（${days} 天）`
  if (days % 30 === 0) return `${days / 30} 个月（${days} 天）`
  return `${days} 天`
}

/** The categories a collection's fields fall into: its own, and any a field declares for itself. */
export function categoriesOf(data: CollectionData): DataCategory[] {
  const own = Object.values(data.fields).map((f) => f.category ?? data.category)
  return CATEGORY_ORDER.filter((c) => own.includes(c))
}

export function fieldsIn(data: CollectionData, category: DataCategory): string[] {
  return Object.entries(data.fields)
    .filter(([, use]) => (use.category ?? data.category) === category)
    .map(([name]) => name)
}

/** The legal basis of a collection's fields in one category: a field's own where it has one. */
export function basisIn(data: CollectionData, category: DataCategory): LegalBasis {
  const own = fieldsIn(data, category)
    .map((name) => data.fields[name].basis)
    .find((basis) => basis !== undefined)
  return own ?? data.basis
}

/** Distinct values joined for a line that covers several collections. */
export function joinDistinct(values: string[]): string {
  return [...new Set(values)].join('；')
}

/** 个人信息收集清单: each kind of record that holds personal data, and its personal fields. */
export function collectedList(): CollectedItem[] {
  const stored = INVENTORY.filter((d) => d.basis !== 'none').flatMap((data) =>
    categoriesOf(data).flatMap((category) => {
      const fields = fieldsIn(data, category)
        .map((name) => data.fields[name])
        .filter((use) => use.personal !== false)
        .map((use) => use.label)
      if (fields.length === 0) return []
      return [
        {
          category: DATA_CATEGORIES[category],
          what: data.about,
          fields,
          purpose: data.purpose,
          legalBasis: LEGAL_BASES[basisIn(data, category)],
          retention: retentionText(data.retention),
          where: '服务器',
        },
      ]
    }),
  )
  const onDevice = DEVICE_DATA.map((d) => ({
    category: DATA_CATEGORIES[d.category],
    what: d.label,
    fields: [d.label],
    purpose: d.purpose,
    legalBasis: LEGAL_BASES.contract,
    retention: d.retention,
    where: '仅本机',
  }))
  const rank = (item: CollectedItem) => Object.values(DATA_CATEGORIES).indexOf(item.category as never)
  return [...stored, ...onDevice].sort((a, b) => rank(a) - rank(b))
}

/** 第三方信息共享清单: every recipient and everything it receives. */
export function sharedList(): SharedRecipient[] {
  const ids = Object.keys(RECIPIENTS) as RecipientId[]
  return ids.map((id) => {
    const recipient = RECIPIENTS[id]
    const items = INVENTORY.flatMap((d) => d.sharedWith.filter((s) => s.to === id)).map((s) => ({
      what: s.what,
      purpose: s.purpose,
    }))
    // The host stores everything it runs; it is named here with what that means, not per collection.
    if (id === 'cloudbase')
      items.push({ what: '服务端存储的全部数据（见个人信息收集清单）', purpose: '存储和运行服务' })
    return { name: recipient.name, company: recipient.company, role: recipient.role, how: recipient.how, items }
  })
}

export function inventoryAnswer(): Inventory {
  return { policyVersion: privacyEdition.version, collected: collectedList(), shared: sharedList() }
}

/**
 * What the 隐私政策 states about collection, retention and sharing, as the inventory holds it: every kind
 * of record with its category, purpose, basis, retention and recipients, what stays on the device, and the
 * backups with the deletion log (backup-data.ts).
 * Its digest is recorded with each policy version (editions.ts); when these facts change, a test asks
 * for a new version with its change entry, so users are asked again.
 */
export function policyFacts(): string {
  const stored = INVENTORY.filter((d) => d.basis !== 'none').map((d) => ({
    collection: d.collection,
    categories: categoriesOf(d),
    purpose: d.purpose,
    basis: d.basis,
    retention: retentionText(d.retention),
    sharedWith: d.sharedWith.map((s) => ({ to: s.to, what: s.what, purpose: s.purpose })),
  }))
  const device = DEVICE_DATA.map((d) => ({ category: d.category, purpose: d.purpose, retention: d.retention }))
  return JSON.stringify({ stored, device, backups: BACKUP_DATA, recipients: RECIPIENTS })
}
