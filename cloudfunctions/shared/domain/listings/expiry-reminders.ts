import { Collections } from './collections'
import { EXPIRY_REMINDER_DAYS } from '../../contracts/notices'
import type { Deps } from '../../core/deps'
import { eachBatch } from '../../ports/document-store'
import { chinaDay, DAY_MS } from '../common/china-time'
import { notify } from '../notices'
import type { ListingDoc } from './listing'

/**
 * The expiry reminder: a published listing whose validity ends within EXPIRY_REMINDER_DAYS gets one notice
 * to its poster, with a one-tap renew. `remindedFor` holds the end date reminded of, so a renewed listing
 * is reminded again before its new end, and a second run the same day sends nothing.
 */
export async function remindExpiringListings(
  deps: Pick<Deps, 'store' | 'clock' | 'logger'>,
  now: number,
): Promise<Record<string, number>> {
  let reminded = 0
  const query = {
    where: { expiresAt: { gt: now, lte: now + EXPIRY_REMINDER_DAYS * DAY_MS } },
    orderBy: [{ field: 'expiresAt', direction: 'asc' as const }],
  }
  for await (const batch of eachBatch<ListingDoc>(deps.store, Collections.listings, query, 200)) {
    for (const doc of batch) {
      if (doc.status !== 'published' || doc.remindedFor === doc.expiresAt) continue
      const claimed = await deps.store.update(
        Collections.listings,
        doc._id,
        { remindedFor: doc.expiresAt },
        { remindedFor: doc.remindedFor ?? null, expiresAt: doc.expiresAt },
      )
      if (!claimed) continue
      await notify(deps, doc.posterId, {
        kind: 'listingExpiring',
        title: '你的信息即将到期',
        body: `「${doc.title}」将于 ${chinaDay(doc.expiresAt)} 到期，到期后不再展示。需要继续展示请续期。`,
        target: { kind: 'listing', id: doc._id },
        renewListingId: doc._id,
      })
      reminded++
    }
  }
  return { reminded }
}
