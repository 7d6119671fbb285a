import { defineJob } from '../core/job'
import { remindExpiringListings } from '../domain/listings'

/**
 * Daily at 09:00 China time: every published listing that ends within three days and whose poster has
 * not yet been reminded of that end gets one notice in 消息, with a one-tap renew (domain/listings).
 */
export const expiryRemindersJob = defineJob('expiry-reminders', '0 0 9 * * * *', async ({ deps, now }) =>
  remindExpiringListings(deps, now),
)
