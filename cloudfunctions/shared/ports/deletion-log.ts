/**
 * The deletion log: the random user ids of purged accounts and when, nothing else. It lives outside the
 * database and outside the backup archives, so that restoring an archive taken before a purge can erase
 * that member again (server/backup.ts re-applies it after every restore). The purge records a member as
 * soon as it has claimed the request, when the deletion can no longer be undone.
 */
export interface DeletionLogEntry {
  userId: string
  at: number
}

export interface DeletionLog {
  /** Appends one entry and returns once it is durable. Recording the same member twice is harmless. */
  record(userId: string, at: number): Promise<void>
}

/**
 * CloudBase: no archives of ours to restore (its database rollback is the platform's, see the README), so
 * nothing is logged there; the deletion receipts are the record of what was done.
 */
export const noDeletionLog: DeletionLog = { record: async () => undefined }
