import { definePersonalData, SYSTEM } from './personal-data'
import { ADMIN_ONLY, RETENTION_INDEX, type CollectionSpec } from '../../ports/collection-spec'

/**
 * The collections the common domain owns: it alone writes them, and other domains reach their data only
 * through what this domain exports. collections.ts merges every domain's declarations.
 */
export const Collections = {
  rateCounters: 'rate_counters',
} as const

export const collectionSpecs: Record<(typeof Collections)[keyof typeof Collections], CollectionSpec> = {
  // Fixed-window quotas (reveals per day, comments per hour, SMS budgets), one document per (kind, subject,
  // window), claimed by compare-and-set so concurrent requests cannot overshoot. Read by id only.
  rate_counters: {
    clientRule: ADMIN_ONLY,
    indexes: [RETENTION_INDEX],
  },
}

/**
 * Quota counters name their member in `subject` (or a keyed hash of a client address, or the platform);
 * they are deleted when their window has passed (job retention), and an erased member's go with the rest.
 */
export const commonPersonalData = definePersonalData([
  {
    collection: Collections.rateCounters,
    category: 'operations',
    about: '次数限制计数：某类操作在某个时段内的次数（及已查看的信息编号），时段过后删除',
    purpose: '限制查看联系方式、评论、发布和发送验证码的次数，防止骚扰和滥用',
    basis: 'contract',
    retention: { kind: 'window', text: '所在时段（1 小时或 1 天）过后删除' },
    owners: ['subject'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      kind: { label: '计数类型', personal: false },
      subject: { label: '计数对象（会员或网络地址的散列）', export: 'member' },
      window: { label: '时段' },
      count: { label: '次数' },
      keys: { label: '时段内已计入的信息编号' },
      retainUntil: SYSTEM.retainUntil,
    },
  },
])
