import { Cron } from 'croner'
import type { Deps } from '@shared/core/deps'
import { runJob, type JobDefinition } from '@shared/core/job'

/**
 * Runs the jobs on the self-hosted server, on the same 7-field cron strings CloudBase's timers use (croner
 * reads that field order, year included), in China time whatever the machine's zone. A run still going
 * when the next is due is not started twice (croner's `protect`); a failed run is logged by `runJob` and
 * the schedule goes on.
 */
export const JOB_TIME_ZONE = 'Asia/Shanghai'

export interface Scheduler {
  /** Stops scheduling and waits for runs under way to finish. */
  stop(): Promise<void>
}

export function scheduleJobs(jobs: JobDefinition[], deps: Deps): Scheduler {
  // A tick that found the previous run still going: said in the log, so a job that outgrows its schedule shows.
  const skipped = (job: JobDefinition) => () => deps.logger.warn('job still running, tick skipped', { job: job.name })
  const running = new Set<Promise<unknown>>()
  const crons = jobs.map(
    (job) =>
      new Cron(job.schedule, { timezone: JOB_TIME_ZONE, protect: skipped(job), unref: true }, async () => {
        const run = runJob(job, deps, 'schedule').catch(() => undefined)
        running.add(run)
        await run
        running.delete(run)
      }),
  )
  return {
    async stop() {
      for (const cron of crons) cron.stop()
      await Promise.all(running)
    },
  }
}
