import { Collections } from './collections'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { FindResult } from '../../ports/document-store'
import { chinaDay, DAY_MS, nextChinaMidnight } from '../common/china-time'
import { claimQuota, releaseQuota } from '../common/quotas'
import type { ListingDoc } from './listing'

/**
 * How much one member may publish: at most `limits.publishesPerDay` new listings per China calendar day
 * (LISTING_DAILY_PUBLISH_LIMIT, default 10), and not the same title with the same phone twice within 24 h.
 * The day's count is a quota like the others (common/quotas.ts), counted at submission, so deleting a
 * listing does not give its slot back.
 */
export const DUPLICATE_WINDOW_MS = DAY_MS

function publishQuota(deps: Deps, userId: string, day: string) {
  return { kind: 'publish' as const, subject: userId, window: day, limit: deps.limits.publishesPerDay }
}

export async function takePublishSlot(deps: Deps, userId: string): Promise<{ day: string }> {
  const now = deps.clock.now()
  const day = chinaDay(now)
  await claimQuota(deps, {
    ...publishQuota(deps, userId, day),
    retainUntil: nextChinaMidnight(now),
    message: `每天最多发布 ${deps.limits.publishesPerDay} 条信息，请明天再试`,
  })
  return { day }
}

/** A slot taken for a submission that turned out to be a retry of one already stored. */
export async function returnPublishSlot(deps: Deps, userId: string, day: string): Promise<void> {
  await releaseQuota(deps, publishQuota(deps, userId, day))
}

/**
 * The same title (ignoring case, width and spacing) and the same phone from the same member within 24 h is
 * a duplicate. A rejected listing does not count: its poster is expected to try again.
 */
export async function assertNotDuplicate(
  deps: Deps,
  userId: string,
  listing: { title: string; phone: string },
): Promise<void> {
  const since = deps.clock.now() - DUPLICATE_WINDOW_MS
  const title = sameTitle(listing.title)
  let after: string | null = null
  // The member's listings of the last 24 h: bounded by the daily limit, so a page or two.
  do {
    const page: FindResult<ListingDoc> = await deps.store.find<ListingDoc>(Collections.listings, {
      where: { posterId: userId, createdAt: { gte: since } },
      orderBy: [{ field: 'createdAt', direction: 'desc' }],
      limit: 50,
      after,
    })
    const duplicate = page.items.find(
      (doc) => doc.status !== 'rejected' && sameTitle(doc.title) === title && doc.contact.phone === listing.phone,
    )
    if (duplicate) {
      const now = deps.clock.now()
      await deps.store.insert(Collections.duplicateAttempts, {
        posterId: userId,
        at: now,
        retainUntil: now + 180 * DAY_MS,
      })
      throw new AppError(ErrorCode.Conflict, '请勿重复发布相同信息', 'title')
    }
    after = page.nextCursor
  } while (after)
}

/** How many repeats the member submitted in the last 180 days (for the moderators' view of a poster). */
export async function duplicateAttemptsOf(deps: Pick<Deps, 'store'>, userId: string): Promise<number> {
  return deps.store.count(Collections.duplicateAttempts, { posterId: userId })
}

function sameTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
}
