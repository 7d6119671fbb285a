import type { Deps } from '../../core/deps'
import { deleteAll, eachBatch, type StoredDocument } from '../../ports/document-store'

/**
 * Which of a domain's records are one user's, and what in them is personal: the seam the data inventory,
 * the export and the account purge are built on. Each domain declares its own collections here (next to
 * their specs) and exports the functions below bound to them; nothing outside the domain learns its
 * field names.
 */
export interface PersonalDataSpec {
  collection: string
  /**
   * Fields that tie a record to a user; a record belongs to the user named in any of them. `_id` for a
   * collection whose id is the user id (the account itself).
   */
  owners: string[]
  /** Fields that hold personal information, for the inventory and the export. */
  fields: string[]
  /** One line for the inventory: what the records are. */
  about: string
}

/** Records held by no one user, or only under a keyed hash: declared so the inventory can say why. */
export interface UnlinkedDataSpec {
  collection: string
  about: string
}

export interface PersonalData {
  specs: PersonalDataSpec[]
  /** Every record of this domain that belongs to the user, by collection (for export). */
  list(deps: Pick<Deps, 'store'>, userId: string): Promise<Record<string, StoredDocument[]>>
  /** Deletes every such record; answers how many went per collection. Resumable: call again to finish. */
  erase(deps: Pick<Deps, 'store'>, userId: string): Promise<Record<string, number>>
}

const BATCH = 500

export function definePersonalData(specs: PersonalDataSpec[]): PersonalData {
  return {
    specs,
    async list(deps, userId) {
      const found: Record<string, StoredDocument[]> = {}
      for (const spec of specs) {
        const byId = new Map<string, StoredDocument>()
        for (const owner of spec.owners) {
          if (owner === '_id') {
            const doc = await deps.store.get(spec.collection, userId)
            if (doc) byId.set(doc._id, doc)
            continue
          }
          const query = { where: { [owner]: userId }, orderBy: [{ field: '_id', direction: 'asc' as const }] }
          for await (const batch of eachBatch(deps.store, spec.collection, query, BATCH)) {
            for (const doc of batch) byId.set(doc._id, doc)
          }
        }
        found[spec.collection] = [...byId.values()]
      }
      return found
    },
    async erase(deps, userId) {
      const counts: Record<string, number> = {}
      for (const spec of specs) {
        let removed = 0
        for (const owner of spec.owners) {
          if (owner === '_id') removed += (await deps.store.delete(spec.collection, userId)) ? 1 : 0
          else removed += await deleteAll(deps.store, spec.collection, { [owner]: userId })
        }
        counts[spec.collection] = removed
      }
      return counts
    },
  }
}
