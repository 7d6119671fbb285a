import { randomUUID } from 'node:crypto'
import { ErrorCode, type Envelope } from '../contracts/common'
import { AppError } from './app-error'
import type { Deps } from './deps'
import { errorFields } from './logger'

/**
 * Scheduled jobs: the second kind of entry point beside functions. A job is a name, a schedule and a
 * `run` that answers counts (what it did, for the one log line a run writes). It must be idempotent and
 * resumable: stopped halfway, the next run finishes the work.
 *
 * The schedule is a 7-field cron in CloudBase's order, `sec min hour day month weekday year`, read in
 * China time. CloudBase allows one timer trigger per function, so each job deploys as its own function
 * (`job-<name>`) whose trigger carries this string; the self-hosted server runs the same strings.
 */
export interface JobContext {
  deps: Deps
  /** When this run started, by the host's clock. */
  now: number
  runId: string
  trigger: 'timer' | 'schedule' | 'manual'
}

export type JobCounts = Record<string, number>

export interface JobDefinition {
  name: string
  schedule: string
  run(ctx: JobContext): Promise<JobCounts>
}

export function defineJob(name: string, schedule: string, run: JobDefinition['run']): JobDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`job name "${name}" must be lower-case words joined by -`)
  if (schedule.trim().split(/\s+/).length !== 7) {
    throw new Error(`job "${name}": the schedule must have 7 fields (sec min hour day month weekday year)`)
  }
  return { name, schedule, run }
}

/** The CloudBase function a job deploys as (cloudbaserc.json, cloudfunctions/<it>/main.ts). */
export function jobFunctionName(job: Pick<JobDefinition, 'name'>): string {
  return `job-${job.name}`
}

/** Runs a job once and writes its line; what both hosts and `npm run job` call. */
export async function runJob(job: JobDefinition, deps: Deps, trigger: JobContext['trigger']): Promise<JobCounts> {
  const started = deps.clock.now()
  const runId = randomUUID()
  try {
    const counts = await job.run({ deps, now: started, runId, trigger })
    deps.logger.info('job', { job: job.name, runId, trigger, ok: true, ms: deps.clock.now() - started, ...counts })
    return counts
  } catch (error) {
    deps.logger.error('job failed', {
      job: job.name,
      runId,
      trigger,
      ms: deps.clock.now() - started,
      ...errorFields(error),
    })
    throw error
  }
}

/** A CloudBase timer event: `{ Type: 'Timer', TriggerName, Time, Message }`. */
interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  Time?: string
}

export type JobReply = Envelope<JobCounts>

/**
 * A job's `main` on CloudBase. Only the platform's timer may start it: anyone can `callFunction` a
 * deployed function with a timer-shaped payload, but such a call carries `userInfo` (or arrives as an
 * HTTP event), and is refused. The trigger must also be the job's own.
 */
export function createJobMain(job: JobDefinition, getDeps: () => Deps): (event: unknown) => Promise<JobReply> {
  return async (event) => {
    const deps = getDeps()
    if (!isOwnTimer(event, job)) {
      deps.logger.warn('job refused a non-timer call', { job: job.name })
      return { ok: false, error: new AppError(ErrorCode.NotAllowed, '该任务只能由定时触发器启动').toWire() }
    }
    try {
      return { ok: true, data: await runJob(job, deps, 'timer') }
    } catch {
      return { ok: false, error: { code: ErrorCode.Internal, message: '任务执行失败，下次触发时会继续' } }
    }
  }
}

function isOwnTimer(event: unknown, job: JobDefinition): event is TimerEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false
  const record = event as Record<string, unknown>
  if ('userInfo' in record || 'httpMethod' in record) return false
  return record.Type === 'Timer' && record.TriggerName === job.name
}
