/**
 * The database port the domain talks to. Small on purpose: only what the domain needs, so that an
 * embedded SQLite file and CloudBase's document database can both honour it exactly. One contract test
 * suite (test/cloudfunctions/ports/document-store.contract.ts) runs against every driver.
 *
 * Documents are plain JSON objects. `_id` is a string chosen by the store unless the caller gives one.
 * Field names in filters and sorts are top-level fields of the document.
 */
export type Scalar = string | number | boolean | null

export interface RangeCondition {
  gt?: string | number
  gte?: string | number
  lt?: string | number
  lte?: string | number
}

/**
 * An array field holding every one of these values (in any order, among others); an empty list matches
 * nothing. Meant for indexed term arrays (keyword search): a field queried this way is declared
 * `multiKey` in collections.ts, which gives it an index in every store.
 */
export interface AllCondition {
  all: Scalar[]
}

/** A field condition: equality with a scalar, membership in a list, a range, or array containment. */
export type Condition = Scalar | { in: Scalar[] } | RangeCondition | AllCondition

/** All conditions must hold (AND). */
export type Filter = Record<string, Condition>

export interface SortKey {
  field: string
  direction: 'asc' | 'desc'
}

export interface FindQuery {
  where?: Filter
  /**
   * Sort keys; `_id` in the same direction as the last key is always added as the tie-breaker, so the
   * order is total and the cursor is stable under inserts.
   */
  orderBy: SortKey[]
  limit: number
  /** Opaque cursor from a previous page's `nextCursor`. */
  after?: string | null
}

export type StoredDocument = Record<string, unknown> & { _id: string }

export interface FindResult<T> {
  items: T[]
  /** Cursor positioned after the last item, or null when no item follows. */
  nextCursor: string | null
}

export interface DocumentStore {
  get<T extends StoredDocument>(collection: string, id: string): Promise<T | null>
  /** Inserts and returns the id. Fails with a CONFLICT AppError when `_id` is taken. */
  insert(collection: string, doc: Record<string, unknown> & { _id?: string }): Promise<string>
  /**
   * Sets the given top-level fields on the document with this id, only if it also matches
   * `precondition`. Returns false (and changes nothing) when no document matched. Fails with a CONFLICT
   * AppError (and changes nothing) when the new values collide with another document on a unique index.
   */
  update(collection: string, id: string, patch: Record<string, unknown>, precondition?: Filter): Promise<boolean>
  /** Removes the document; returns false when it did not exist. */
  delete(collection: string, id: string): Promise<boolean>
  /**
   * Removes at most `limit` (1…1000) documents matching `where` and answers how many went. A caller with
   * more to remove calls again until fewer than `limit` go (see `deleteAll`), so one call stays bounded
   * on every store. `where` must hold a condition: nothing removes a whole collection by accident.
   */
  deleteWhere(collection: string, where: Filter, limit: number): Promise<number>
  count(collection: string, where?: Filter): Promise<number>
  find<T extends StoredDocument>(collection: string, query: FindQuery): Promise<FindResult<T>>
  /**
   * After a purge: makes deleted content unrecoverable where the store keeps it around (SQLite folds its
   * write-ahead log back into the file, whose freed pages secure_delete already zeroed). A no-op where
   * the store manages its own storage (CloudBase).
   */
  flushDeleted(): Promise<void>
}

/** The largest page or batch any store answers in one call (CloudBase's own cap). */
export const MAX_BATCH = 1000

/**
 * Every document matching the query, `batchSize` at a time, in the query's order (cursor paging, so a
 * batch costs what the first costs). Documents written behind the cursor during the walk are not seen.
 */
export async function* eachBatch<T extends StoredDocument>(
  store: DocumentStore,
  collection: string,
  query: Omit<FindQuery, 'limit' | 'after'>,
  batchSize = 500,
): AsyncGenerator<T[]> {
  let after: string | null = null
  do {
    const page: FindResult<T> = await store.find<T>(collection, { ...query, limit: batchSize, after })
    if (page.items.length > 0) yield page.items
    after = page.nextCursor
  } while (after !== null)
}

/**
 * Removes every document matching `where`, `batchSize` per call; answers how many went. Resumable: if it
 * is stopped halfway, calling it again removes the rest.
 */
export async function deleteAll(
  store: DocumentStore,
  collection: string,
  where: Filter,
  batchSize = MAX_BATCH,
): Promise<number> {
  let total = 0
  for (;;) {
    const removed = await store.deleteWhere(collection, where, batchSize)
    total += removed
    if (removed < batchSize) return total
  }
}

/** Throws unless `where` names a condition and `limit` is a whole number the stores accept. */
export function assertBulkDelete(where: Filter, limit: number): void {
  if (Object.keys(where).length === 0) throw new Error('deleteWhere needs a condition: it never empties a collection')
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BATCH) {
    throw new Error(`deleteWhere takes a limit from 1 to ${MAX_BATCH}, got ${limit}`)
  }
}

/** Where a page ended: the sort values and the id of its last item. */
export interface CursorPosition {
  values: Array<string | number | boolean | null>
  id: string
}

export function encodeCursor(position: CursorPosition): string {
  const json = JSON.stringify([position.values, position.id])
  return base64UrlEncode(json)
}

/** Returns null for anything that is not a cursor this module produced for the same number of keys. */
export function decodeCursor(cursor: string, keyCount: number): CursorPosition | null {
  try {
    const parsed: unknown = JSON.parse(base64UrlDecode(cursor))
    if (!Array.isArray(parsed) || parsed.length !== 2) return null
    const [values, id] = parsed as [unknown, unknown]
    if (!Array.isArray(values) || values.length !== keyCount || typeof id !== 'string') return null
    if (!values.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) return null
    return { values: values as CursorPosition['values'], id }
  } catch {
    return null
  }
}

export function cursorFor(doc: StoredDocument, orderBy: SortKey[]): string {
  return encodeCursor({ values: orderBy.map((k) => (doc[k.field] ?? null) as Scalar), id: doc._id })
}

export function isRangeCondition(c: Condition): c is RangeCondition {
  return typeof c === 'object' && c !== null && !('in' in c) && !('all' in c)
}

export function isAllCondition(c: Condition): c is AllCondition {
  return typeof c === 'object' && c !== null && 'all' in c
}

export function isInCondition(c: Condition): c is { in: Scalar[] } {
  return typeof c === 'object' && c !== null && 'in' in c
}

function base64UrlEncode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

function base64UrlDecode(text: string): string {
  return Buffer.from(text, 'base64url').toString('utf8')
}
