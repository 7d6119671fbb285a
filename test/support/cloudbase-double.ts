/**
 * A wire-level stand-in for CloudBase's database service, for tests that run the real
 * `@cloudbase/node-sdk` against it (init option `serviceUrl`). It answers the requests the SDK really
 * sends (read from node-sdk 3.18.3 / @cloudbase/database 1.4.3):
 *
 *   POST <serviceUrl>?env=<env>&seqId=…   JSON body { action, collectionName, envName, …, query?, data?, order? }
 *   `query`, `order`, `data` (and each element of insert's `data` array) are canonical Extended JSON strings.
 *
 * and replies in the shapes the SDK parses: `{ requestId, data: {…} }` on success, `{ requestId, code,
 * message }` on failure (HTTP 200 either way: the SDK only reads `code` from a 200 body and turns any
 * other status into an error that loses the code).
 *
 * It evaluates the subset of MongoDB query language the SDK produces for equality, $in, $all, ranges and
 * $and/$or/$nor, with Mongo's type bracketing and BSON sort order, so driver bugs show up as wrong
 * results rather than being papered over. Anything it does not implement is answered with an error code,
 * never silently ignored.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { startLoopback } from './loopback-double'

export interface CloudbaseDouble {
  /** Pass as the SDK's `serviceUrl`. */
  url: string
  close(): Promise<void>
  /** Every request received, in order, with its parsed JSON body. */
  requests: Array<{ action: string; body: unknown }>
  /** The next request is answered with this error code instead of being served. */
  failNext(code: string, message?: string): void
}

/** The code CloudBase answers a write that collides on a unique index, `_id` included. */
export const DUPLICATE_WRITE = 'DATABASE_DUPLICATE_WRITE'

const MAX_LIMIT = 1000
const DEFAULT_LIMIT = 100

type Value = null | boolean | number | string | Date | Value[] | { [key: string]: Value }
type Doc = { [key: string]: Value }

class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const invalid = (message: string) => new ServiceError('INVALID_PARAM', message)
const unsupported = (what: string) =>
  new ServiceError('DATABASE_INVALID_OPERRATOR', `${what} is not supported by the test double`)

export async function startCloudbaseDouble(): Promise<CloudbaseDouble> {
  const collections = new Map<string, Map<string, Doc>>()
  const requests: CloudbaseDouble['requests'] = []
  let injected: { code: string; message: string } | null = null

  const collection = (name: unknown): Map<string, Doc> => {
    if (typeof name !== 'string' || name === '') throw invalid('collectionName is required')
    let docs = collections.get(name)
    if (!docs) {
      docs = new Map()
      collections.set(name, docs)
    }
    return docs
  }

  const handlers: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
    'database.insertDocument': (body) => {
      const docs = collection(body.collectionName)
      if (!Array.isArray(body.data)) throw invalid('data must be an array of EJSON strings')
      const incoming = body.data.map((item) => {
        const doc = asDoc(parseEjson(item, 'data'))
        if (doc._id === undefined) doc._id = randomBytes(16).toString('hex')
        if (typeof doc._id !== 'string') throw unsupported('a non-string _id')
        return doc as Doc & { _id: string }
      })
      // All or nothing, so a failed batch never leaves half its documents behind.
      const seen = new Set<string>()
      for (const doc of incoming) {
        if (docs.has(doc._id) || seen.has(doc._id)) {
          throw new ServiceError(
            DUPLICATE_WRITE,
            `E11000 duplicate key error collection: ${String(body.collectionName)} index: _id_ dup key: { _id: "${doc._id}" }`,
          )
        }
        seen.add(doc._id)
      }
      for (const doc of incoming) docs.set(doc._id, clone(doc))
      return { insertedIds: incoming.map((d) => d._id) }
    },

    'database.getDocument': (body) => {
      rejectTransaction(body)
      if (body.projection !== undefined) throw unsupported('projection')
      const docs = collection(body.collectionName)
      let list = [...docs.values()].filter(matcher(body.query))
      if (body.order !== undefined) list = sortDocs(list, parseOrder(body.order))
      const offset = optionalInteger(body.offset, 'offset') ?? 0
      const limit = Math.min(optionalInteger(body.limit, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT)
      list = list.slice(offset, offset + limit)
      return { list: list.map((doc) => JSON.stringify(toEjson(doc))) }
    },

    'database.calculateDocument': (body) => {
      rejectTransaction(body)
      const docs = collection(body.collectionName)
      return { total: [...docs.values()].filter(matcher(body.query)).length }
    },

    'database.modifyDocument': (body) => {
      rejectTransaction(body)
      const docs = collection(body.collectionName)
      const update = asDoc(parseEjson(body.data, 'data'))
      const operators = Object.keys(update).filter((k) => k.startsWith('$'))
      if (operators.length > 0 && operators.length !== Object.keys(update).length) {
        throw invalid('update mixes operators and plain fields')
      }
      if (body.merge !== false && operators.length === 0) throw invalid('merge update needs operators')
      const matching = [...docs.values()].filter(matcher(body.query))
      const targets = body.multi === true ? matching : matching.slice(0, 1)
      let updated = 0
      for (const doc of targets) {
        const next = operators.length ? applyOperators(doc, update) : { ...clone(update), _id: doc._id }
        if (next._id !== doc._id) throw invalid('_id cannot be changed')
        // Like MongoDB's nModified: a document the update leaves as it was is not counted.
        if (!sameValue(next, doc)) {
          docs.set(String(doc._id), next)
          updated += 1
        }
      }
      if (targets.length === 0 && body.upsert === true) {
        const seed = asDoc(parseEjson(body.query ?? '{}', 'query'))
        const id = typeof seed._id === 'string' ? seed._id : randomBytes(16).toString('hex')
        const base: Doc = { _id: id }
        const created = operators.length ? applyOperators(base, update) : { ...clone(update), _id: id }
        docs.set(id, created)
        return { updated: 0, upsert_id: id }
      }
      return { updated }
    },

    'database.removeDocument': (body) => {
      rejectTransaction(body)
      const docs = collection(body.collectionName)
      const matching = [...docs.values()].filter(matcher(body.query))
      const targets = body.multi === true ? matching : matching.slice(0, 1)
      for (const doc of targets) docs.delete(String(doc._id))
      return { deleted: targets.length }
    },
  }

  const serve = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const requestId = randomBytes(8).toString('hex')
    const reply = (payload: Record<string, unknown>) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify({ requestId, ...payload }))
    }
    let body: unknown
    try {
      body = JSON.parse(raw)
    } catch {
      reply({ code: 'INVALID_PARAM', message: 'body is not JSON' })
      return
    }
    const action = isRecord(body) && typeof body.action === 'string' ? body.action : ''
    requests.push({ action, body })
    if (injected) {
      const failure = injected
      injected = null
      reply(failure)
      return
    }
    try {
      if (!isRecord(body)) throw invalid('body must be an object')
      const env = new URL(req.url ?? '/', 'http://double').searchParams.get('env')
      if (!env) throw invalid('env is required in the query string')
      if (!req.headers.authorization) throw new ServiceError('SIGN_PARAM_INVALID', 'request is not signed')
      const handler = handlers[action]
      if (!handler) throw new ServiceError('INVALID_ACTION', `action "${action}" is not served by the test double`)
      reply({ data: handler(body) })
    } catch (error) {
      if (error instanceof ServiceError) reply({ code: error.code, message: error.message })
      else reply({ code: 'SYS_ERR', message: error instanceof Error ? error.message : String(error) })
    }
  }

  const server = await startLoopback((req, res, body) => {
    if (req.method !== 'POST') res.writeHead(405).end()
    else serve(req, res, body.toString('utf8'))
  })

  return {
    url: `${server.origin}/admin`,
    requests,
    failNext(code, message = 'injected failure') {
      injected = { code, message }
    },
    close: server.close,
  }
}

function rejectTransaction(body: Record<string, unknown>): void {
  if (body.transactionId !== undefined) throw unsupported('transactions')
}

function optionalInteger(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalid(`${name} must be an integer`)
  return value
}

// ---------------------------------------------------------------------------------------------------
// Extended JSON (canonical, as bson's EJSON.stringify(…, { relaxed: false }) writes it)

const NUMBER_WRAPPERS = new Set(['$numberInt', '$numberLong', '$numberDouble'])

function parseEjson(text: unknown, name: string): Value {
  if (typeof text !== 'string') throw invalid(`${name} must be an Extended JSON string`)
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw invalid(`${name} is not valid JSON`)
  }
  return fromEjson(raw)
}

function fromEjson(raw: unknown): Value {
  if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') return raw
  if (typeof raw === 'number') return raw
  if (Array.isArray(raw)) return raw.map(fromEjson)
  if (!isRecord(raw)) throw invalid('unexpected JSON value')
  const keys = Object.keys(raw)
  if (keys.length === 1 && NUMBER_WRAPPERS.has(keys[0])) {
    const text = raw[keys[0]]
    if (typeof text !== 'string') throw invalid(`${keys[0]} must hold a string`)
    const n = Number(text)
    if (Number.isNaN(n) && text !== 'NaN') throw invalid(`bad ${keys[0]} "${text}"`)
    return n
  }
  if (keys.length === 1 && keys[0] === '$date') {
    const inner = raw.$date
    if (isRecord(inner) && typeof inner.$numberLong === 'string') return new Date(Number(inner.$numberLong))
    if (typeof inner === 'string') return new Date(inner)
    throw invalid('bad $date')
  }
  // Query operators ($in, $gt, $and…) are ordinary keys here; only type wrappers are unknown.
  if (
    keys.length === 1 &&
    /^\$(oid|numberDecimal|binary|regularExpression|timestamp|symbol|code|minKey|maxKey|dbPointer|undefined)$/.test(
      keys[0],
    )
  ) {
    throw unsupported(`Extended JSON type ${keys[0]}`)
  }
  const out: Doc = {}
  for (const key of keys) out[key] = fromEjson(raw[key])
  return out
}

function toEjson(value: Value): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= -2147483648 && value <= 2147483647) return { $numberInt: String(value) }
    if (Number.isSafeInteger(value)) return { $numberLong: String(value) }
    // String() already writes Infinity, -Infinity and NaN the way EJSON spells them.
    return { $numberDouble: String(value) }
  }
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } }
  if (Array.isArray(value)) return value.map(toEjson)
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) out[key] = toEjson(v)
  return out
}

// ---------------------------------------------------------------------------------------------------
// Query evaluation (MongoDB semantics for the operators the SDK emits)

function matcher(query: unknown): (doc: Doc) => boolean {
  if (query === undefined) return () => true
  const parsed = asDoc(parseEjson(query, 'query'))
  return (doc) => matches(doc, parsed)
}

function matches(doc: Doc, query: Doc): boolean {
  return Object.entries(query).every(([key, condition]) => {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(condition) || condition.length === 0) throw invalid(`${key} needs a non-empty array`)
      const results = condition.map((sub) => matches(doc, asDoc(sub)))
      if (key === '$and') return results.every(Boolean)
      if (key === '$or') return results.some(Boolean)
      return !results.some(Boolean)
    }
    if (key.startsWith('$')) throw unsupported(`top-level operator ${key}`)
    return fieldMatches(lookup(doc, key), condition)
  })
}

function isOperatorObject(value: Value): value is Doc {
  if (!isPlainDoc(value)) return false
  const keys = Object.keys(value)
  return keys.length > 0 && keys.every((k) => k.startsWith('$'))
}

function fieldMatches(actual: Value | undefined, condition: Value): boolean {
  if (!isOperatorObject(condition)) return equals(actual, condition)
  return Object.entries(condition).every(([op, operand]) => {
    switch (op) {
      case '$eq':
        return equals(actual, operand)
      case '$ne':
        return !equals(actual, operand)
      case '$in':
      case '$nin': {
        if (!Array.isArray(operand)) throw invalid(`${op} needs an array`)
        const found = operand.some((candidate) => equals(actual, candidate))
        return op === '$in' ? found : !found
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        return compares(actual, op, operand)
      case '$all': {
        // An array holding every operand (a scalar field counts as a one-element array); `[]` matches nothing.
        if (!Array.isArray(operand)) throw invalid('$all needs an array')
        return operand.length > 0 && operand.every((candidate) => equals(actual, candidate))
      }
      case '$exists':
        return (actual !== undefined) === Boolean(operand)
      case '$not':
        return !fieldMatches(actual, operand)
      default:
        throw unsupported(`operator ${op}`)
    }
  })
}

/** `{ f: x }` / `$eq`: null also matches a missing field; a scalar also matches an array holding it. */
function equals(actual: Value | undefined, expected: Value): boolean {
  if (expected === null) return actual === undefined || actual === null
  if (actual === undefined) return false
  if (Array.isArray(actual) && !Array.isArray(expected)) return actual.some((item) => sameValue(item, expected))
  return sameValue(actual, expected)
}

/** Range operators only compare values of the same BSON type class (type bracketing). */
function compares(actual: Value | undefined, op: string, bound: Value): boolean {
  if (Array.isArray(actual)) return actual.some((item) => compares(item, op, bound))
  const value = actual === undefined ? null : actual
  if (typeRank(value) !== typeRank(bound)) return false
  const c = compareValues(value, bound)
  if (op === '$gt') return c > 0
  if (op === '$gte') return c >= 0
  if (op === '$lt') return c < 0
  return c <= 0
}

function lookup(doc: Doc, path: string): Value | undefined {
  let current: Value | undefined = doc
  for (const part of path.split('.')) {
    if (!isPlainDoc(current)) return undefined
    current = current[part]
  }
  return current
}

// ---------------------------------------------------------------------------------------------------
// Sorting (BSON comparison order: null < numbers < strings < objects < arrays < booleans < dates)

function parseOrder(order: unknown): Array<[string, 1 | -1]> {
  const parsed = asDoc(parseEjson(order, 'order'))
  return Object.entries(parsed).map(([field, direction]) => {
    if (direction !== 1 && direction !== -1) throw invalid(`order direction for ${field} must be 1 or -1`)
    return [field, direction]
  })
}

function sortDocs(docs: Doc[], order: Array<[string, 1 | -1]>): Doc[] {
  return [...docs].sort((a, b) => {
    for (const [field, direction] of order) {
      const c = compareValues(lookup(a, field) ?? null, lookup(b, field) ?? null)
      if (c !== 0) return c * direction
    }
    return 0
  })
}

function typeRank(value: Value): number {
  if (value === null) return 1
  if (typeof value === 'number') return 2
  if (typeof value === 'string') return 3
  if (value instanceof Date) return 9
  if (Array.isArray(value)) return 5
  if (typeof value === 'boolean') return 8
  return 4
}

function compareValues(a: Value, b: Value): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1
  // MongoDB's default (simple) collation compares the UTF-8 bytes.
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b))
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime()
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i], b[i])
      if (c !== 0) return c
    }
    return a.length - b.length
  }
  if (isPlainDoc(a) && isPlainDoc(b)) {
    // Not BSON's field-by-field order, but consistent; no driver sorts on an embedded document.
    const ja = JSON.stringify(toEjson(a))
    const jb = JSON.stringify(toEjson(b))
    return ja === jb ? 0 : ja < jb ? -1 : 1
  }
  return 0
}

// ---------------------------------------------------------------------------------------------------
// Updates

function applyOperators(doc: Doc, update: Doc): Doc {
  const next = clone(doc)
  for (const [op, fields] of Object.entries(update)) {
    const assignments = asDoc(fields)
    for (const [path, value] of Object.entries(assignments)) {
      if (path === '_id') throw invalid('_id cannot be changed')
      switch (op) {
        case '$set':
          setPath(next, path, clone(value))
          break
        case '$unset':
          unsetPath(next, path)
          break
        case '$inc': {
          const current = lookup(next, path) ?? 0
          if (typeof current !== 'number' || typeof value !== 'number') throw invalid(`$inc on non-number ${path}`)
          setPath(next, path, current + value)
          break
        }
        default:
          throw unsupported(`update operator ${op}`)
      }
    }
  }
  return next
}

function setPath(doc: Doc, path: string, value: Value): void {
  const parts = path.split('.')
  let target = doc
  for (const part of parts.slice(0, -1)) {
    const child = target[part]
    if (child === undefined) target[part] = {}
    else if (!isPlainDoc(child)) throw invalid(`cannot create field inside non-object at ${path}`)
    target = target[part] as Doc
  }
  target[parts[parts.length - 1]] = value
}

function unsetPath(doc: Doc, path: string): void {
  const parts = path.split('.')
  const holder = parts.length === 1 ? doc : lookup(doc, parts.slice(0, -1).join('.'))
  if (isPlainDoc(holder)) delete holder[parts[parts.length - 1]]
}

// ---------------------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isPlainDoc(value: Value | undefined): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

function asDoc(value: Value): Doc {
  if (!isPlainDoc(value)) throw invalid('expected an object')
  return value
}

function clone<T extends Value>(value: T): T {
  return structuredClone(value)
}

function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  if (typeRank(a) !== typeRank(b)) return false
  if (isPlainDoc(a) && isPlainDoc(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return ka.length === kb.length && ka.every((k) => k in b && sameValue(a[k], b[k]))
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
  return compareValues(a, b) === 0
}
