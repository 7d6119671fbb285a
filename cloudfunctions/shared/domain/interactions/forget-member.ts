import { Collections } from './collections'
import type { Deps } from '../../core/deps'
import { deleteAll, eachBatch } from '../../ports/document-store'
import type { ReportDoc } from './reports'

/**
 * What a purged account leaves in other members' records, removed or cut: the comments, reveals and
 * favourites on its listings go (the listings are gone), and reports about its content stay for the
 * moderators without the person — no owner, no quoted text. Its own records go with the rest of its
 * data (interactionsPersonalData.erase). Idempotent, so a purge stopped halfway finishes on the next run.
 */
export async function forgetMember(
  deps: Pick<Deps, 'store' | 'clock'>,
  userId: string,
  listingIds: string[],
): Promise<Record<string, number>> {
  const counts = { comments: 0, contact_reveals: 0, favourites: 0, reports: 0 }
  for (const listingId of listingIds) {
    counts.comments += await deleteAll(deps.store, Collections.comments, { listingId })
    counts.contact_reveals += await deleteAll(deps.store, Collections.contactReveals, { listingId })
    counts.favourites += await deleteAll(deps.store, Collections.favourites, { listingId })
  }
  const query = { where: { targetOwnerId: userId }, orderBy: [{ field: '_id', direction: 'asc' as const }] }
  for await (const batch of eachBatch<ReportDoc>(deps.store, Collections.reports, query, 200)) {
    for (const report of batch) {
      const cut = { targetOwnerId: null, targetSummary: '', updatedAt: deps.clock.now() }
      if (await deps.store.update(Collections.reports, report._id, cut)) counts.reports++
    }
  }
  return counts
}
