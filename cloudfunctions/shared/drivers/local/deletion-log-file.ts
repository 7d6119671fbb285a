import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DeletionLog, DeletionLogEntry } from '../../ports/deletion-log'

/**
 * The deletion log as a JSON-lines file, `{"userId":"…","at":…}` a line, appended and fsynced. The
 * self-hosted server keeps it beside its backup archives (BACKUP_DIR), outside DATA_DIR, so it survives a
 * restore into a fresh folder and is copied off the machine with the archives.
 */
export function createDeletionLogFile(file: string): DeletionLog {
  return {
    async record(userId, at) {
      mkdirSync(dirname(file), { recursive: true })
      const fd = openSync(file, 'a', 0o600)
      try {
        writeSync(fd, JSON.stringify({ userId, at }) + '\n')
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
    },
  }
}

/** Every entry, each member once (the earliest); null when there is no such file. A torn last line is skipped. */
export function readDeletionLog(file: string): DeletionLogEntry[] | null {
  if (!existsSync(file)) return null
  const byUser = new Map<string, DeletionLogEntry>()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue
    let entry: Partial<DeletionLogEntry>
    try {
      entry = JSON.parse(line) as Partial<DeletionLogEntry>
    } catch {
      continue
    }
    if (typeof entry.userId !== 'string' || typeof entry.at !== 'number') continue
    if (!byUser.has(entry.userId)) byUser.set(entry.userId, { userId: entry.userId, at: entry.at })
  }
  return [...byUser.values()]
}

/**
 * Drops the entries older than `cutoff`: once no kept archive is older than an entry, no restore can bring
 * that member back, and the log keeps its promise to hold ids only as long as backups that name them.
 * Rewritten aside and renamed, so a crash leaves the old log or the new one. Answers how many went.
 */
export function forgetDeletionsBefore(file: string, cutoff: number): number {
  const entries = readDeletionLog(file)
  if (!entries) return 0
  const kept = entries.filter((e) => e.at >= cutoff)
  if (kept.length === entries.length) return 0
  const temp = `${file}.tmp`
  const fd = openSync(temp, 'w', 0o600)
  try {
    for (const entry of kept) writeSync(fd, JSON.stringify(entry) + '\n')
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, file)
  return entries.length - kept.length
}
