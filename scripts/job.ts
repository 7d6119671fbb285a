/**
 * `npm run job <name>`: runs one scheduled job once against DATA_DIR (the same settings as the server),
 * prints its counts, and exits: for a first run, a catch-up after downtime, or an operator's check.
 */
import { createLogger, errorFields } from '@shared/core/logger'
import { runJob } from '@shared/core/job'
import { jobDefinitions } from '@shared/jobs'
import { systemClock } from '@shared/ports/clock'
import { readBackupConfig } from '../server/backup-config'
import { serverJobs } from '../server/backup-job'
import { ConfigError, readConfig } from '../server/config'
import { openBackend } from '../server/server'

async function main(): Promise<void> {
  const name = process.argv[2]
  const config = readConfig()
  // The server's own jobs (the backup) beside those every host runs.
  const jobs = { ...jobDefinitions, ...serverJobs(config.dataDir, readBackupConfig(process.env, config.dataDir)) }
  const job = name ? jobs[name] : undefined
  if (!job) {
    throw new ConfigError(`用法：npm run job <任务名>，可用的任务：${Object.keys(jobs).join('、')}`)
  }
  const logger = createLogger(undefined, config.logLevel)
  const backend = await openBackend({ ...config, seed: false, logger, clock: systemClock, env: process.env })
  try {
    const counts = await runJob(job, backend.deps, 'manual')
    process.stdout.write(`任务 ${job.name} 已完成：${JSON.stringify(counts)}\n`)
  } finally {
    backend.store.close()
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : JSON.stringify(errorFields(error))
  process.stderr.write(`任务失败：${message}\n`)
  process.exit(1)
})
