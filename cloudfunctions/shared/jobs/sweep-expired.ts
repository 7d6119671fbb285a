import { Collections } from '../collections'
import { defineJob } from '../core/job'
import { deleteAll } from '../ports/document-store'

/**
 * Deletes the technical records whose `retainUntil` has passed: spent human checks and quota counters
 * (no personal data in either, only keyed hashes). Daily at 03:30 China time. Bounded batches, so a run
 * stopped halfway leaves only what the next run removes. The records holding personal data follow the
 * data inventory's retention rules, which a later job applies.
 */
export const SWEPT_COLLECTIONS = [Collections.humanChecks, Collections.rateCounters] as const

export const sweepExpiredJob = defineJob('sweep-expired', '0 30 3 * * * *', async ({ deps, now }) => {
  const counts: Record<string, number> = {}
  for (const collection of SWEPT_COLLECTIONS) {
    counts[collection] = await deleteAll(deps.store, collection, { retainUntil: { lt: now } })
  }
  return counts
})
