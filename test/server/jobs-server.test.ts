import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Cron } from 'croner'
import { Collections } from '@shared/collections'
import { defineJob } from '@shared/core/job'
import { createLogger } from '@shared/core/logger'
import { retentionJob } from '@shared/jobs/retention'
import { openSqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { JOB_TIME_ZONE } from '../../server/scheduler'
import { startServer, STORE_FILE, type RunningServer } from '../../server/server'
import { runJobProcess } from '../support/server-process'

describe('scheduled jobs on the self-hosted server', () => {
  let dir: string
  let server: RunningServer | null = null
  const logged: Array<Record<string, unknown>> = []
  const waiting = new Set<() => void>()
  const onLine = () => waiting.forEach((check) => check())
  /** Resolves once the log holds `count` lines with this message. */
  const lines = (msg: string, count: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (logged.filter((line) => line.msg === msg).length < count) return
        waiting.delete(check)
        resolve()
      }
      waiting.add(check)
      check()
    })

  beforeEach(() => {
    logged.length = 0
    dir = mkdtempSync(join(tmpdir(), 'zhineng-jobs-'))
  })
  afterEach(async () => {
    await server?.close()
    server = null
    rmSync(dir, { recursive: true, force: true })
  })

  const start = (jobs: Parameters<typeof startServer>[0]['jobs']) =>
    startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      h5Dir: join(dir, 'no-h5'),
      seed: false,
      logLevel: 'info',
      logger: createLogger((line) => {
        logged.push(JSON.parse(line))
        onLine()
      }),
      env: {},
      jobs,
    })

  it('runs each job on its own cron string, one run at a time even when a run outlasts the interval', async () => {
    let active = 0
    let most = 0
    let runs = 0
    // Due every second; the first run lasts until a tick has come and been skipped because of it.
    const slow = defineJob('slow-tick', '* * * * * * *', async () => {
      runs += 1
      active += 1
      most = Math.max(most, active)
      if (runs === 1) await lines('job still running, tick skipped', 1)
      active -= 1
      return { ticks: 1 }
    })
    server = await start([slow])
    await lines('job', 2)
    expect(most).toBe(1)
    expect(logged.find((line) => line.msg === 'job still running, tick skipped')).toMatchObject({
      level: 'warn',
      job: 'slow-tick',
    })
    expect(logged.filter((line) => line.msg === 'job')).toEqual([
      expect.objectContaining({ job: 'slow-tick', trigger: 'schedule', ok: true, ticks: 1 }),
      expect.objectContaining({ job: 'slow-tick', trigger: 'schedule', ok: true, ticks: 1 }),
    ])
  }, 30_000)

  it('a failing run is logged and the schedule goes on', async () => {
    let runs = 0
    const flaky = defineJob('flaky', '* * * * * * *', async () => {
      runs += 1
      if (runs === 1) throw new Error('first run breaks')
      return { ok: 1 }
    })
    server = await start([flaky])
    await lines('job', 1)
    expect(logged.find((line) => line.msg === 'job failed')).toMatchObject({
      job: 'flaky',
      errMessage: 'first run breaks',
    })
  }, 30_000)

  it('schedules read CloudBase’s 7 fields in China time: the retention job’s 04:00 there is 20:00 UTC the day before', () => {
    expect(retentionJob.schedule).toBe('0 0 4 * * * *')
    const next = new Cron(retentionJob.schedule, { paused: true, timezone: JOB_TIME_ZONE }).nextRun(
      new Date('2026-12-01T12:00:00Z'),
    )
    expect(next?.toISOString()).toBe('2026-12-01T20:00:00.000Z')
  })

  it('npm run job <name> runs one job once against DATA_DIR and prints its counts', async () => {
    const dataDir = join(dir, 'data')
    const store = openSqliteStore(join(dataDir, STORE_FILE))
    await store.insert(Collections.rateCounters, { _id: 'old', count: 1, retainUntil: Date.now() - 1000 })
    await store.insert(Collections.rateCounters, { _id: 'live', count: 1, retainUntil: Date.now() + 60_000 })
    store.close()

    const ran = runJobProcess(['retention'], { DATA_DIR: dataDir })
    expect(await ran.exited).toBe(0)
    const printed = /任务 retention 已完成：(\{.*\})/.exec(ran.out())
    expect(JSON.parse(printed![1])).toMatchObject({
      human_checks: 0,
      rate_counters: 1,
      security_log: 0,
      listing_images: 0,
    })
    const after = openSqliteStore(join(dataDir, STORE_FILE))
    expect(await after.get(Collections.rateCounters, 'old')).toBeNull()
    expect(await after.get(Collections.rateCounters, 'live')).not.toBeNull()
    after.close()

    const unknown = runJobProcess(['no-such-job'], { DATA_DIR: dataDir })
    expect(await unknown.exited).toBe(1)
    expect(unknown.err().trim()).toBe(
      '任务失败：用法：npm run job <任务名>，可用的任务：purge-accounts、retention、expiry-reminders、backup',
    )
  }, 30_000)
})
