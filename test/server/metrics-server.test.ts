import { mkdtempSync, rmSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Collections } from '@shared/collections'
import { defineJob } from '@shared/core/job'
import { createLogger } from '@shared/core/logger'
import { metricsAllowed } from '../../server/metrics'
import { startServer, type RunningServer } from '../../server/server'
import { runServerProcess, type ServerProcess } from '../support/server-process'

const TOKEN = 'metrics-token-for-tests-0123456789'

/**
 * The Prometheus text format, line by line: `# HELP` / `# TYPE` comments, and samples
 * `name{label="value",…} number`. Answers every sample by its series (name and labels as written). NaN and
 * Inf in any case: Prometheus reads values with Go's ParseFloat, and prom-client writes `Nan`.
 */
function parsePrometheus(text: string): { types: Map<string, string>; samples: Map<string, number> } {
  const types = new Map<string, string>()
  const samples = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (line === '') continue
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line)
    if (type) {
      types.set(type[1], type[2])
      continue
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) continue
    const sample =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (-?[0-9.e+-]+|nan|[+-]inf)$/i.exec(
        line,
      )
    if (!sample) throw new Error(`not a Prometheus text line: ${line}`)
    samples.set(sample[1], Number(sample[2]))
  }
  return { types, samples }
}

describe('health figures: GET /metrics and GET /healthz on the running server', () => {
  let dir: string
  let proc: ServerProcess
  let url: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-metrics-'))
    proc = runServerProcess({ PORT: '0', DATA_DIR: join(dir, 'data'), METRICS_TOKEN: TOKEN, SMS_CAPTCHA: 'off' })
    url = await proc.started()
  }, 30_000)
  afterAll(async () => {
    await proc.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const scrape = async (headers: Record<string, string> = {}) => fetch(`${url}/metrics`, { headers })
  const figures = async () => parsePrometheus(await (await scrape()).text())
  const call = (fn: string, action: string, payload: unknown = {}) =>
    fetch(`${url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action, payload }),
    })

  it('an operator on the machine scrapes Prometheus text: the calls made, by function, action and code', async () => {
    const before = (await figures()).samples
    const listed = 'zhineng_api_requests_total{function="listings",action="listListings",code="OK"}'
    await call('listings', 'listListings', { pageSize: 2 })
    await call('listings', 'listListings', { pageSize: 2 })
    // A made-up action name is counted, but under one label: clients cannot grow the series without end.
    await call('listings', 'no-such-action-123')

    const res = await scrape()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const { types, samples } = parsePrometheus(await res.text())
    expect(samples.get(listed)).toBe((before.get(listed) ?? 0) + 2)
    expect(samples.get('zhineng_api_requests_total{function="listings",action="unknown",code="UNKNOWN_ACTION"}')).toBe(
      1,
    )
    expect([...samples.keys()].some((series) => series.includes('no-such-action'))).toBe(false)
    expect(samples.get('zhineng_api_request_duration_seconds_count{function="listings"}')).toBeGreaterThanOrEqual(3)
    expect(types.get('zhineng_api_requests_total')).toBe('counter')
    expect(types.get('zhineng_api_request_duration_seconds')).toBe('histogram')
    expect(types.get('zhineng_job_runs_total')).toBe('counter')
    expect(types.get('zhineng_sms_sends_total')).toBe('counter')
    // The process's own figures come with prom-client.
    expect(types.get('process_resident_memory_bytes')).toBe('gauge')
  })

  it('the SQLite file, its WAL, the queues and SMS sends are read at scrape time', async () => {
    const sent = 'zhineng_sms_sends_total{delivery="outbox",outcome="ok"}'
    const before = (await figures()).samples.get(sent) ?? 0
    expect((await call('auth', 'sendSmsCode', { phone: '13800138123' })).status).toBe(200)
    const { samples } = await figures()
    expect(samples.get(sent)).toBe(before + 1)
    expect(samples.get('zhineng_sqlite_file_bytes')).toBeGreaterThan(0)
    expect(samples.get('zhineng_sqlite_wal_bytes')).toBeGreaterThanOrEqual(0)
    expect(samples.get('zhineng_account_deletions_pending')).toBe(0)
    expect(samples.get('zhineng_listings_pending_review')).toBe(0)
  })

  it('through a proxy header, or with a wrong token, it is 401; with METRICS_TOKEN it is 200', async () => {
    const relayed = { 'x-forwarded-for': '203.0.113.9' }
    const refused = await scrape(relayed)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(await refused.text()).not.toContain('zhineng_')
    expect((await scrape({ 'x-real-ip': '203.0.113.9' })).status).toBe(401)
    expect((await scrape({ ...relayed, authorization: 'Bearer not-the-token-at-all' })).status).toBe(401)
    expect((await scrape({ ...relayed, authorization: `Basic ${TOKEN}` })).status).toBe(401)
    const allowed = await scrape({ ...relayed, authorization: `Bearer ${TOKEN}` })
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toContain('# TYPE zhineng_api_requests_total counter')
  })

  it('/healthz is public and cheap: the database answers and no job has failed (none has run yet)', async () => {
    const res = await fetch(`${url}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.9' } })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { ok: boolean; db: string; jobs: Record<string, { last: string }> }
    expect(body.ok).toBe(true)
    expect(body.db).toBe('ok')
    expect(Object.keys(body.jobs).length).toBeGreaterThan(0)
    expect(Object.values(body.jobs).every((job) => job.last === 'none')).toBe(true)
  })
})

describe('who may read /metrics', () => {
  const req = (remoteAddress: string, headers: Record<string, string> = {}) =>
    ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage

  it('a peer on the network is refused without the token and let in with it', () => {
    expect(metricsAllowed(req('203.0.113.7'), null)).toBe(false)
    expect(metricsAllowed(req('203.0.113.7'), TOKEN)).toBe(false)
    expect(metricsAllowed(req('203.0.113.7', { authorization: `Bearer ${TOKEN}x` }), TOKEN)).toBe(false)
    expect(metricsAllowed(req('203.0.113.7', { authorization: `Bearer ${TOKEN}` }), TOKEN)).toBe(true)
    // Without METRICS_TOKEN set, no bearer opens it.
    expect(metricsAllowed(req('203.0.113.7', { authorization: 'Bearer ' }), null)).toBe(false)
  })

  it('a loopback peer with no forwarding header is let in (IPv4, IPv6, mapped IPv4)', () => {
    for (const peer of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(metricsAllowed(req(peer), null)).toBe(true)
    expect(metricsAllowed(req('127.0.0.1', { forwarded: 'for=203.0.113.7' }), null)).toBe(false)
  })
})

describe('job runs in the figures and the health check', () => {
  let dir: string
  let server: RunningServer
  let fail = true
  /** Job outcomes as the log reports them, after the figures have taken them in (the wrapper counts first). */
  const outcomes: string[] = []
  const waiters: Array<() => void> = []
  const logger = createLogger((line) => {
    const { msg } = JSON.parse(line) as { msg: string }
    if (msg !== 'job' && msg !== 'job failed') return
    outcomes.push(msg)
    waiters.splice(0).forEach((wake) => wake())
  })
  /** Resolves at the next run that ends with this outcome. */
  const nextRun = (outcome: 'job' | 'job failed') =>
    new Promise<void>((resolve) => {
      const seen = outcomes.length
      const check = () => {
        if (outcomes.slice(seen).includes(outcome)) resolve()
        else waiters.push(check)
      }
      waiters.push(check)
    })
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-metrics-jobs-'))
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      h5Dir: join(dir, 'no-h5'),
      seed: false,
      logLevel: 'error',
      logger,
      env: {},
      jobs: [
        defineJob('every-second', '* * * * * * *', async () => {
          if (fail) throw new Error('disk full')
          return { done: 1 }
        }),
      ],
    })
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const health = async () => {
    const res = await fetch(`${server.url}/healthz`)
    return {
      status: res.status,
      body: (await res.json()) as { ok: boolean; jobs: Record<string, Record<string, string>> },
    }
  }
  it('a failed run makes /healthz 503 and is counted; the next good run clears it and sets the success time', async () => {
    await nextRun('job failed')
    const failed = await health()
    expect(failed.status).toBe(503)
    expect(failed.body.ok).toBe(false)
    expect(failed.body.jobs['every-second'].last).toBe('failed')
    expect(JSON.stringify(failed.body)).not.toContain('disk full')
    let figures = parsePrometheus(await (await fetch(`${server.url}/metrics`)).text()).samples
    expect(figures.get('zhineng_job_runs_total{job="every-second",outcome="failed"}')).toBeGreaterThanOrEqual(1)
    expect(figures.has('zhineng_job_last_success_timestamp_seconds{job="every-second"}')).toBe(false)

    fail = false
    await nextRun('job')
    const healed = await health()
    expect(healed.status).toBe(200)
    expect(healed.body.jobs['every-second'].last).toBe('ok')
    figures = parsePrometheus(await (await fetch(`${server.url}/metrics`)).text()).samples
    expect(figures.get('zhineng_job_runs_total{job="every-second",outcome="ok"}')).toBeGreaterThanOrEqual(1)
    const at = figures.get('zhineng_job_last_success_timestamp_seconds{job="every-second"}')!
    expect(Math.abs(at - Date.now() / 1000)).toBeLessThan(10)
  }, 20_000)

  it('queues: a listing waiting for review and an account deletion show up at the next scrape', async () => {
    await server.store.insert(Collections.listings, { _id: 'held-1', status: 'pending', title: 'x' })
    await server.store.insert(Collections.accountDeletions, { _id: 'user-1' })
    const figures = parsePrometheus(await (await fetch(`${server.url}/metrics`)).text()).samples
    expect(figures.get('zhineng_listings_pending_review')).toBe(1)
    expect(figures.get('zhineng_account_deletions_pending')).toBe(1)
  })

  it('a database that no longer answers makes /healthz 503', async () => {
    const db = server.store.db
    const prepare = db.prepare.bind(db)
    db.prepare = (() => {
      throw new Error('SQLITE_IOERR')
    }) as typeof db.prepare
    try {
      const res = await health()
      expect(res.status).toBe(503)
      expect(res.body).toMatchObject({ ok: false, db: 'failed' })
    } finally {
      db.prepare = prepare
    }
  })
})
