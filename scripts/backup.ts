/**
 * `npm run backup -- --out FILE`: one archive of DATA_DIR (the database copied online, secrets.json, the
 * uploads, a manifest) while the server may keep serving; see server/backup.ts. Without --out it goes
 * into BACKUP_DIR under the scheduled backup's name (and counts towards its BACKUP_KEEP).
 */
import { join } from 'node:path'
import { errorFields } from '@shared/core/logger'
import { readBackupConfig } from '../server/backup-config'
import { archiveName, createBackup } from '../server/backup'
import { ConfigError, readConfig } from '../server/config'

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const outAt = args.indexOf('--out')
  if (outAt >= 0 && !args[outAt + 1]) throw new ConfigError('用法：npm run backup -- [--out 文件]')
  const config = readConfig()
  const backup = readBackupConfig(process.env, config.dataDir)
  const out = outAt >= 0 ? args[outAt + 1] : join(backup.backupDir, archiveName(Date.now()))
  const manifest = await createBackup({ dataDir: config.dataDir, out, deletionLogFile: backup.deletionLogFile })
  const documents = Object.values(manifest.counts).reduce((a, b) => a + b, 0)
  process.stdout.write(
    `备份已写入：${out}（${manifest.createdAt}，${documents} 条记录，${manifest.entries.length} 个文件）\n` +
      `删除记录：${backup.deletionLogFile}（请与备份一起拷到别处保存）\n`,
  )
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : JSON.stringify(errorFields(error))
  process.stderr.write(`备份失败：${message}\n`)
  process.exit(1)
})
