import { definePersonalData } from './personal-data'
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
 * Quota counters name their member in `subject` (or a keyed hash of a client address); they are deleted
 * when their window has passed (job sweep-expired), and an erased member's go with the rest.
 */
export const commonPersonalData = definePersonalData([
  {
    collection: Collections.rateCounters,
    owners: ['subject'],
    fields: ['kind', 'window', 'count'],
    about: '次数限制计数：某类操作在某个时段内的次数，时段过后删除',
  },
])
