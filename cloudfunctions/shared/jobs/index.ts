import type { JobDefinition } from '../core/job'
import { expiryRemindersJob } from './expiry-reminders'
import { purgeAccountsJob } from './purge-accounts'
import { retentionJob } from './retention'

/**
 * Every scheduled job. Each deploys as its own CloudBase function with one timer trigger
 * (cloudbaserc.json, checked by a test against `schedule`); the self-hosted server runs them itself.
 */
export const jobDefinitions: Record<string, JobDefinition> = {
  [purgeAccountsJob.name]: purgeAccountsJob,
  [retentionJob.name]: retentionJob,
  [expiryRemindersJob.name]: expiryRemindersJob,
}
