import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { defineJob, type JobDefinition } from '@shared/core/job'
import { forgetDeletionsBefore } from '@shared/drivers/local/deletion-log-file'
import type { SqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { DAY_MS } from '@shared/domain/common/china-time'
import type { BackupConfig } from './backup-config'
import { archiveName, archiveTime, createBackup } from './backup'

/**
 * The scheduled backup, a job of the self-hosted server only: it needs the SQLite file, so it is not in
 * `jobs/index.ts` (whose every job deploys as a CloudBase function); `server/main.ts` and `npm run job`
 * add it. Daily at 03:00 China time, between the purge (02:00), whose deletions it then already holds,
 * and the retention run (04:00). It writes one archive into BACKUP_DIR, then keeps the newest
 * BACKUP_KEEP and removes every one older than BACKUP_KEEP_DAYS (only files with its own names).
 */
export const BACKUP_SCHEDULE = '0 0 3 * * * *'

export function backupJob(dataDir: string, config: BackupConfig): JobDefinition {
  return defineJob('backup', BACKUP_SCHEDULE, async ({ deps, now }) => {
    const name = archiveName(now)
    // The server's own connection when it has one: the copy goes in steps, with its writes carried in.
    const db = 'db' in deps.store ? (deps.store as SqliteStore).db : undefined
    const manifest = await createBackup({
      dataDir,
      out: join(config.backupDir, name),
      clock: deps.clock,
      deletionLogFile: config.deletionLogFile,
      db,
    })
    const removed = await pruneBackups(config, now)
    // No kept archive is older than BACKUP_KEEP_DAYS, so no restore needs an older deletion entry.
    const forgotten = forgetDeletionsBefore(config.deletionLogFile, now - config.keepDays * DAY_MS)
    return {
      files: manifest.entries.length,
      bytes: manifest.entries.reduce((sum, e) => sum + e.bytes, 0),
      removed,
      deletionLogForgotten: forgotten,
    }
  })
}

/** Keeps the newest `keep` archives and none older than `keepDays`; answers how many went. */
export async function pruneBackups(config: BackupConfig, now: number): Promise<number> {
  const names = (await readdir(config.backupDir)).filter((n) => archiveTime(n) !== null).sort()
  const newestFirst = names.reverse()
  let removed = 0
  for (const [i, name] of newestFirst.entries()) {
    const tooMany = i >= config.keep
    const tooOld = now - (archiveTime(name) ?? 0) > config.keepDays * DAY_MS
    if (!tooMany && !tooOld) continue
    await rm(join(config.backupDir, name), { force: true })
    removed++
  }
  return removed
}

/** The jobs only the self-hosted server runs, by name. */
export function serverJobs(dataDir: string, config: BackupConfig): Record<string, JobDefinition> {
  const backup = backupJob(dataDir, config)
  return { [backup.name]: backup }
}
