/**
 * `npm run restore -- FILE [--force] [--without-deletion-log]`: restores an archive of `npm run backup`
 * into DATA_DIR (stop the server first). Checks every entry before writing anything, refuses a DATA_DIR
 * that is not empty without --force, runs the integrity check and erases again every member the deletion
 * log names; see server/backup.ts.
 */
import { createLogger, errorFields } from '@shared/core/logger'
import { systemClock } from '@shared/ports/clock'
import { readBackupConfig } from '../server/backup-config'
import { restoreBackup } from '../server/backup'
import { ConfigError, readConfig } from '../server/config'

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const flags = new Set(args.filter((a) => a.startsWith('--')))
  const files = args.filter((a) => !a.startsWith('--'))
  const unknown = [...flags].filter((f) => f !== '--force' && f !== '--without-deletion-log')
  if (files.length !== 1 || unknown.length > 0) {
    throw new ConfigError('用法：npm run restore -- 备份文件 [--force] [--without-deletion-log]')
  }
  const config = readConfig()
  const backup = readBackupConfig(process.env, config.dataDir)
  const result = await restoreBackup({
    file: files[0],
    dataDir: config.dataDir,
    deletionLogFile: backup.deletionLogFile,
    force: flags.has('--force'),
    withoutDeletionLog: flags.has('--without-deletion-log'),
    logger: createLogger(undefined, config.logLevel),
    clock: systemClock,
    env: process.env,
  })
  const documents = Object.values(result.manifest.counts).reduce((a, b) => a + b, 0)
  process.stdout.write(
    `已恢复到 ${config.dataDir}：${result.manifest.createdAt} 的备份，${documents} 条记录，` +
      `${result.manifest.entries.length} 个文件；按删除记录再次删除了 ${result.reapplied} 个已注销的账号\n` +
      (result.movedAside ? `原数据目录已移到：${result.movedAside}\n` : ''),
  )
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : JSON.stringify(errorFields(error))
  process.stderr.write(`恢复失败：${message}\n`)
  process.exit(1)
})
