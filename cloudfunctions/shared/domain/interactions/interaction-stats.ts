import { Collections } from './collections'
import { REPORT_REASONS, type ReportReason } from '../../contracts/interactions'
import type { Deps } from '../../core/deps'
import { countPerDay, countPerDayBy, waiting, type DayWindow, type WaitingStat } from '../common/daily-counts'
import { OPEN } from './reports'

export interface InteractionStats {
  reportsPerDay: Array<{ reason: ReportReason; perDay: number[] }>
  /** Contact reveals per day: one record per (viewer, listing, day), so a re-reveal the same day is not counted twice. */
  revealsPerDay: number[]
  /** Held comments; open reports (each report, not each reported target). */
  queues: { comments: WaitingStat; reports: WaitingStat }
}

/** The dashboard's numbers of this domain: reports by reason, reveals, and what waits for a moderator. */
export async function interactionStats(deps: Pick<Deps, 'store'>, days: DayWindow[]): Promise<InteractionStats> {
  const [byReason, revealsPerDay, comments, reports] = await Promise.all([
    countPerDayBy(deps.store, Collections.reports, 'createdAt', days, { field: 'reason', values: REPORT_REASONS }),
    countPerDay(deps.store, Collections.contactReveals, 'at', days),
    waiting(deps.store, Collections.comments, { status: 'held' }, 'createdAt'),
    waiting(deps.store, Collections.reports, { status: { in: OPEN } }, 'createdAt'),
  ])
  return {
    reportsPerDay: byReason.map(({ value, perDay }) => ({ reason: value, perDay })),
    revealsPerDay,
    queues: { comments, reports },
  }
}
