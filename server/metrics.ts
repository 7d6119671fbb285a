import { createHash, timingSafeEqual } from 'node:crypto'
import { statSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import { Collections } from '@shared/collections'
import type { HttpResult } from '@shared/core/handler'
import type { Logger, LogFields } from '@shared/core/logger'
import { functionDefinitions } from '@shared/functions'
import type { SmsSender } from '@shared/ports/sms-sender'
import type { SqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { isLocalDeveloper } from './client-address'

/**
 * The server's health figures: `GET /metrics` (Prometheus text, prom-client) and `GET /healthz`. Nothing
 * below the server knows of them: the requests and job runs are read off the log lines the handler
 * adapter ('action') and `runJob` ('job' / 'job failed') already write, through a logger this wraps; the
 * SMS sender is wrapped the same way; the file sizes and queue lengths are read when scraped.
 */
export interface ServerMetrics {
  readonly registry: Registry
  /** The logger to hand to the back end: writes as `logger` does and counts what it sees. */
  readonly logger: Logger
  countSms(sms: SmsSender): SmsSender
  /** Gauges read from the store and its files at scrape time. */
  watchStore(store: SqliteStore, file: string): void
  /** The last run of each scheduled job, for /healthz. */
  jobHealth(): Record<string, JobHealth>
}

export interface JobHealth {
  last: 'ok' | 'failed' | 'none'
  /** When the last run finished (ISO). */
  at?: string
  lastSuccessAt?: string
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export function createServerMetrics(logger: Logger, jobNames: string[], now: () => number): ServerMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new Counter({
    name: 'zhineng_api_requests_total',
    help: 'API calls answered, by function, action and result code (OK or the error code)',
    labelNames: ['function', 'action', 'code'] as const,
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'zhineng_api_request_duration_seconds',
    help: 'Time from a call reaching its function to its answer, by function',
    labelNames: ['function'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  const jobRuns = new Counter({
    name: 'zhineng_job_runs_total',
    help: 'Scheduled job runs, by job and outcome (ok / failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  })
  const jobLastSuccess = new Gauge({
    name: 'zhineng_job_last_success_timestamp_seconds',
    help: 'When each job last finished without error (Unix seconds); absent until it has',
    labelNames: ['job'] as const,
    registers: [registry],
  })
  const smsSends = new Counter({
    name: 'zhineng_sms_sends_total',
    help: 'Verification codes handed to the SMS sender, by delivery (sms / outbox) and outcome (ok / failed)',
    labelNames: ['delivery', 'outcome'] as const,
    registers: [registry],
  })
  for (const job of jobNames) for (const outcome of ['ok', 'failed']) jobRuns.inc({ job, outcome }, 0)

  const jobs = new Map<string, JobHealth>(jobNames.map((name) => [name, { last: 'none' }]))
  const observe = (msg: string, fields: LogFields | undefined) => {
    if (!fields) return
    if ((msg === 'action' || msg === 'action failed') && typeof fields.fn === 'string') {
      const fn = fields.fn
      requests.inc({ function: fn, action: knownAction(fn, fields.action), code: codeOf(fields) })
      if (typeof fields.ms === 'number') latency.observe({ function: fn }, fields.ms / 1000)
    } else if ((msg === 'job' || msg === 'job failed') && typeof fields.job === 'string') {
      const ok = msg === 'job'
      const at = now()
      jobRuns.inc({ job: fields.job, outcome: ok ? 'ok' : 'failed' })
      const previous = jobs.get(fields.job) ?? { last: 'none' }
      const iso = new Date(at).toISOString()
      jobs.set(fields.job, { ...previous, last: ok ? 'ok' : 'failed', at: iso, ...(ok ? { lastSuccessAt: iso } : {}) })
      if (ok) jobLastSuccess.set({ job: fields.job }, at / 1000)
    }
  }
  const tee =
    (level: keyof Logger) =>
    (msg: string, fields?: LogFields): void => {
      try {
        observe(msg, fields)
      } catch {
        // A figure is never worth a failed request.
      }
      logger[level](msg, fields)
    }

  return {
    registry,
    logger: { debug: tee('debug'), info: tee('info'), warn: tee('warn'), error: tee('error') },
    countSms(sms) {
      return {
        delivery: sms.delivery,
        async sendVerificationCode(phone, code, ttlMinutes) {
          try {
            await sms.sendVerificationCode(phone, code, ttlMinutes)
            smsSends.inc({ delivery: sms.delivery, outcome: 'ok' })
          } catch (error) {
            smsSends.inc({ delivery: sms.delivery, outcome: 'failed' })
            throw error
          }
        },
      }
    },
    watchStore(store, file) {
      const size = (path: string) => {
        try {
          return statSync(path).size
        } catch {
          return 0 // no WAL between checkpoints
        }
      }
      new Gauge({
        name: 'zhineng_sqlite_file_bytes',
        help: 'Size of the SQLite database file',
        registers: [registry],
        collect() {
          this.set(size(file))
        },
      })
      new Gauge({
        name: 'zhineng_sqlite_wal_bytes',
        help: 'Size of the SQLite write-ahead log (-wal file)',
        registers: [registry],
        collect() {
          this.set(size(`${file}-wal`))
        },
      })
      new Gauge({
        name: 'zhineng_account_deletions_pending',
        help: 'Account-deletion requests not yet purged (cooling off or purge under way)',
        registers: [registry],
        async collect() {
          this.set(await store.count(Collections.accountDeletions))
        },
      })
      new Gauge({
        name: 'zhineng_listings_pending_review',
        help: 'Listings waiting for a moderator (status pending)',
        registers: [registry],
        async collect() {
          this.set(await store.count(Collections.listings, { status: 'pending' }))
        },
      })
    },
    jobHealth: () => Object.fromEntries(jobs),
  }
}

/**
 * `GET /metrics` answers a loopback peer that came through no proxy (the rule of `/dev/sms-outbox`), or a
 * caller presenting `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function metricsAllowed(req: IncomingMessage, token: string | null): boolean {
  if (isLocalDeveloper(req)) return true
  if (!token) return false
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1]
  if (!presented) return false
  // Digests of equal length: the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(presented), digest(token))
}

/** An action label from the function's own list: a client-chosen name would make label values unbounded. */
function knownAction(fn: string, action: unknown): string {
  const definition = Object.prototype.hasOwnProperty.call(functionDefinitions, fn)
    ? functionDefinitions[fn as keyof typeof functionDefinitions]
    : undefined
  const contract = definition?.contract as Record<string, unknown> | undefined
  return typeof action === 'string' && contract && Object.prototype.hasOwnProperty.call(contract, action)
    ? action
    : 'unknown'
}

function codeOf(fields: LogFields): string {
  if (fields.ok === true) return 'OK'
  return typeof fields.code === 'string' ? fields.code : 'UNKNOWN'
}

/** `GET /metrics`: the figures, or 401 for a caller the rule above does not let in. */
export async function metricsResult(
  req: IncomingMessage,
  metrics: ServerMetrics,
  token: string | null,
): Promise<HttpResult> {
  if (!metricsAllowed(req, token)) {
    return {
      statusCode: 401,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' },
      body: '需要 METRICS_TOKEN',
    }
  }
  return {
    statusCode: 200,
    headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' },
    body: await metrics.registry.metrics(),
  }
}

/**
 * `GET /healthz`, open to anyone (load balancers, uptime checks): whether the database answers a query and
 * how each job's last run went; 503 when either is wrong. Status words and times only, no figures.
 */
export function healthResult(store: SqliteStore, metrics: ServerMetrics): HttpResult {
  let db: 'ok' | 'failed' = 'ok'
  try {
    store.db.prepare('SELECT 1').get()
  } catch {
    db = 'failed'
  }
  const jobs = metrics.jobHealth()
  const ok = db === 'ok' && Object.values(jobs).every((job) => job.last !== 'failed')
  return {
    statusCode: ok ? 200 : 503,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify({ ok, db, jobs }),
  }
}
