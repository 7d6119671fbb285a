import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'
import tcb from '@cloudbase/node-sdk'
import { Collections } from '@shared/collections'
import { AppError } from '@shared/core/app-error'
import { createCloudbaseStore, initCloudbaseApp, type CloudbaseApp } from '@shared/drivers/cloudbase/cloudbase-store'
import type { DocumentStore, FindResult, SortKey, StoredDocument } from '@shared/ports/document-store'
import { startCloudbaseDouble, type CloudbaseDouble } from '../../support/cloudbase-double'
import { describeDocumentStoreContract } from '../ports/document-store.contract'

// Outside Tencent Cloud the SDK asks metadata.tencentyun.com whether it is on Tencent Cloud, at init and
// on every request; declaring the SCF runtime stops that. Region and namespace are what SCF always
// sets (the SDK logs errors without them). Jest gives each test file its own copy of process.env.
process.env.TENCENTCLOUD_RUNENV = 'SCF'
process.env.TENCENTCLOUD_REGION = 'ap-shanghai'
process.env.SCF_NAMESPACE = 'test-env'
// The SDK's 3-second slow-request warning timer is only cleared on success; a deliberately failed
// request would otherwise log after the test has finished.
process.env.SILENCE = 'true'

const SECRET_ID = 'test-id'
const SECRET_KEY = 'test-key'
const LISTINGS = Collections.listings

// Every HTTP request any code in this file makes, so the last test can prove none left loopback.
const outboundHosts: string[] = []
const recordRequest = (message: unknown) => {
  outboundHosts.push((message as { request: ClientRequest }).request.host)
}
subscribe('http.client.request.start', recordRequest)
afterAll(() => unsubscribe('http.client.request.start', recordRequest))

async function openStore(): Promise<{ double: CloudbaseDouble; app: CloudbaseApp; store: DocumentStore }> {
  const double = await startCloudbaseDouble()
  // Dummy keys are required: without any the SDK rejects a promise nobody awaits and Node exits.
  const app = tcb.init({ env: 'test-env', secretId: SECRET_ID, secretKey: SECRET_KEY, serviceUrl: double.url })
  return { double, app, store: createCloudbaseStore(app) }
}

describeDocumentStoreContract('cloudbase (real @cloudbase/node-sdk over HTTP to a wire-level double)', async () => {
  const { double, store } = await openStore()
  return { store, dispose: () => double.close() }
})

describe('CloudBase driver on the wire', () => {
  let double: CloudbaseDouble
  let app: CloudbaseApp
  let store: DocumentStore

  beforeEach(async () => {
    ;({ double, app, store } = await openStore())
  })

  afterEach(async () => {
    await double.close()
  })

  const body = (i: number): Record<string, unknown> => double.requests[i].body as Record<string, unknown>
  const ejson = (i: number, key: string): unknown => JSON.parse(body(i)[key] as string)

  it('every port method travels through the real SDK as the matching database action, signed, with EJSON payloads', async () => {
    await store.insert(LISTINGS, { _id: 'w1', title: '中文', n: 7, publishedAt: 1730000000000 })
    await store.get(LISTINGS, 'w1')
    await store.update(LISTINGS, 'w1', { contact: { name: '李四' } }, { n: { gte: 5 } })
    await store.count(LISTINGS, { n: { in: [7, 8] } })
    await store.find(LISTINGS, {
      where: { title: '中文' },
      orderBy: [{ field: 'publishedAt', direction: 'desc' }],
      limit: 2,
    })
    await store.delete(LISTINGS, 'w1')

    expect(double.requests.map((r) => r.action)).toEqual([
      'database.insertDocument',
      'database.getDocument',
      'database.modifyDocument',
      'database.calculateDocument',
      'database.getDocument',
      'database.removeDocument',
    ])
    for (let i = 0; i < double.requests.length; i++) {
      expect(body(i)).toMatchObject({ collectionName: 'listings', envName: 'test-env' })
    }

    const inserted = body(0).data as string[]
    expect(inserted.map((d) => JSON.parse(d))).toEqual([
      { _id: 'w1', title: '中文', n: { $numberInt: '7' }, publishedAt: { $numberLong: '1730000000000' } },
    ])
    expect(body(1)).toMatchObject({ queryType: 'DOC', multi: false })
    expect(ejson(1, 'query')).toEqual({ _id: 'w1' })

    // The whole object is $set, so the stored contact is replaced rather than merged.
    expect(ejson(2, 'data')).toEqual({ $set: { contact: { name: '李四' } } })
    expect(ejson(2, 'query')).toEqual({ _id: 'w1', n: { $gte: { $numberInt: '5' } } })
    expect(ejson(3, 'query')).toEqual({ n: { $in: [{ $numberInt: '7' }, { $numberInt: '8' }] } })

    // limit + 1, and _id as the tie-breaker in the direction of the last key.
    expect(body(4).limit).toBe(3)
    expect(ejson(4, 'order')).toEqual({ publishedAt: { $numberInt: '-1' }, _id: { $numberInt: '-1' } })
    expect(ejson(5, 'query')).toEqual({ _id: 'w1' })
  })

  it('a later page asks for the keyset after the cursor: an OR of sort-key prefixes ending in _id', async () => {
    for (const [id, publishedAt] of [
      ['a', 3],
      ['b', 2],
      ['c', 2],
      ['d', 1],
    ] as const) {
      await store.insert(LISTINGS, { _id: id, status: 'open', publishedAt })
    }
    const orderBy: SortKey[] = [{ field: 'publishedAt', direction: 'desc' }]
    const first = await store.find(LISTINGS, { where: { status: 'open' }, orderBy, limit: 2 })
    await store.find(LISTINGS, { where: { status: 'open' }, orderBy, limit: 2, after: first.nextCursor })

    const last = double.requests.length - 1
    expect(ejson(last, 'query')).toEqual({
      $and: [
        { status: 'open' },
        {
          $or: [
            { $or: [{ publishedAt: { $lt: { $numberInt: '2' } } }, { publishedAt: null }] },
            // Page one ended on c (ties on 2 run c, b in descending _id order).
            { $and: [{ publishedAt: { $numberInt: '2' } }, { _id: { $lt: 'c' } }] },
          ],
        },
      ],
    })
  })

  it('when an update changes nothing, the driver takes a second look before answering', async () => {
    await store.insert(LISTINGS, { _id: 'same', title: '不变' })
    double.requests.length = 0

    expect(await store.update(LISTINGS, 'same', { title: '不变' })).toBe(true)
    expect(await store.update(LISTINGS, 'missing', { title: '不变' })).toBe(false)

    expect(double.requests.map((r) => r.action)).toEqual([
      'database.modifyDocument',
      'database.calculateDocument',
      'database.modifyDocument',
      'database.calculateDocument',
    ])
  })

  it('a taken _id is answered with DATABASE_DUPLICATE_WRITE, which callers receive as CONFLICT', async () => {
    const raw = app.database().collection(LISTINGS)
    await raw.add({ _id: 'dup', v: 1 })

    await expect(raw.add({ _id: 'dup', v: 2 })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    await expect(store.insert(LISTINGS, { _id: 'dup', v: 3 })).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('the duplicate as wx-server-sdk reports it (DATABASE_REQUEST_FAILED carrying E11000) is a CONFLICT too', async () => {
    double.failNext('DATABASE_REQUEST_FAILED', 'E11000 duplicate key error collection: listings index: _id_ dup key')

    await expect(store.insert(LISTINGS, { _id: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('any other service failure is an Error naming the operation, collection and code, without credentials', async () => {
    double.failNext('DATABASE_TIMEOUT', 'operation exceeded time limit')

    const error: unknown = await store.count(LISTINGS, { status: 'open' }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(AppError)
    const message = (error as Error).message
    expect(message).toContain('count')
    expect(message).toContain('"listings"')
    expect(message).toContain('DATABASE_TIMEOUT')
    expect(message).toContain('operation exceeded time limit')
    expect(message).not.toContain(SECRET_ID)
    expect(message).not.toContain(SECRET_KEY)
  })

  it('when the service cannot be reached, the failure names the operation and carries no credentials', async () => {
    await double.close()

    const error: unknown = await store.get(LISTINGS, 'any').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/^CloudBase get on "listings" failed/)
    expect((error as Error).message).not.toContain(SECRET_KEY)
    double = await startCloudbaseDouble()
  })

  it('an action the double does not serve is answered with a code, so the SDK throws instead of guessing', async () => {
    await expect(app.database().createCollection('anything')).rejects.toMatchObject({ code: 'INVALID_ACTION' })
    expect(double.requests.map((r) => r.action)).toEqual(['database.addCollection'])
  })

  it('an undeclared collection is a programming error, refused before any request', async () => {
    await expect(store.get('not_declared', 'x')).rejects.toThrow('Unknown collection "not_declared"')
    expect(double.requests).toEqual([])
  })

  it('documents missing the sort field sort first ascending and last descending, and paging still visits each once', async () => {
    const docs: StoredDocument[] = [
      { _id: 'n1', rank: 2 },
      { _id: 'n2' },
      { _id: 'n3', rank: 1 },
      { _id: 'n4', rank: null },
      { _id: 'n5', rank: 2 },
      { _id: 'n6' },
    ]
    for (const doc of docs) await store.insert(LISTINGS, doc)

    const walk = async (direction: 'asc' | 'desc', limit: number): Promise<string[]> => {
      const seen: string[] = []
      let after: string | null = null
      do {
        const page: FindResult<StoredDocument> = await store.find(LISTINGS, {
          orderBy: [{ field: 'rank', direction }],
          limit,
          after,
        })
        seen.push(...page.items.map((d) => d._id))
        after = page.nextCursor
      } while (after !== null)
      return seen
    }

    for (const limit of [1, 2, 4]) {
      expect(await walk('asc', limit)).toEqual(['n2', 'n4', 'n6', 'n3', 'n1', 'n5'])
      expect(await walk('desc', limit)).toEqual(['n5', 'n1', 'n3', 'n6', 'n4', 'n2'])
    }
  })

  it('a page of 1000, the most CloudBase returns at once, still knows whether another page follows', async () => {
    const raw = app.database().collection(LISTINGS)
    await raw.add(Array.from({ length: 1001 }, (_, i) => ({ _id: `bulk-${String(i).padStart(4, '0')}`, i })))
    const orderBy: SortKey[] = [{ field: 'i', direction: 'asc' }]

    const first = await store.find(LISTINGS, { orderBy, limit: 1000 })
    const second = await store.find(LISTINGS, { orderBy, limit: 1000, after: first.nextCursor })

    expect(first.items).toHaveLength(1000)
    expect(first.nextCursor).not.toBeNull()
    expect(second.items.map((d) => d._id)).toEqual(['bulk-1000'])
    expect(second.nextCursor).toBeNull()

    await store.delete(LISTINGS, 'bulk-1000')
    expect((await store.find(LISTINGS, { orderBy, limit: 1000 })).nextCursor).toBeNull()
  })

  it('initCloudbaseApp names no environment: requests go to the one the function runs in', async () => {
    const saved = { ...process.env }
    // What the SCF runtime provides to a deployed function.
    process.env.SCF_NAMESPACE = 'function-env'
    process.env.TENCENTCLOUD_SECRETID = SECRET_ID
    process.env.TENCENTCLOUD_SECRETKEY = SECRET_KEY
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: double.url })
    try {
      const deployed = createCloudbaseStore(initCloudbaseApp())
      expect(await deployed.count(LISTINGS)).toBe(0)
    } finally {
      process.env = saved
    }

    expect(double.requests).toHaveLength(1)
    expect(body(0)).toMatchObject({ action: 'database.calculateDocument', envName: 'function-env' })
  })

  it('no request made anywhere in this file left the loopback interface', () => {
    expect(outboundHosts.length).toBeGreaterThan(100)
    expect([...new Set(outboundHosts)]).toEqual(['127.0.0.1'])
  })
})
