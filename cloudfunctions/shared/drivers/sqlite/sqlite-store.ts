import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { collectionSpecs, type CollectionName, type IndexSpec } from '../../collections'
import { AppError, ErrorCode } from '../../core/app-error'
import {
  cursorFor,
  decodeCursor,
  isInCondition,
  isRangeCondition,
  type Condition,
  type DocumentStore,
  type Filter,
  type FindQuery,
  type FindResult,
  type SortKey,
  type StoredDocument,
} from '../../ports/document-store'

/**
 * The embedded driver: one SQLite file, one table per collection holding the document as JSON, and an
 * expression index per declared index. Every filter and sort is written as `json_extract(doc, '$.f')`,
 * the exact expression the indexes are built on, so SQLite can use them.
 */
export interface SqliteStore extends DocumentStore {
  readonly db: Database.Database
  /** The SQL a find would run, for query-plan checks. */
  findSql(collection: string, query: FindQuery): { sql: string; params: Array<string | number | null> }
  close(): void
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const RANGE_OPERATORS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const

export function openSqliteStore(file: string): SqliteStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  for (const [name, spec] of Object.entries(collectionSpecs)) createCollection(db, name, spec.indexes)
  return new SqliteDocumentStore(db)
}

function createCollection(db: Database.Database, name: string, indexes: IndexSpec[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${table(name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`)
  for (const index of indexes) {
    const columns = index.keys.map((k) => `${fieldExpr(k.field)} ${k.direction === 1 ? 'ASC' : 'DESC'}`)
    // The id column ends every index so keyset pagination on (sort keys, id) is served from the index; not
    // a unique one, where it would make every row distinct and the constraint void.
    const last = index.keys[index.keys.length - 1]
    if (!index.unique) columns.push(`id ${last.direction === 1 ? 'ASC' : 'DESC'}`)
    db.exec(
      `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${table(name)}_${index.name} ON ${table(name)} (${columns.join(', ')})`,
    )
  }
}

function table(collection: string): string {
  if (!Object.prototype.hasOwnProperty.call(collectionSpecs, collection)) {
    throw new Error(`Unknown collection "${collection}": declare it in collections.ts`)
  }
  return `c_${collection as CollectionName}`
}

function fieldExpr(field: string): string {
  if (field === '_id') return 'id'
  if (!FIELD_NAME.test(field)) throw new Error(`Unsupported field name "${field}"`)
  return `json_extract(doc, '$.${field}')`
}

type SqlValue = string | number | null

function toSql(value: unknown): SqlValue {
  // json_extract yields 1/0 for JSON booleans; compare like with like.
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string' || typeof value === 'number' || value === null) return value
  throw new AppError(ErrorCode.InvalidInput, '查询条件格式不正确')
}

function whereClause(filter: Filter | undefined, params: SqlValue[]): string[] {
  const parts: string[] = []
  for (const [field, condition] of Object.entries(filter ?? {})) parts.push(conditionSql(field, condition, params))
  return parts
}

function conditionSql(field: string, condition: Condition, params: SqlValue[]): string {
  const expr = fieldExpr(field)
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

/**
 * `(k1, …, id) after (v1, …, id0)` in the query's order, as an OR of prefixes (mixed directions work).
 * The extra bound on the first key is implied by the OR but lets SQLite seek into the index instead of
 * walking it from the start, so a deep page costs what the first page costs.
 */
function afterClause(orderBy: SortKey[], values: SqlValue[], id: string, params: SqlValue[]): string {
  const keys = [...orderBy, { field: '_id', direction: orderBy[orderBy.length - 1]?.direction ?? 'asc' } as SortKey]
  const all = [...values, id]
  const alternatives: string[] = []
  for (let i = 0; i < keys.length; i++) {
    const terms: string[] = []
    for (let j = 0; j < i; j++) {
      params.push(all[j])
      terms.push(`${fieldExpr(keys[j].field)} = ?`)
    }
    params.push(all[i])
    terms.push(`${fieldExpr(keys[i].field)} ${keys[i].direction === 'asc' ? '>' : '<'} ?`)
    alternatives.push(`(${terms.join(' AND ')})`)
  }
  params.push(all[0])
  return `(${alternatives.join(' OR ')}) AND ${fieldExpr(keys[0].field)} ${keys[0].direction === 'asc' ? '>=' : '<='} ?`
}

function parseDoc(id: string, json: string): StoredDocument {
  return { ...(JSON.parse(json) as Record<string, unknown>), _id: id }
}

function serialise(doc: Record<string, unknown>): string {
  const { _id: _ignored, ...rest } = doc
  return JSON.stringify(rest)
}

function newId(): string {
  return randomBytes(12).toString('hex')
}

class SqliteDocumentStore implements SqliteStore {
  constructor(readonly db: Database.Database) {}

  close(): void {
    this.db.close()
  }

  async get<T extends StoredDocument>(collection: string, id: string): Promise<T | null> {
    const row = this.db.prepare(`SELECT id, doc FROM ${table(collection)} WHERE id = ?`).get(id) as
      { id: string; doc: string } | undefined
    return row ? (parseDoc(row.id, row.doc) as T) : null
  }

  async insert(collection: string, doc: Record<string, unknown> & { _id?: string }): Promise<string> {
    const id = doc._id ?? newId()
    try {
      this.db.prepare(`INSERT INTO ${table(collection)} (id, doc) VALUES (?, ?)`).run(id, serialise(doc))
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new AppError(ErrorCode.Conflict, '记录已存在')
      }
      throw error
    }
    return id
  }

  async update(
    collection: string,
    id: string,
    patch: Record<string, unknown>,
    precondition?: Filter,
  ): Promise<boolean> {
    const { _id: _ignored, ...fields } = patch
    const params: SqlValue[] = [JSON.stringify(fields), id]
    const conditions = ['id = ?', ...whereClause(precondition, params)]
    // json_patch would drop fields set to null (RFC 7396), so merge in JS inside one transaction.
    const select = this.db.prepare(`SELECT doc FROM ${table(collection)} WHERE ${conditions.join(' AND ')}`)
    const write = this.db.prepare(`UPDATE ${table(collection)} SET doc = ? WHERE id = ?`)
    return this.db.transaction(() => {
      const row = select.get(...params.slice(1)) as { doc: string } | undefined
      if (!row) return false
      write.run(JSON.stringify({ ...(JSON.parse(row.doc) as object), ...fields }), id)
      return true
    })()
  }

  async delete(collection: string, id: string): Promise<boolean> {
    return this.db.prepare(`DELETE FROM ${table(collection)} WHERE id = ?`).run(id).changes > 0
  }

  async count(collection: string, where?: Filter): Promise<number> {
    const params: SqlValue[] = []
    const conditions = whereClause(where, params)
    const sql = `SELECT COUNT(*) AS n FROM ${table(collection)}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`
    return (this.db.prepare(sql).get(...params) as { n: number }).n
  }

  async find<T extends StoredDocument>(collection: string, query: FindQuery): Promise<FindResult<T>> {
    const { sql, params } = this.findSql(collection, query)
    const rows = this.db.prepare(sql).all(...params) as Array<{ id: string; doc: string }>
    const docs = rows.map((r) => parseDoc(r.id, r.doc) as T)
    const hasMore = docs.length > query.limit
    const items = hasMore ? docs.slice(0, query.limit) : docs
    return { items, nextCursor: hasMore ? cursorFor(items[items.length - 1], query.orderBy) : null }
  }

  findSql(collection: string, query: FindQuery): { sql: string; params: SqlValue[] } {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 1000) {
      throw new AppError(ErrorCode.InvalidInput, '每页条数不正确', 'pageSize')
    }
    const params: SqlValue[] = []
    const conditions = whereClause(query.where, params)
    if (query.after) {
      const position = decodeCursor(query.after, query.orderBy.length)
      if (!position) throw new AppError(ErrorCode.InvalidInput, '分页游标无效，请刷新后重试', 'cursor')
      conditions.push(afterClause(query.orderBy, position.values.map(toSql), position.id, params))
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
}
