import { Collections } from '../../collections'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { chinaDay, DAY_MS } from '../common/china-time'
import type { FindResult } from '../../ports/document-store'
import type { UserDoc } from '../accounts/users'
import type { ListingDoc } from './listing'

/**
 * How much one member may publish: at most N new listings per China calendar day (env
 * LISTING_DAILY_PUBLISH_LIMIT, default 10), and not the same title with the same phone twice within 24 h.
 */
export const DEFAULT_DAILY_PUBLISH_LIMIT = 10
export const DUPLICATE_WINDOW_MS = DAY_MS
export const LISTING_DAILY_PUBLISH_LIMIT_ENV = 'LISTING_DAILY_PUBLISH_LIMIT'

type Env = Record<string, string | undefined>

export function dailyPublishLimit(env: Env = process.env): number {
  const raw = env[LISTING_DAILY_PUBLISH_LIMIT_ENV]?.trim()
  // An unrendered `{{env.X}}` placeholder from a deploy tool counts as unset.
  if (!raw || /^\{\{.*\}\}$/.test(raw)) return DEFAULT_DAILY_PUBLISH_LIMIT
  const limit = Number(raw)
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new Error(`${LISTING_DAILY_PUBLISH_LIMIT_ENV} must be a whole number from 1 to 1000, got "${raw}"`)
  }
  return limit
}

/**
 * The day's counter lives on the member's account (two fields), claimed by compare-and-set: two publishes
 * racing for the last slot cannot both get it. Counted at submission, so deleting a listing does not give
 * its slot back.
 */
type PublisherDoc = UserDoc & { publishDay?: string; publishesToday?: number }

const MAX_RACES = 5

export async function takePublishSlot(deps: Deps, userId: string): Promise<{ day: string }> {
  const limit = dailyPublishLimit()
  for (let race = 0; race < MAX_RACES; race++) {
    const user = await deps.store.get<PublisherDoc>(Collections.users, userId)
    if (!user) throw new AppError(ErrorCode.Unauthenticated, '登录已失效，请重新登录')
    const day = chinaDay(deps.clock.now())
    const used = user.publishDay === day ? (user.publishesToday ?? 0) : 0
    if (used >= limit) throw new AppError(ErrorCode.RateLimited, `每天最多发布 ${limit} 条信息，请明天再试`)
    const taken = await deps.store.update(
      Collections.users,
      userId,
      { publishDay: day, publishesToday: used + 1 },
      { publishDay: user.publishDay ?? null, publishesToday: user.publishesToday ?? null },
    )
    if (taken) return { day }
  }
  throw new AppError(ErrorCode.RateLimited, '操作过于频繁，请稍后再试')
}

/** A slot taken for a submission that turned out to be a retry of one already stored. */
export async function returnPublishSlot(deps: Deps, userId: string, day: string): Promise<void> {
  for (let race = 0; race < MAX_RACES; race++) {
    const user = await deps.store.get<PublisherDoc>(Collections.users, userId)
    if (!user || user.publishDay !== day || !user.publishesToday) return
    const current = user.publishesToday
    const given = await deps.store.update(
      Collections.users,
      userId,
      { publishesToday: current - 1 },
      { publishDay: day, publishesToday: current },
    )
    if (given) return
  }
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
    if (duplicate) throw new AppError(ErrorCode.Conflict, '请勿重复发布相同信息', 'title')
    after = page.nextCursor
  } while (after)
}

function sameTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
}
