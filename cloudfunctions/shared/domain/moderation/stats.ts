import { Collections } from './collections'
import type { ModerationStats } from '../../contracts/moderation'
import type { ActionContext } from '../../core/action-context'
import type { Deps } from '../../core/deps'
import { eachBatch, MAX_BATCH } from '../../ports/document-store'
import { loginStats, memberId } from '../accounts'
import { lastChinaDays, waiting, type DayWindow } from '../common/daily-counts'
import { interactionStats } from '../interactions'
import { listingStats } from '../listings'
import { SYSTEM_ACTOR } from './audit-log'
import type { DecisionDoc } from './decisions'
import { refOf } from './refs'

/**
 * 数据看板: each domain counts its own collections (listingStats, interactionStats, loginStats); this puts
 * them side by side with what only moderation knows (decisions, appeals). Read only: it writes nothing,
 * not even an audit entry, since it shows counts and no one's content.
 */
export async function getStats(ctx: ActionContext, input: { days: number }): Promise<ModerationStats> {
  const { deps } = ctx
  const at = deps.clock.now()
  const days = lastChinaDays(at, input.days)
  const me = await refOf(deps, memberId(ctx))
  const [listings, interactions, logins, appeals, decisions] = await Promise.all([
    listingStats(deps, days),
    interactionStats(deps, days),
    loginStats(deps, days),
    waiting(deps.store, Collections.appeals, { status: 'open' }, 'createdAt'),
    decisionsPerModerator(deps, days, me),
  ])
  const queues = {
    listings: listings.queues.listings,
    comments: interactions.queues.comments,
    images: listings.queues.images,
    reports: interactions.queues.reports,
    appeals,
  }
  return {
    days: days.map((d) => d.day),
    at,
    listingsPublished: listings.publishedPerDay,
    reports: interactions.reportsPerDay,
    queues: Object.entries(queues).map(([queue, stat]) => ({ queue: queue as keyof typeof queues, ...stat })),
    decisions,
    contactReveals: interactions.revealsPerDay,
    logins,
  }
}

/** A walk over the window's decisions, bounded: a moderator decides tens a day, not thousands. */
const MAX_DECISIONS_READ = 20 * MAX_BATCH

async function decisionsPerModerator(
  deps: Pick<Deps, 'store'>,
  days: DayWindow[],
  me: string,
): Promise<ModerationStats['decisions']> {
  const counts = new Map<string, number>()
  let read = 0
  for await (const batch of eachBatch<DecisionDoc>(
    deps.store,
    Collections.decisions,
    {
      where: { at: { gte: days[0].start, lt: days[days.length - 1].end } },
      orderBy: [{ field: 'at', direction: 'asc' }],
    },
    MAX_BATCH,
  )) {
    for (const doc of batch) {
      const who = doc.moderatorRef ?? SYSTEM_ACTOR
      counts.set(who, (counts.get(who) ?? 0) + 1)
    }
    read += batch.length
    if (read >= MAX_DECISIONS_READ) break
  }
  return [...counts]
    .map(([moderator, count]) => ({ moderator, mine: moderator === me, count }))
    .sort((a, b) => b.count - a.count || a.moderator.localeCompare(b.moderator))
}
