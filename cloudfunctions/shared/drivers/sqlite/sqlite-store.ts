import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { collectionSpecs, type CollectionName, type CollectionSpec, type MultiKeySpec } from '../../collections'
import { AppError, ErrorCode } from '../../core/app-error'
import {
  assertBulkDelete,
  cursorFor,
  decodeCursor,
  isAllCondition,
  isInCondition,
  isRangeCondition,
  type Condition,
  type DocumentStore,
  type Filter,
  type FindQuery,
  type FindResult,
  type Scalar,
  type SortKey,
  type StoredDocument,
} from '../../ports/document-store'

/**
 * The embedded driver: one SQLite file, one table per collection holding the document as JSON, and an
 * expression index per declared index. Every filter and sort is written as `json_extract(doc, '$.f')`,
 * the exact expression the indexes are built on, so SQLite can use them.
 *
 * A `multiKey` array field (collections.ts) has a side table `c_<collection>__<field>` of (value, sort,
 * id) rows, one per distinct array element, written in the same transaction as the document. An `all`
 * query walks that table's primary key for the rarest value, newest first, and checks the other values
 * by primary-key lookups: an index seek, never a scan of the documents. The arrays themselves are kept
 * beside the document (`c_<collection>__arrays`), not in it: term arrays are larger than the rest of a
 * listing, and in the document they would push rows onto overflow pages and slow every read and every
 * residual filter, while only the driver itself ever reads them back.
 */
export interface SqliteStore extends DocumentStore {
  readonly db: Database.Database
  /** The SQL a find would run, for query-plan checks. */
  findSql(collection: string, query: FindQuery): { sql: string; params: Array<string | number | null> }
  /**
   * Calls `listener` after every write that changed a collection (insert, update, delete), with the
   * collection's name; answers a function that stops it. What a host keeps of query results (the server's
   * feed cache) learns here that it is out of date, whichever use case wrote.
   */
  onChange(listener: (collection: string) => void): () => void
  /** Inserts many documents in one transaction (seeding, benchmarks); all or nothing. */
  insertMany(collection: string, docs: Array<Record<string, unknown> & { _id?: string }>): void
  close(): void
}

/**
 * The layout of the file (one table per collection, documents as JSON, side tables for multikey arrays): a
 * backup records it, and a restore refuses an archive from a newer layout. Raise it when the layout changes.
 */
export const SQLITE_SCHEMA_VERSION = 1

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const RANGE_OPERATORS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const
/** Values of an `all` query are ranked by how many rows they have, counted up to this many. */
const RARITY_PROBE = 1000

export function openSqliteStore(file: string): SqliteStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  // Deleted rows are overwritten with zeros, not left in free pages: an erased account leaves no bytes.
  db.pragma('secure_delete = ON')
  for (const [name, spec] of Object.entries(collectionSpecs)) createCollection(db, name, spec)
  return new SqliteDocumentStore(db)
}

function createCollection(db: Database.Database, name: string, spec: CollectionSpec): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${table(name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`)
  const multiKeyFields = new Set((spec.multiKey ?? []).map((m) => m.field))
  for (const index of spec.indexes) {
    // An index over a multikey array is CloudBase's; here the side table below serves those queries.
    if (index.keys.some((k) => multiKeyFields.has(k.field))) continue
    const columns = index.keys.map((k) => `${fieldExpr(k.field)} ${k.direction === 1 ? 'ASC' : 'DESC'}`)
    // The id column ends every index so keyset pagination on (sort keys, id) is served from the index; not
    // a unique one, where it would make every row distinct and the constraint void.
    const last = index.keys[index.keys.length - 1]
    if (!index.unique) columns.push(`id ${last.direction === 1 ? 'ASC' : 'DESC'}`)
    db.exec(
      `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${table(name)}_${index.name} ON ${table(name)} (${columns.join(', ')})`,
    )
  }
  if ((spec.multiKey ?? []).length > 0) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${arraysTable(name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`)
  }
  for (const multiKey of spec.multiKey ?? []) {
    // WITHOUT ROWID: the primary key is the table, so a value's rows are stored in sort order.
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${sideTable(name, multiKey.field)} ` +
        '(value NOT NULL, sort NOT NULL, id TEXT NOT NULL, PRIMARY KEY (value, sort, id)) WITHOUT ROWID',
    )
  }
}

function table(collection: string): string {
  if (!Object.prototype.hasOwnProperty.call(collectionSpecs, collection)) {
    throw new Error(`Unknown collection "${collection}": declare it in collections.ts`)
  }
  return `c_${collection as CollectionName}`
}

function sideTable(collection: string, field: string): string {
  if (!FIELD_NAME.test(field)) throw new Error(`Unsupported field name "${field}"`)
  return `${table(collection)}__${field}`
}

function arraysTable(collection: string): string {
  return `${table(collection)}__arrays`
}

function multiKeyOf(collection: string, field: string): MultiKeySpec | undefined {
  return collectionSpecs[collection as CollectionName]?.multiKey?.find((m) => m.field === field)
}

/** The SQL for a field of the collection's row; `alias` qualifies it when a query joins a side table. */
function fieldExpr(field: string, alias = ''): string {
  const prefix = alias ? `${alias}.` : ''
  if (field === '_id') return `${prefix}id`
  if (!FIELD_NAME.test(field)) throw new Error(`Unsupported field name "${field}"`)
  return `json_extract(${prefix}doc, '$.${field}')`
}

type SqlValue = string | number | null

function toSql(value: unknown): SqlValue {
  // json_extract yields 1/0 for JSON booleans; compare like with like.
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string' || typeof value === 'number' || value === null) return value
  throw new AppError(ErrorCode.InvalidInput, '查询条件格式不正确')
}

interface WhereContext {
  collection: string
  /** Alias of the collection's table in the query, if any. */
  alias?: string
}

function whereClause(ctx: WhereContext, filter: Filter | undefined, params: SqlValue[]): string[] {
  const parts: string[] = []
  for (const [field, condition] of Object.entries(filter ?? {})) {
    parts.push(conditionSql(ctx, field, condition, params))
  }
  return parts
}

function conditionSql(ctx: WhereContext, field: string, condition: Condition, params: SqlValue[]): string {
  if (condition !== null && isAllCondition(condition)) return allSql(ctx, field, condition.all, params)
  assertNotMultiKey(ctx.collection, field)
  const expr = fieldExpr(field, ctx.alias)
  if (condition === null) return `${expr} IS NULL`
  if (isInCondition(condition)) {
    if (condition.in.length === 0) return '0'
    params.push(...condition.in.map(toSql))
    return `${expr} IN (${condition.in.map(() => '?').join(', ')})`
  }
  if (isRangeCondition(condition)) {
    const parts: string[] = []
    for (const [op, sql] of Object.entries(RANGE_OPERATORS) as Array<[keyof typeof RANGE_OPERATORS, string]>) {
      const bound = condition[op]
      if (bound === undefined) continue
      params.push(toSql(bound))
      parts.push(`${expr} ${sql} ?`)
    }
    return parts.length ? parts.join(' AND ') : '1'
  }
  params.push(toSql(condition))
  return `${expr} = ?`
}

/** A multikey array lives outside the document JSON: only `all` can ask about it. */
function assertNotMultiKey(collection: string, field: string): void {
  if (multiKeyOf(collection, field)) throw new Error(`${collection}.${field} is multikey: query it with { all }`)
}

/**
 * `all` outside an ordered search (counts, preconditions, other sort orders): each value is a primary-key
 * lookup in the side table for this row. A field not declared multikey is read from the JSON (a scan;
 * nothing in the domain queries one that way, but the port's meaning holds for every field).
 */
function allSql(ctx: WhereContext, field: string, values: Scalar[], params: SqlValue[]): string {
  const distinct = [...new Set(values.map(toSql))]
  if (distinct.length === 0) return '0'
  const multiKey = multiKeyOf(ctx.collection, field)
  if (!multiKey) {
    params.push(...distinct)
    const list = distinct.map(() => '?').join(', ')
    return (
      `(SELECT COUNT(DISTINCT j.value) FROM json_each(${fieldExpr(field, ctx.alias)}) j ` +
      `WHERE j.type IN ('text', 'integer', 'real') AND j.value IN (${list})) = ${distinct.length}`
    )
  }
  const side = sideTable(ctx.collection, field)
  // Qualified: inside the subquery a bare `id` would be the side table's own.
  const outer = ctx.alias || table(ctx.collection)
  const sort = fieldExpr(multiKey.sortedBy, outer)
  const id = fieldExpr('_id', outer)
  return distinct
    .map((value) => {
      params.push(value)
      return `EXISTS (SELECT 1 FROM ${side} s WHERE s.value = ? AND s.sort = ${sort} AND s.id = ${id})`
    })
    .join(' AND ')
}

/**
 * `(k1, …, id) after (v1, …, id0)` in the query's order, as an OR of prefixes (mixed directions work).
 * The extra bound on the first key is implied by the OR but lets SQLite seek into the index instead of
 * walking it from the start, so a deep page costs what the first page costs.
 */
function afterClause(
  orderBy: SortKey[],
  values: SqlValue[],
  id: string,
  params: SqlValue[],
  expr: (field: string) => string,
): string {
  const keys = [...orderBy, { field: '_id', direction: orderBy[orderBy.length - 1]?.direction ?? 'asc' } as SortKey]
  const all = [...values, id]
  const alternatives: string[] = []
  for (let i = 0; i < keys.length; i++) {
    const terms: string[] = []
    for (let j = 0; j < i; j++) {
      params.push(all[j])
      terms.push(`${expr(keys[j].field)} = ?`)
    }
    params.push(all[i])
    terms.push(`${expr(keys[i].field)} ${keys[i].direction === 'asc' ? '>' : '<'} ?`)
    alternatives.push(`(${terms.join(' AND ')})`)
  }
  params.push(all[0])
  return `(${alternatives.join(' OR ')}) AND ${expr(keys[0].field)} ${keys[0].direction === 'asc' ? '>=' : '<='} ?`
}

function parseDoc(id: string, json: string, arrays?: string): StoredDocument {
  const doc = JSON.parse(json) as Record<string, unknown>
  if (arrays) Object.assign(doc, JSON.parse(arrays) as Record<string, unknown>)
  return { ...doc, _id: id }
}

/** The document as stored: its own JSON, and its multikey arrays apart (null when it has none). */
function serialise(doc: Record<string, unknown>, multiKeys: MultiKeySpec[]): { doc: string; arrays: string | null } {
  const { _id: _ignored, ...rest } = doc
  const arrays: Record<string, unknown> = {}
  for (const { field } of multiKeys) {
    if (field in rest) {
      arrays[field] = rest[field]
      delete rest[field]
    }
  }
  return { doc: JSON.stringify(rest), arrays: Object.keys(arrays).length ? JSON.stringify(arrays) : null }
}

function newId(): string {
  return randomBytes(12).toString('hex')
}

/** The (value, sort) rows a document implies in the side table of one multikey field. */
function sideRows(
  collection: string,
  multiKey: MultiKeySpec,
  doc: Record<string, unknown>,
): Array<[SqlValue, SqlValue]> {
  const array = doc[multiKey.field]
  if (!Array.isArray(array) || array.length === 0) return []
  const values = new Set<SqlValue>()
  for (const item of array) {
    // Only scalars can be asked for with `all`; anything else in the array can never match one.
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') values.add(toSql(item))
  }
  const sort = doc[multiKey.sortedBy]
  if (values.size > 0 && typeof sort !== 'number' && typeof sort !== 'string') {
    throw new Error(
      `${collection}.${multiKey.sortedBy} must be a number or string on a document with ${multiKey.field}`,
    )
  }
  return [...values].map((value) => [value, sort as SqlValue])
}

/** The `all` condition of a find that the side table can answer in the query's own order, if any. */
function orderedSearch(
  collection: string,
  query: FindQuery,
): { field: string; multiKey: MultiKeySpec; values: SqlValue[] } | null {
  if (query.orderBy.length !== 1) return null
  for (const [field, condition] of Object.entries(query.where ?? {})) {
    if (condition === null || !isAllCondition(condition)) continue
    const multiKey = multiKeyOf(collection, field)
    if (!multiKey || multiKey.sortedBy !== query.orderBy[0].field) continue
    const values = [...new Set(condition.all.map(toSql))]
    return values.length ? { field, multiKey, values } : null
  }
  return null
}

/** Distinct statements kept prepared; the SQL shapes are few (one per query shape), this only bounds a surprise. */
const STATEMENT_CACHE = 500

class SqliteDocumentStore implements SqliteStore {
  /** Prepared statements by their SQL: preparing parses and plans the SQL, which a busy feed paid on every call. */
  private readonly statements = new Map<string, Database.Statement>()

  private readonly listeners = new Set<(collection: string) => void>()

  constructor(readonly db: Database.Database) {}

  onChange(listener: (collection: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** After the write committed: a listener never sees a change that was rolled back. */
  private changed(collection: string): void {
    for (const listener of this.listeners) listener(collection)
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE) this.statements.clear()
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  async flushDeleted(): Promise<void> {
    // TRUNCATE: the WAL's frames (which still hold the old pages) are copied back and the file emptied.
    this.db.pragma('wal_checkpoint(TRUNCATE)')
  }

  close(): void {
    this.db.close()
  }

  private multiKeys(collection: string): MultiKeySpec[] {
    table(collection)
    return collectionSpecs[collection as CollectionName].multiKey ?? []
  }

  private writeSide(collection: string, id: string, doc: Record<string, unknown>): void {
    for (const multiKey of this.multiKeys(collection)) {
      const rows = sideRows(collection, multiKey, doc)
      if (rows.length === 0) continue
      const insert = this.prepare(`INSERT OR IGNORE INTO ${sideTable(collection, multiKey.field)} VALUES (?, ?, ?)`)
      for (const [value, sort] of rows) insert.run(value, sort, id)
    }
  }

  /** Removes exactly the rows `doc` implied, by primary key: the side table has no index on id alone. */
  private clearSide(collection: string, id: string, doc: Record<string, unknown>, only?: Set<string>): void {
    for (const multiKey of this.multiKeys(collection)) {
      if (only && !only.has(multiKey.field)) continue
      const remove = this.prepare(
        `DELETE FROM ${sideTable(collection, multiKey.field)} WHERE value = ? AND sort = ? AND id = ?`,
      )
      for (const [value, sort] of sideRows(collection, multiKey, doc)) remove.run(value, sort, id)
    }
  }

  private insertSync(collection: string, doc: Record<string, unknown> & { _id?: string }): string {
    const id = doc._id ?? newId()
    const multiKeys = this.multiKeys(collection)
    const stored = serialise(doc, multiKeys)
    uniqueAsConflict(() => this.prepare(`INSERT INTO ${table(collection)} (id, doc) VALUES (?, ?)`).run(id, stored.doc))
    if (stored.arrays !== null) {
      this.prepare(`INSERT OR REPLACE INTO ${arraysTable(collection)} (id, doc) VALUES (?, ?)`).run(id, stored.arrays)
    }
    this.writeSide(collection, id, doc)
    return id
  }

  /** The document's multikey arrays (JSON), for collections that have any. */
  private arraysOf(collection: string, id: string): string | undefined {
    if (this.multiKeys(collection).length === 0) return undefined
    const row = this.prepare(`SELECT doc FROM ${arraysTable(collection)} WHERE id = ?`).get(id) as
      { doc: string } | undefined
    return row?.doc
  }

  /** The multikey arrays of a page of documents in one query (one per document cost a page 20 more). */
  private arraysOfMany(collection: string, ids: string[]): Map<string, string> {
    const found = new Map<string, string>()
    if (ids.length === 0 || this.multiKeys(collection).length === 0) return found
    const list = ids.map(() => '?').join(', ')
    const rows = this.prepare(`SELECT id, doc FROM ${arraysTable(collection)} WHERE id IN (${list})`).all(
      ...ids,
    ) as Array<{ id: string; doc: string }>
    for (const row of rows) found.set(row.id, row.doc)
    return found
  }

  async get<T extends StoredDocument>(collection: string, id: string): Promise<T | null> {
    const row = this.prepare(`SELECT id, doc FROM ${table(collection)} WHERE id = ?`).get(id) as
      { id: string; doc: string } | undefined
    return row ? (parseDoc(row.id, row.doc, this.arraysOf(collection, row.id)) as T) : null
  }

  async insert(collection: string, doc: Record<string, unknown> & { _id?: string }): Promise<string> {
    const id = this.db.transaction(() => this.insertSync(collection, doc))()
    this.changed(collection)
    return id
  }

  insertMany(collection: string, docs: Array<Record<string, unknown> & { _id?: string }>): void {
    this.db.transaction(() => {
      for (const doc of docs) this.insertSync(collection, doc)
    })()
    if (docs.length > 0) this.changed(collection)
  }

  async update(
    collection: string,
    id: string,
    patch: Record<string, unknown>,
    precondition?: Filter,
  ): Promise<boolean> {
    const { _id: _ignored, ...fields } = patch
    const params: SqlValue[] = [id]
    const conditions = ['id = ?', ...whereClause({ collection }, precondition, params)]
    // json_patch would drop fields set to null (RFC 7396), so merge in JS inside one transaction.
    const select = this.prepare(`SELECT doc FROM ${table(collection)} WHERE ${conditions.join(' AND ')}`)
    const write = this.prepare(`UPDATE ${table(collection)} SET doc = ? WHERE id = ?`)
    const multiKeys = this.multiKeys(collection)
    // Side rows change only when their array or its sort key does.
    const touched = new Set(multiKeys.filter((m) => m.field in fields || m.sortedBy in fields).map((m) => m.field))
    const done = this.db.transaction(() => {
      const row = select.get(...params) as { doc: string } | undefined
      if (!row) return false
      const before: Record<string, unknown> = parseDoc(id, row.doc, this.arraysOf(collection, id))
      const after = { ...before, ...fields }
      const stored = serialise(after, multiKeys)
      // A value a unique index already holds elsewhere: refused like an insert's, nothing written.
      uniqueAsConflict(() => write.run(stored.doc, id))
      if (multiKeys.length > 0) {
        if (stored.arrays === null) this.prepare(`DELETE FROM ${arraysTable(collection)} WHERE id = ?`).run(id)
        else {
          this.prepare(`INSERT OR REPLACE INTO ${arraysTable(collection)} (id, doc) VALUES (?, ?)`).run(
            id,
            stored.arrays,
          )
        }
      }
      if (touched.size > 0) {
        this.clearSide(collection, id, before, touched)
        this.writeSide(collection, id, after)
      }
      return true
    })()
    if (done) this.changed(collection)
    return done
  }

  async delete(collection: string, id: string): Promise<boolean> {
    const select = this.prepare(`SELECT doc FROM ${table(collection)} WHERE id = ?`)
    const remove = this.prepare(`DELETE FROM ${table(collection)} WHERE id = ?`)
    const done = this.db.transaction(() => {
      const row = select.get(id) as { doc: string } | undefined
      if (!row) return false
      if (this.multiKeys(collection).length > 0) {
        this.clearSide(collection, id, parseDoc(id, row.doc, this.arraysOf(collection, id)))
        this.prepare(`DELETE FROM ${arraysTable(collection)} WHERE id = ?`).run(id)
      }
      return remove.run(id).changes > 0
    })()
    if (done) this.changed(collection)
    return done
  }

  async deleteWhere(collection: string, where: Filter, limit: number): Promise<number> {
    assertBulkDelete(where, limit)
    const params: SqlValue[] = []
    const conditions = whereClause({ collection }, where, params)
    const select = this.prepare(
      `SELECT id, doc FROM ${table(collection)} WHERE ${conditions.join(' AND ')} ORDER BY id LIMIT ?`,
    )
    const remove = this.prepare(`DELETE FROM ${table(collection)} WHERE id = ?`)
    const multiKeyed = this.multiKeys(collection).length > 0
    const removed = this.db.transaction(() => {
      const rows = select.all(...params, limit) as Array<{ id: string; doc: string }>
      for (const row of rows) {
        if (multiKeyed) {
          this.clearSide(collection, row.id, parseDoc(row.id, row.doc, this.arraysOf(collection, row.id)))
          this.prepare(`DELETE FROM ${arraysTable(collection)} WHERE id = ?`).run(row.id)
        }
        remove.run(row.id)
      }
      return rows.length
    })()
    if (removed > 0) this.changed(collection)
    return removed
  }

  async count(collection: string, where?: Filter): Promise<number> {
    const params: SqlValue[] = []
    const conditions = whereClause({ collection }, where, params)
    const sql = `SELECT COUNT(*) AS n FROM ${table(collection)}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`
    return (this.prepare(sql).get(...params) as { n: number }).n
  }

  async find<T extends StoredDocument>(collection: string, query: FindQuery): Promise<FindResult<T>> {
    const { sql, params } = this.findSql(collection, query)
    const rows = this.prepare(sql).all(...params) as Array<{ id: string; doc: string }>
    const arrays = this.arraysOfMany(
      collection,
      rows.map((r) => r.id),
    )
    const docs = rows.map((r) => parseDoc(r.id, r.doc, arrays.get(r.id)) as T)
    const hasMore = docs.length > query.limit
    const items = hasMore ? docs.slice(0, query.limit) : docs
    return { items, nextCursor: hasMore ? cursorFor(items[items.length - 1], query.orderBy) : null }
  }

  findSql(collection: string, query: FindQuery): { sql: string; params: SqlValue[] } {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 1000) {
      throw new AppError(ErrorCode.InvalidInput, '每页条数不正确', 'pageSize')
    }
    for (const key of query.orderBy) assertNotMultiKey(collection, key.field)
    const search = orderedSearch(collection, query)
    if (search) return this.searchSql(collection, query, search)
    const params: SqlValue[] = []
    const conditions = whereClause({ collection }, query.where, params)
    if (query.after) {
      const position = cursorPosition(query)
      conditions.push(afterClause(query.orderBy, position.values.map(toSql), position.id, params, (f) => fieldExpr(f)))
    }
    const lastDirection = query.orderBy[query.orderBy.length - 1]?.direction ?? 'asc'
    const order = [...query.orderBy, { field: '_id', direction: lastDirection }]
      .map((k) => `${fieldExpr(k.field)} ${k.direction === 'asc' ? 'ASC' : 'DESC'}`)
      .join(', ')
    params.push(query.limit + 1)
    const sql =
      `SELECT id, doc FROM ${table(collection)}` +
      (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
      ` ORDER BY ${order} LIMIT ?`
    return { sql, params }
  }

  /**
   * A find whose `all` values the side table serves in the query's order: walk the rarest value's rows
   * along the primary key (already in sort order, so no sort step and an early stop at the page size),
   * check the other values by primary-key lookups, and the remaining conditions on the document. CROSS
   * JOIN fixes that loop order: the planner cannot know which value is rare, we just measured it.
   */
  private searchSql(
    collection: string,
    query: FindQuery,
    search: { field: string; multiKey: MultiKeySpec; values: SqlValue[] },
  ): { sql: string; params: SqlValue[] } {
    const side = sideTable(collection, search.field)
    const [rarest, ...others] = this.byRarity(side, search.values)
    const params: SqlValue[] = [rarest]
    const conditions = ['t.value = ?']
    for (const value of others) {
      params.push(value)
      conditions.push(`EXISTS (SELECT 1 FROM ${side} s WHERE s.value = ? AND s.sort = t.sort AND s.id = t.id)`)
    }
    const rest = Object.fromEntries(Object.entries(query.where ?? {}).filter(([field]) => field !== search.field))
    conditions.push(...whereClause({ collection, alias: 'd' }, rest, params))
    const expr = (field: string) =>
      field === search.multiKey.sortedBy ? 't.sort' : field === '_id' ? 't.id' : fieldExpr(field, 'd')
    if (query.after) {
      const position = cursorPosition(query)
      conditions.push(afterClause(query.orderBy, position.values.map(toSql), position.id, params, expr))
    }
    const direction = query.orderBy[0].direction === 'asc' ? 'ASC' : 'DESC'
    params.push(query.limit + 1)
    const sql =
      `SELECT d.id AS id, d.doc AS doc FROM ${side} t CROSS JOIN ${table(collection)} d ON d.id = t.id` +
      ` WHERE ${conditions.join(' AND ')} ORDER BY t.sort ${direction}, t.id ${direction} LIMIT ?`
    return { sql, params }
  }

  /** The values, rarest first, by their row counts capped at RARITY_PROBE (a bounded index walk each). */
  private byRarity(side: string, values: SqlValue[]): SqlValue[] {
    if (values.length === 1) return values
    const count = this.prepare(
      `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${side} WHERE value = ? LIMIT ${RARITY_PROBE})`,
    )
    const counted = values.map((value) => ({ value, n: (count.get(value) as { n: number }).n }))
    return counted.sort((a, b) => a.n - b.n).map((c) => c.value)
  }
}

function cursorPosition(query: FindQuery) {
  const position = decodeCursor(query.after as string, query.orderBy.length)
  if (!position) throw new AppError(ErrorCode.InvalidInput, '分页游标无效，请刷新后重试', 'cursor')
  return position
}

/** A write that collides on a unique index (`_id` included) is the port's CONFLICT. */
function uniqueAsConflict(write: () => unknown): void {
  try {
    write()
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AppError(ErrorCode.Conflict, '记录已存在')
    }
    throw error
  }
}
