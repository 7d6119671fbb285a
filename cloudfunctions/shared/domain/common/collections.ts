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
