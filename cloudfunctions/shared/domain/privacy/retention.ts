import type { Deps } from '../../core/deps'
import { deleteAll, MAX_BATCH, type StoredDocument } from '../../ports/document-store'
import { DAY_MS } from '../common/china-time'
import type { CollectionData, Retention } from '../common/personal-data'
import { INVENTORY } from './inventory'

/** A retention the job enforces: one that ends on the record's own `retainUntil`. */
export type LimitedRetention = Extract<Retention, { kind: 'period' | 'window' }>

/** The inventory's collections whose records have a limited life, with that life. */
export function limitedCollections(
  inventory: CollectionData[] = INVENTORY,
): Array<{ collection: string; retention: LimitedRetention }> {
  return inventory.flatMap((d) =>
    d.retention.kind === 'period' || d.retention.kind === 'window'
      ? [{ collection: d.collection, retention: d.retention }]
      : [],
  )
}

/**
 * Applies the inventory's retention to every record whose `retainUntil` has passed: deleted, or for a
 * period that ends in anonymisation, its `anonymise` fields set to null and its `retainUntil` moved to
 * `deleteAtDays` after it was written; a record found past that with nothing left to clear is deleted.
 * Answers per collection how many went (`<collection>`) and how many were anonymised
 * (`<collection>:anonymised`). Bounded batches, and every record handled leaves the `retainUntil < now`
 * range, so a run stopped halfway leaves only what the next run finishes. The collection names are the
 * inventory's: nothing here names one.
 */
export async function applyRetention(deps: Pick<Deps, 'store'>, now: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const { collection, retention } of limitedCollections()) {
    const expired = { retainUntil: { lt: now } }
    if (retention.kind === 'period' && retention.then === 'anonymise') {
      const done = await anonymiseExpired(deps, collection, retention, now)
      counts[collection] = done.deleted
      counts[`${collection}:anonymised`] = done.anonymised
    } else {
      counts[collection] = await deleteAll(deps.store, collection, expired)
    }
  }
  return counts
}

async function anonymiseExpired(
  deps: Pick<Deps, 'store'>,
  collection: string,
  retention: Extract<LimitedRetention, { then: 'anonymise' }>,
  now: number,
): Promise<{ deleted: number; anonymised: number }> {
  const more = (retention.deleteAtDays - retention.days) * DAY_MS
  const cleared = Object.fromEntries(retention.anonymise.map((field) => [field, null]))
  const done = { deleted: 0, anonymised: 0 }
  for (;;) {
    // No cursor: each record handled leaves the range, so the next page starts at what is left.
    const page = await deps.store.find<StoredDocument & { retainUntil: number }>(collection, {
      where: { retainUntil: { lt: now } },
      orderBy: [{ field: 'retainUntil', direction: 'asc' }],
      limit: MAX_BATCH,
    })
    const before = done.deleted + done.anonymised
    for (const doc of page.items) {
      const unchanged = { retainUntil: doc.retainUntil }
      if (retention.anonymise.every((field) => doc[field] === null || doc[field] === undefined)) {
        // Already anonymised (or never tied to anyone): its second period is over.
        if (await deps.store.delete(collection, doc._id)) done.deleted += 1
      } else if (
        await deps.store.update(collection, doc._id, { ...cleared, retainUntil: doc.retainUntil + more }, unchanged)
      ) {
        done.anonymised += 1
      }
    }
    // A full page of records that all changed under us (none handled) is left for the next run.
    if (page.items.length < MAX_BATCH || done.deleted + done.anonymised === before) return done
  }
}
