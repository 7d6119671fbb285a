import { Collections } from '@shared/collections'
import { createJobMain, defineJob } from '@shared/core/job'
import { createLogger } from '@shared/core/logger'
import { sweepExpiredJob } from '@shared/jobs/sweep-expired'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../support/embedded'

const timer = { Type: 'Timer', TriggerName: 'sweep-expired', Time: '2026-11-29T19:30:00Z', Message: '' }

describe('job sweep-expired, started the way CloudBase starts a job', () => {
  let backend: EmbeddedBackend
  const logged: Array<Record<string, unknown>> = []

  beforeEach(async () => {
    logged.length = 0
    backend = await createEmbeddedBackend({
      seed: false,
      logger: createLogger((line) => logged.push(JSON.parse(line))),
    })
    const now = backend.clock.now()
    for (const [id, retainUntil] of [
      ['old-1', now - 1],
      ['old-2', now - 60_000],
      ['live', now + 60_000],
    ] as const) {
      await backend.store.insert(Collections.rateCounters, { _id: id, count: 1, retainUntil })
    }
    await backend.store.insert(Collections.humanChecks, { _id: 'spent', retainUntil: now - 1 })
    // Not a technical record: sessions follow the inventory's retention, not this job.
    await backend.store.insert(Collections.sessions, { _id: 's', userId: 'u', retainUntil: now - 1 })
  })
  afterEach(() => backend.dispose())

  const main = () => createJobMain(sweepExpiredJob, () => backend.deps)

  it('its timer deletes the expired counters and spent checks, nothing else, and logs one line with the counts', async () => {
    expect(await main()(timer)).toEqual({ ok: true, data: { human_checks: 1, rate_counters: 2 } })
    expect(await backend.store.get(Collections.rateCounters, 'live')).not.toBeNull()
    expect(await backend.store.count(Collections.rateCounters)).toBe(1)
    expect(await backend.store.count(Collections.humanChecks)).toBe(0)
    expect(await backend.store.count(Collections.sessions)).toBe(1)
    expect(logged.filter((line) => line.msg === 'job')).toEqual([
      expect.objectContaining({ job: 'sweep-expired', trigger: 'timer', ok: true, human_checks: 1, rate_counters: 2 }),
    ])
    // Run again: nothing left to do.
    expect(await main()(timer)).toEqual({ ok: true, data: { human_checks: 0, rate_counters: 0 } })
  })

  it.each([
    ['a client callFunction shaped like a timer', { ...timer, userInfo: { openId: 'o-1', appId: 'wx' } }],
    ['an HTTP request', { httpMethod: 'POST', headers: {}, body: JSON.stringify(timer) }],
    ['another job’s trigger', { ...timer, TriggerName: 'someone-else' }],
    ['an action call', { action: 'run', payload: {} }],
    ['no event at all', null],
  ])('%s is refused and deletes nothing', async (_what, event) => {
    expect(await main()(event)).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })
    expect(await backend.store.count(Collections.rateCounters)).toBe(3)
    expect(await backend.store.count(Collections.humanChecks)).toBe(1)
  })

  it('stopped halfway (the store fails mid-run), the next run finishes the work', async () => {
    const store = backend.deps.store
    let calls = 0
    backend.deps.store = Object.assign(Object.create(store) as typeof store, {
      deleteWhere: async (...args: Parameters<typeof store.deleteWhere>) => {
        calls += 1
        if (calls === 2) throw new Error('connection lost')
        return store.deleteWhere(...args)
      },
    })
    expect(await main()(timer)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(logged.find((line) => line.msg === 'job failed')).toMatchObject({
      job: 'sweep-expired',
      errMessage: 'connection lost',
    })
    expect(await backend.store.count(Collections.humanChecks)).toBe(0)
    expect(await backend.store.count(Collections.rateCounters)).toBe(3)

    expect(await main()(timer)).toEqual({ ok: true, data: { human_checks: 0, rate_counters: 2 } })
    expect(await backend.store.count(Collections.rateCounters)).toBe(1)
  })

  it('a job is a lower-case name and a 7-field schedule, or it is not defined', () => {
    expect(() => defineJob('Sweep', '0 0 3 * * * *', async () => ({}))).toThrow(/lower-case/)
    expect(() => defineJob('sweep', '0 3 * * *', async () => ({}))).toThrow(/7 fields/)
  })
})
