import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { BACKUP_RETENTION_DAYS } from '@shared/domain/privacy/backup-data'
import { ConfigError } from './config'

/**
 * The backup settings (server only): where archives go, how many and how long they are kept, and where
 * the deletion log lives. Outside DATA_DIR on purpose: a restore replaces DATA_DIR, and the deletion log
 * must outlive it (server/backup.ts).
 */
export interface BackupConfig {
  backupDir: string
  /** The newest this many archives are kept… */
  keep: number
  /** …and none older than this many days (the 隐私政策 states 30 at most). */
  keepDays: number
  deletionLogFile: string
}

/** The ceiling is the period the 隐私政策 states (domain/privacy/backup-data.ts). */
export const BACKUP_DEFAULTS = {
  keep: 7,
  keepDays: BACKUP_RETENTION_DAYS,
  maxKeepDays: BACKUP_RETENTION_DAYS,
  maxKeep: 1000,
} as const

type Env = Record<string, string | undefined>

export function readBackupConfig(env: Env, dataDir: string, cwd = process.cwd()): BackupConfig {
  const data = resolve(cwd, dataDir)
  const backupDir = env.BACKUP_DIR ? resolve(cwd, env.BACKUP_DIR) : resolve(dirname(data), 'backups')
  if (isWithin(backupDir, data)) {
    throw new ConfigError(`BACKUP_DIR 不能在 DATA_DIR 之内（${backupDir}）：恢复备份会替换 DATA_DIR`)
  }
  const deletionLogFile = env.DELETION_LOG_FILE
    ? resolve(cwd, env.DELETION_LOG_FILE)
    : resolve(backupDir, 'deletion-log.jsonl')
  if (isWithin(deletionLogFile, data)) {
    throw new ConfigError(`DELETION_LOG_FILE 不能在 DATA_DIR 之内（${deletionLogFile}）：它要在恢复备份后仍然存在`)
  }
  return {
    backupDir,
    keep: whole(env.BACKUP_KEEP, 'BACKUP_KEEP', BACKUP_DEFAULTS.keep, 1, BACKUP_DEFAULTS.maxKeep),
    keepDays: whole(env.BACKUP_KEEP_DAYS, 'BACKUP_KEEP_DAYS', BACKUP_DEFAULTS.keepDays, 1, BACKUP_DEFAULTS.maxKeepDays),
    deletionLogFile,
  }
}

function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path)
  return rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel))
}

function whole(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} 必须是 ${min}–${max} 的整数，当前为 "${value}"`)
  }
  return n
}
