import { defineJob } from '../core/job'
import { removeUnusedImages } from '../domain/listings'
import { applyRetention } from '../domain/privacy/retention'

/**
 * The data inventory's retention, daily at 04:00 China time: every collection whose records have a
 * limited life (`period` or `window`) loses those past their `retainUntil`, deleted or anonymised as
 * declared (domain/privacy/retention.ts: no collection named here); then listing images no listing took
 * within 24 hours are deleted with their files (domain/listings). Bounded batches, so a run stopped
 * halfway leaves only what the next run finishes. The counts, per collection, are the run's log line.
 */
export const retentionJob = defineJob('retention', '0 0 4 * * * *', async ({ deps, now }) => ({
  ...(await applyRetention(deps, now)),
  ...(await removeUnusedImages(deps, now)),
}))
