import { defineJob } from '../core/job'
import { purgeDueAccounts } from '../domain/privacy/purge'

/**
 * Deletes the accounts whose cooling-off has ended, as the data inventory says, and writes each one's
 * deletion receipt. Daily at 02:00 China time; resumable (domain/privacy/purge.ts).
 */
export const purgeAccountsJob = defineJob('purge-accounts', '0 0 2 * * * *', ({ deps, now }) =>
  purgeDueAccounts(deps, now),
)
