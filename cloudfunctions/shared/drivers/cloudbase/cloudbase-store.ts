import tcb from '@cloudbase/node-sdk'
import { collectionSpecs } from '../../collections'
import { AppError, ErrorCode } from '../../core/app-error'
import {
  assertBulkDelete,
  cursorFor,
  decodeCursor,
  isAllCondition,
  isInCondition,
  isRangeCondition,
  type CursorPosition,
  type DocumentStore,
  type Filter,
  type FindQuery,
  type FindResult,
  type SortKey,
  type StoredDocument,
} from '../../ports/document-store'
import { isRecord } from '../http-errors'

/**
 * The CloudBase driver: the DocumentStore port over CloudBase's document database through
 * `@cloudbase/node-sdk`. This is the only module that talks to the SDK; the domain sees the port.
 *
 * Cursor pagination is keyset pagination: a page after position (v1, …, vn, id) asks for
 * `(k1 after v1) OR (k1 = v1 AND k2 after v2) OR … OR (all equal AND _id after id)`, so a cursor stays
 * valid while documents are inserted ahead of it, and every page is served by the same index.
 */
export type CloudbaseApp = ReturnType<typeof tcb.init>
type Database = ReturnType<CloudbaseApp['database']>
type Command = Database['command']
/** What `where()` and `_.and()` / `_.or()` accept: a field map, or a logic command built from `db.command`. */
type QueryCondition = Parameters<Command['and']>[0]

/** CloudBase returns at most 1000 documents per query, whatever limit is asked for. */
const MAX_LIMIT = 1000
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** CloudBase's code for a write that collides on a unique index (`_id` included). */
const DUPLICATE_WRITE = 'DATABASE_DUPLICATE_WRITE'

/**
 * For a deployed function's composition root. Credentials come from the function's runtime
 * environment, and `SYMBOL_CURRENT_ENV` makes the SDK use the environment the function runs in, so no
 * env id lives in the code.
 */
export function initCloudbaseApp(opts: { env?: string } = {}): CloudbaseApp {
  return tcb.init({ env: opts.env ?? tcb.SYMBOL_CURRENT_ENV })
}

export function createCloudbaseStore(app: CloudbaseApp): DocumentStore {
  const db = app.database()
  const _ = db.command

  const collectionRef = (name: string) => {
    // Same rule as the SQLite driver: a collection nobody declared is a bug, not a new collection.
    if (!Object.prototype.hasOwnProperty.call(collectionSpecs, name)) {
      throw new Error(`Unknown collection "${name}": declare it in collections.ts`)
    }
    return db.collection(name)
  }

  const encodeFilter = (filter: Filter | undefined): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    for (const [field, condition] of Object.entries(filter ?? {})) {
      assertFieldName(field)
      if (condition === undefined) throw new AppError(ErrorCode.InvalidInput, '查询条件格式不正确')
      if (isAllCondition(condition)) {
        // `$all` on an array field, served by the field's multikey index (collections.ts). MongoDB's
        // `$all: []` matches nothing, which is the port's meaning too.
        out[field] = _.all(condition.all)
      } else if (isInCondition(condition)) {
        out[field] = _.in(condition.in)
      } else if (isRangeCondition(condition)) {
        const bounds = [
          condition.gt === undefined ? null : _.gt(condition.gt),
          condition.gte === undefined ? null : _.gte(condition.gte),
          condition.lt === undefined ? null : _.lt(condition.lt),
          condition.lte === undefined ? null : _.lte(condition.lte),
        ].filter((c) => c !== null)
        if (bounds.length === 0) continue
        out[field] = bounds.length === 1 ? bounds[0] : bounds[0].and(...bounds.slice(1))
      } else {
        // A plain value is equality; `null` also matches documents without the field, as in SQLite.
        out[field] = condition
      }
    }
    return out
  }

  /** The document with this id, if it also satisfies the precondition. */
  const byId = (id: string, precondition?: Filter): QueryCondition => {
    const conditions = encodeFilter(precondition)
    // Spreading a precondition on `_id` would replace the target id instead of narrowing it.
    return '_id' in conditions ? _.and({ _id: id }, conditions) : { _id: id, ...conditions }
  }

  /** Documents strictly after `position` in the order of `keys` (the last key is always `_id`). */
  const after = (keys: SortKey[], values: CursorPosition['values']): QueryCondition => {
    const branches: QueryCondition[] = []
    for (let i = 0; i < keys.length; i++) {
      const prefix: Record<string, unknown> = {}
      for (let j = 0; j < i; j++) prefix[keys[j].field] = values[j]
      const beyond = beyondValue(keys[i], values[i])
      if (beyond === null) continue
      branches.push(Object.keys(prefix).length === 0 ? beyond : _.and(prefix, beyond))
    }
    return branches.length === 1 ? branches[0] : _.or(...branches)
  }

  /**
   * `field` strictly after `value` in `direction`. MongoDB sorts null (and missing) before every
   * number and string, but its range operators never match across types, so null needs its own terms.
   * Returns null when nothing can come after (a descending walk that has reached the nulls).
   */
  const beyondValue = (key: SortKey, value: CursorPosition['values'][number]): QueryCondition | null => {
    const { field, direction } = key
    if (direction === 'asc') return { [field]: value === null ? _.neq(null) : _.gt(value) }
    if (value === null) return null
    if (field === '_id') return { _id: _.lt(value) }
    return _.or({ [field]: _.lt(value) }, { [field]: null })
  }

  const countWhere = async (collection: string, condition: QueryCondition | null): Promise<number> => {
    const ref = collectionRef(collection)
    const reply = await call('count', collection, () => (condition ? ref.where(condition).count() : ref.count()))
    return numberIn(reply, 'total', 'count', collection)
  }

  const store: DocumentStore = {
    async get<T extends StoredDocument>(collection: string, id: string): Promise<T | null> {
      const ref = collectionRef(collection)
      const reply = await call('get', collection, () => ref.doc(id).get())
      const [doc] = documentsIn(reply, 'get', collection)
      return doc ? (doc as T) : null
    },

    async insert(collection: string, doc: Record<string, unknown> & { _id?: string }): Promise<string> {
      const ref = collectionRef(collection)
      const reply = await call('insert', collection, () => ref.add({ ...doc }))
      if (isRecord(reply) && typeof reply.id === 'string' && reply.id !== '') return reply.id
      throw unexpectedReply('insert', collection)
    },

    async update(
      collection: string,
      id: string,
      patch: Record<string, unknown>,
      precondition?: Filter,
    ): Promise<boolean> {
      const ref = collectionRef(collection)
      const target = byId(id, precondition)
      const { _id: _ignored, ...fields } = patch
      const assignments = Object.entries(fields).filter(([, value]) => value !== undefined)
      if (assignments.length === 0) return (await countWhere(collection, target)) > 0
      for (const [field] of assignments) assertFieldName(field)
      // `_.set` makes an object value replace the stored one; a bare object would be merged key by key.
      const data = Object.fromEntries(assignments.map(([field, value]) => [field, _.set(value)]))
      const reply = await call('update', collection, () => ref.where(target).update(data))
      if (numberIn(reply, 'updated', 'update', collection) > 0) return true
      // `updated` counts modified documents: a patch that changes nothing reports 0 although the
      // document matched, so only a second look tells "already so" from "not there".
      return (await countWhere(collection, target)) > 0
    },

    async delete(collection: string, id: string): Promise<boolean> {
      const ref = collectionRef(collection)
      const reply = await call('delete', collection, () => ref.doc(id).remove())
      return numberIn(reply, 'deleted', 'delete', collection) > 0
    },

    async deleteWhere(collection: string, where: Filter, limit: number): Promise<number> {
      assertBulkDelete(where, limit)
      // A remove by query takes no limit: find this batch's ids first, then remove exactly those (a
      // document written meanwhile that also matches waits for the next call).
      const page = await store.find(collection, { where, orderBy: [{ field: '_id', direction: 'asc' }], limit })
      if (page.items.length === 0) return 0
      const ref = collectionRef(collection)
      const ids = page.items.map((doc) => doc._id)
      const reply = await call('deleteWhere', collection, () => ref.where({ _id: _.in(ids) }).remove())
      return numberIn(reply, 'deleted', 'deleteWhere', collection)
    },

    // CloudBase manages its own storage; see the README on what its deletion guarantees.
    async flushDeleted(): Promise<void> {},
    async count(collection: string, where?: Filter): Promise<number> {
      const conditions = encodeFilter(where)
      return countWhere(collection, Object.keys(conditions).length ? conditions : null)
    },

    async find<T extends StoredDocument>(collection: string, query: FindQuery): Promise<FindResult<T>> {
      const { orderBy, limit } = query
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new AppError(ErrorCode.InvalidInput, '每页条数不正确', 'pageSize')
      }
      for (const key of orderBy) assertFieldName(key.field)
      const { keys, values } = fullOrder(orderBy, query.after)

      const conditions: QueryCondition[] = []
      const filter = encodeFilter(query.where)
      if (Object.keys(filter).length) conditions.push(filter)
      if (values) conditions.push(after(keys, values))

      const ref = collectionRef(collection)
      let q = conditions.length ? ref.where(conditions.length === 1 ? conditions[0] : _.and(...conditions)) : ref
      for (const key of keys) q = q.orderBy(key.field, key.direction)
      // One more than asked tells whether another page exists without a second round trip.
      const fetched = Math.min(limit + 1, MAX_LIMIT)
      const reply = await call('find', collection, () => q.limit(fetched).get())
      const docs = documentsIn(reply, 'find', collection) as T[]

      const items = docs.slice(0, limit)
      const last = items[items.length - 1]
      let hasMore = docs.length > limit
      if (!hasMore && limit === MAX_LIMIT && docs.length === MAX_LIMIT) {
        // The service cannot return limit + 1 here, so look one past the end.
        const probe = await store.find(collection, { ...query, limit: 1, after: cursorFor(last, orderBy) })
        hasMore = probe.items.length > 0
      }
      return { items, nextCursor: hasMore ? cursorFor(last, orderBy) : null }
    },
  }
  return store
}

/**
 * The sort keys with `_id` as the final tie-breaker (in the direction of the last key), and the
 * cursor's values aligned with them. A caller that sorts by `_id` itself already has a total order.
 */
function fullOrder(
  orderBy: SortKey[],
  cursor: string | null | undefined,
): { keys: SortKey[]; values: CursorPosition['values'] | null } {
  const idAt = orderBy.findIndex((k) => k.field === '_id')
  const keys: SortKey[] =
    idAt >= 0
      ? orderBy.slice(0, idAt + 1)
      : [...orderBy, { field: '_id', direction: orderBy[orderBy.length - 1]?.direction ?? 'asc' }]
  if (!cursor) return { keys, values: null }
  const position = decodeCursor(cursor, orderBy.length)
  if (!position) throw new AppError(ErrorCode.InvalidInput, '分页游标无效，请刷新后重试', 'cursor')
  const values = idAt >= 0 ? position.values.slice(0, idAt + 1) : [...position.values, position.id]
  return { keys, values }
}

function assertFieldName(field: string): void {
  // Dots would address nested fields in CloudBase but not in SQLite; `$` would inject an operator.
  if (!FIELD_NAME.test(field)) throw new Error(`Unsupported field name "${field}"`)
}

/**
 * Runs one SDK call and turns its failures into what the port promises. The SDK types its replies as
 * `any`; they come out of here as `unknown` and are checked before use.
 */
async function call(operation: string, collection: string, run: () => Promise<unknown>): Promise<unknown> {
  let reply: unknown
  try {
    reply = await run()
  } catch (error) {
    throw translateFailure(error, operation, collection)
  }
  // With `tcb.setThrowOnCode(false)` the SDK hands back the error reply instead of throwing it.
  if (isRecord(reply) && typeof reply.code === 'string' && reply.code !== '') {
    throw translateFailure(reply, operation, collection)
  }
  return reply
}

function translateFailure(error: unknown, operation: string, collection: string): Error {
  const code = isRecord(error) && typeof error.code === 'string' ? error.code : ''
  const message = error instanceof Error ? error.message : isRecord(error) ? String(error.message ?? '') : ''
  // wx-server-sdk reports the same collision as DATABASE_REQUEST_FAILED carrying MongoDB's E11000 text.
  if (code === DUPLICATE_WRITE || /\bE11000 duplicate key\b/.test(message)) {
    return new AppError(ErrorCode.Conflict, '记录已存在')
  }
  const requestId = isRecord(error) && typeof error.requestId === 'string' && error.requestId ? error.requestId : ''
  // The SDK's own errors carry the request options (signed headers included): keep only plain facts.
  return new Error(
    `CloudBase ${operation} on "${collection}" failed` +
      (code ? ` [${code}]` : '') +
      (message ? `: ${message}` : '') +
      (requestId ? ` (requestId ${requestId})` : ''),
  )
}

function documentsIn(reply: unknown, operation: string, collection: string): StoredDocument[] {
  if (!isRecord(reply) || !Array.isArray(reply.data)) throw unexpectedReply(operation, collection)
  return reply.data.map((doc: unknown) => {
    if (!isRecord(doc) || typeof doc._id !== 'string') throw unexpectedReply(operation, collection)
    return doc as StoredDocument
  })
}

function numberIn(reply: unknown, key: string, operation: string, collection: string): number {
  const value = isRecord(reply) ? reply[key] : undefined
  if (typeof value !== 'number') throw unexpectedReply(operation, collection)
  return value
}

function unexpectedReply(operation: string, collection: string): Error {
  return new Error(`CloudBase ${operation} on "${collection}" returned a reply in an unexpected shape`)
}
