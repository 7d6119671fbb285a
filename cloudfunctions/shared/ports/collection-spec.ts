/** How a collection is declared: its indexes, its CloudBase client rule, its multikey arrays. */
export interface IndexKey {
  field: string
  direction: 1 | -1
}

export interface IndexSpec {
  name: string
  keys: IndexKey[]
  unique?: boolean
}

/**
 * CloudBase database security rule for requests made directly by clients. Cloud functions have admin
 * access regardless; no collection grants clients write access.
 */
export type ClientRule = { read: false; write: false } | { read: true; write: false }

/**
 * An array field queried with `{ all: [...] }` (keyword terms). CloudBase indexes it like any field (a
 * MongoDB multikey index, declared in `indexes`); SQLite cannot index inside a JSON array, so its driver
 * keeps a side table of (value, sort key, id) rows in step with the documents, in the same transaction,
 * and answers such queries from it newest first without a sort step.
 */
export interface MultiKeySpec {
  field: string
  /** The field queries on this array are ordered by (e.g. `publishedAt` for search results). */
  sortedBy: string
}

export interface CollectionSpec {
  indexes: IndexSpec[]
  clientRule: ClientRule
  multiKey?: MultiKeySpec[]
}

export const ADMIN_ONLY: ClientRule = { read: false, write: false }

/** Documents the retention job deletes once `retainUntil` has passed. */
export const RETENTION_INDEX: IndexSpec = { name: 'by_retain_until', keys: [{ field: 'retainUntil', direction: 1 }] }
