/**
 * The DocumentStore contract: what every driver must do, told as stories. Each driver's test file calls
 * `describeDocumentStoreContract` with a factory for a fresh, empty store; the same stories then run
 * against SQLite and against CloudBase (real SDK, wire-level double).
 *
 * Semantics fixed here (the port's comments are the summary, these tests are the definition):
 * - Documents come back as stored: `_id` plus the caller's fields, nothing a driver keeps for itself.
 * - Equality is on top-level fields; `null` matches a field that is null or absent; `in: []` matches
 *   nothing; range bounds compare numbers with numbers and strings with strings (binary order).
 * - `update` sets whole top-level fields (an object value replaces the stored object), and answers
 *   "did a document with this id match the precondition", not "did bytes change".
 * - `find` orders by the given keys and then `_id` in the direction of the last key. A page is followed
 *   by another exactly when more documents match (`nextCursor` is null on the last page, also when that
 *   page is exactly full), and walking the cursors visits every match once.
 * - Out of scope (undefined behaviour): sorting on fields missing from some documents or holding
 *   values of mixed types; comparing across types.
 */
import { AppError } from '@shared/core/app-error'
import { Collections } from '@shared/collections'
import {
  deleteAll,
  eachBatch,
  encodeCursor,
  type DocumentStore,
  type FindQuery,
  type FindResult,
  type SortKey,
  type StoredDocument,
} from '@shared/ports/document-store'

export type DocumentStoreFactory = () => Promise<{ store: DocumentStore; dispose: () => Promise<void> }>

const LISTINGS = Collections.listings
const CATEGORIES = Collections.categories

type Doc = StoredDocument

/** Ten listings with deliberate ties on publishedAt, mixed categories and cities, and a sparse `note`. */
function feed(): Doc[] {
  const rows: Array<[string, string, string, string, number, number, boolean]> = [
    ['f01', 'open', 'tech', '北京', 1000, 50, true],
    ['f02', 'open', 'energy', '上海', 2000, 120, false],
    ['f03', 'closed', 'tech', '深圳', 2000, 80, false],
    ['f04', 'open', 'design', '北京', 2000, 200, true],
    ['f05', 'open', 'tech', '上海', 3000, 30, false],
    ['f06', 'closed', 'energy', '北京', 3000, 150, false],
    ['f07', 'open', 'energy', '深圳', 4000, 90, true],
    ['f08', 'open', 'tech', '北京', 5000, 60, false],
    ['f09', 'open', 'design', '上海', 5000, 75, false],
    ['f10', 'closed', 'tech', '北京', 5000, 10, false],
  ]
  return rows.map(([_id, status, category, city, publishedAt, price, featured]) => {
    const doc: Doc = {
      _id,
      title: `合作需求 ${_id}`,
      status,
      category,
      city,
      publishedAt,
      day: `2024-03-0${publishedAt / 1000}`,
      price,
      featured,
    }
    if (_id === 'f01') doc.note = null
    if (_id === 'f02') doc.note = '已联系'
    return doc
  })
}

/** The order the contract promises, computed independently of any driver. */
function referenceOrder(docs: Doc[], orderBy: SortKey[]): string[] {
  const tieDirection = orderBy[orderBy.length - 1]?.direction ?? 'asc'
  const keys: SortKey[] = [...orderBy, { field: '_id', direction: tieDirection }]
  const compare = (a: unknown, b: unknown): number => {
    if (typeof a === 'number' && typeof b === 'number') return a - b
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
    throw new Error('the contract only sorts numbers with numbers and strings with strings')
  }
  return [...docs]
    .sort((x, y) => {
      for (const key of keys) {
        const c = compare(x[key.field], y[key.field])
        if (c !== 0) return key.direction === 'asc' ? c : -c
      }
      return 0
    })
    .map((d) => d._id)
}

async function expectAppError(promise: Promise<unknown>, code: string, field?: string): Promise<void> {
  const error: unknown = await promise.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe(code)
  if (field !== undefined) expect((error as AppError).field).toBe(field)
}

export function describeDocumentStoreContract(driverName: string, makeStore: DocumentStoreFactory): void {
  describe(`DocumentStore contract: ${driverName}`, () => {
    let store: DocumentStore
    let dispose: (() => Promise<void>) | undefined

    beforeEach(async () => {
      const made = await makeStore()
      store = made.store
      dispose = made.dispose
    })

    afterEach(async () => {
      await dispose?.()
      dispose = undefined
    })

    async function seed(collection: string, docs: Doc[]): Promise<void> {
      for (const doc of docs) await store.insert(collection, doc)
    }

    async function ids(query: FindQuery, collection: string = LISTINGS): Promise<string[]> {
      const page = await store.find(collection, query)
      return page.items.map((d) => d._id)
    }

    /** Follows nextCursor to the end, checking the paging invariants on the way. */
    async function walk(query: Omit<FindQuery, 'after' | 'limit'>, pageSize: number): Promise<string[][]> {
      const pages: string[][] = []
      let after: string | null = null
      for (;;) {
        const page: FindResult<Doc> = await store.find(LISTINGS, { ...query, limit: pageSize, after })
        pages.push(page.items.map((d) => d._id))
        expect(page.items.length).toBeLessThanOrEqual(pageSize)
        if (page.nextCursor === null) break
        // A page with a successor is always full: the driver knows there is more, it does not guess.
        expect(page.items).toHaveLength(pageSize)
        expect(pages.length).toBeLessThan(100)
        after = page.nextCursor
      }
      return pages
    }

    describe('inserting and reading', () => {
      it('when a document is inserted without an _id, the store picks a fresh string id and the document reads back under it', async () => {
        const id = await store.insert(LISTINGS, { title: '寻找储能项目合作方', status: 'open' })

        expect(typeof id).toBe('string')
        expect(id).not.toBe('')
        expect(await store.get(LISTINGS, id)).toEqual({ _id: id, title: '寻找储能项目合作方', status: 'open' })
      })

      it('when many documents are inserted without ids, every id is different', async () => {
        const created: string[] = []
        for (let i = 0; i < 20; i++) created.push(await store.insert(LISTINGS, { n: i }))

        expect(new Set(created).size).toBe(20)
        expect(await store.count(LISTINGS)).toBe(20)
      })

      it('when a document is inserted with its own _id, that id is kept', async () => {
        const id = await store.insert(LISTINGS, { _id: 'listing-1', title: '光伏' })

        expect(id).toBe('listing-1')
        expect(await store.get(LISTINGS, 'listing-1')).toEqual({ _id: 'listing-1', title: '光伏' })
      })

      it('when the _id is already taken, the insert is refused with CONFLICT and the stored document is untouched', async () => {
        await store.insert(LISTINGS, { _id: 'taken', title: '先来的' })

        await expectAppError(store.insert(LISTINGS, { _id: 'taken', title: '后到的' }), 'CONFLICT')

        expect(await store.get(LISTINGS, 'taken')).toEqual({ _id: 'taken', title: '先来的' })
        expect(await store.count(LISTINGS)).toBe(1)
      })

      it('when an id was never stored, get answers null', async () => {
        expect(await store.get(LISTINGS, 'never-stored')).toBeNull()
      })

      it('values of every JSON type come back exactly as they went in, with nothing added', async () => {
        const doc: Doc = {
          _id: 'every-type',
          title: '质能视界：合作需求 "引号" \\ 反斜杠\n换行 😀',
          empty: '',
          zero: 0,
          negative: -42,
          fraction: 3.14159,
          negativeFraction: -0.5,
          timestamp: 1730000000000,
          largestSafe: Number.MAX_SAFE_INTEGER,
          yes: true,
          no: false,
          nothing: null,
          contact: { name: '张三', phones: ['13800000000', '010-12345678'], verified: false },
          deep: { level: 1, inner: { list: [1, 'two', { three: 3 }], flag: null }, empty: {} },
          tags: ['能源', 'AI'],
          emptyList: [],
          matrix: [
            [1, 2],
            [3, 4],
          ],
        }
        await store.insert(LISTINGS, doc)

        expect(await store.get(LISTINGS, 'every-type')).toEqual(doc)
        const found = await store.find(LISTINGS, { where: { _id: 'every-type' }, orderBy: [], limit: 5 })
        expect(found.items).toEqual([doc])
      })

      it('insert leaves the caller’s object as it was (no _id is written into it)', async () => {
        const input = { title: '不可变', tags: ['a'] }
        await store.insert(LISTINGS, input)

        expect(input).toEqual({ title: '不可变', tags: ['a'] })
      })

      it('what get returns is a copy: changing it does not change the stored document', async () => {
        await store.insert(LISTINGS, { _id: 'copy', tags: ['a'], contact: { name: '王五' } })
        const first = await store.get<Doc & { tags: string[]; contact: { name: string } }>(LISTINGS, 'copy')
        first?.tags.push('b')
        if (first) first.contact.name = '改了'

        expect(await store.get(LISTINGS, 'copy')).toEqual({ _id: 'copy', tags: ['a'], contact: { name: '王五' } })
      })
    })

    describe('updating', () => {
      const original: Doc = {
        _id: 'a',
        title: '原标题',
        status: 'open',
        price: 10,
        version: 1,
        contact: { name: '张三', phone: '13800000000' },
      }

      beforeEach(async () => {
        await store.insert(LISTINGS, original)
      })

      it('an update sets only the given top-level fields and leaves the others as they were', async () => {
        expect(await store.update(LISTINGS, 'a', { title: '新标题', price: 12 })).toBe(true)

        expect(await store.get(LISTINGS, 'a')).toEqual({ ...original, title: '新标题', price: 12 })
      })

      it('an object in a patch replaces the stored object instead of being merged into it', async () => {
        expect(await store.update(LISTINGS, 'a', { contact: { name: '李四' } })).toBe(true)

        expect(await store.get(LISTINGS, 'a')).toEqual({ ...original, contact: { name: '李四' } })
      })

      it('an update can add a field the document did not have, set a field to null, and store arrays', async () => {
        expect(await store.update(LISTINGS, 'a', { closedAt: 1730000000000, title: null, tags: ['x', 'y'] })).toBe(true)

        expect(await store.get(LISTINGS, 'a')).toEqual({
          ...original,
          closedAt: 1730000000000,
          title: null,
          tags: ['x', 'y'],
        })
      })

      it('when no document has the id, update answers false and creates nothing', async () => {
        expect(await store.update(LISTINGS, 'missing', { title: '幽灵' })).toBe(false)

        expect(await store.get(LISTINGS, 'missing')).toBeNull()
        expect(await store.count(LISTINGS)).toBe(1)
      })

      it('when the precondition does not hold, update answers false and changes nothing', async () => {
        expect(await store.update(LISTINGS, 'a', { status: 'closed', title: '不该写入' }, { status: 'closed' })).toBe(
          false,
        )

        expect(await store.get(LISTINGS, 'a')).toEqual(original)
      })

      it('when the precondition holds, update answers true and applies the patch', async () => {
        expect(await store.update(LISTINGS, 'a', { status: 'closed' }, { status: 'open' })).toBe(true)

        expect(await store.get(LISTINGS, 'a')).toEqual({ ...original, status: 'closed' })
      })

      it('a precondition may use in and range conditions, all of which must hold', async () => {
        expect(
          await store.update(
            LISTINGS,
            'a',
            { price: 11 },
            { status: { in: ['open', 'pending'] }, price: { gte: 10, lt: 20 } },
          ),
        ).toBe(true)
        expect(await store.update(LISTINGS, 'a', { price: 99 }, { status: 'open', price: { gt: 100 } })).toBe(false)

        expect(await store.get(LISTINGS, 'a')).toEqual({ ...original, price: 11 })
      })

      it('when two editors both loaded version 1, the first save wins and the second is refused', async () => {
        const first = await store.update(LISTINGS, 'a', { title: '甲的修改', version: 2 }, { version: 1 })
        const second = await store.update(LISTINGS, 'a', { title: '乙的修改', version: 2 }, { version: 1 })

        expect([first, second]).toEqual([true, false])
        expect(await store.get(LISTINGS, 'a')).toEqual({ ...original, title: '甲的修改', version: 2 })
      })

      it('setting fields to the values they already have still answers true: the document matched', async () => {
        expect(await store.update(LISTINGS, 'a', { title: '原标题', status: 'open' }, { status: 'open' })).toBe(true)

        expect(await store.get(LISTINGS, 'a')).toEqual(original)
      })

      it('an empty patch answers whether the document exists and matches the precondition', async () => {
        expect(await store.update(LISTINGS, 'a', {})).toBe(true)
        expect(await store.update(LISTINGS, 'missing', {})).toBe(false)
        expect(await store.update(LISTINGS, 'a', {}, { status: 'closed' })).toBe(false)

        expect(await store.get(LISTINGS, 'a')).toEqual(original)
      })
    })

    describe('deleting', () => {
      it('delete removes the document and answers true; deleting it again answers false', async () => {
        await seed(LISTINGS, [{ _id: 'gone' }, { _id: 'stays' }])

        expect(await store.delete(LISTINGS, 'gone')).toBe(true)
        expect(await store.get(LISTINGS, 'gone')).toBeNull()
        expect(await store.delete(LISTINGS, 'gone')).toBe(false)
        expect(await store.get(LISTINGS, 'stays')).toEqual({ _id: 'stays' })
        expect(await store.count(LISTINGS)).toBe(1)
      })

      it('deleting an id that never existed answers false', async () => {
        expect(await store.delete(LISTINGS, 'never')).toBe(false)
      })

      it('a deleted id can be used again by a new document', async () => {
        await store.insert(LISTINGS, { _id: 'reuse', v: 1 })
        await store.delete(LISTINGS, 'reuse')

        await store.insert(LISTINGS, { _id: 'reuse', v: 2 })
        expect(await store.get(LISTINGS, 'reuse')).toEqual({ _id: 'reuse', v: 2 })
      })
    })

    describe('bulk operations', () => {
      const newest: SortKey[] = [{ field: 'publishedAt', direction: 'desc' }]

      it('deleteWhere removes at most the limit of matching documents and says how many; calls again finish the rest', async () => {
        await seed(LISTINGS, feed())
        expect(await store.deleteWhere(LISTINGS, { status: 'open' }, 3)).toBe(3)
        expect(await store.count(LISTINGS, { status: 'open' })).toBe(4)
        expect(await store.deleteWhere(LISTINGS, { status: 'open' }, 3)).toBe(3)
        expect(await store.deleteWhere(LISTINGS, { status: 'open' }, 3)).toBe(1)
        expect(await store.deleteWhere(LISTINGS, { status: 'open' }, 3)).toBe(0)
        // What did not match is all still there.
        expect((await ids({ orderBy: [{ field: '_id', direction: 'asc' }], limit: 50 })).sort()).toEqual([
          'f03',
          'f06',
          'f10',
        ])
      })

      it('deleteAll removes every match in bounded batches, with in and range conditions', async () => {
        await seed(LISTINGS, feed())
        expect(
          await deleteAll(store, LISTINGS, { city: { in: ['北京', '上海'] }, publishedAt: { gte: 2000 } }, 2),
        ).toBe(7)
        expect((await ids({ orderBy: [{ field: '_id', direction: 'asc' }], limit: 50 })).sort()).toEqual([
          'f01',
          'f03',
          'f07',
        ])
      })

      it('a removed document leaves nothing an array search could still find', async () => {
        await seed(LISTINGS, [
          { _id: 'k1', owner: 'a', publishedAt: 1000, terms: ['招商', '加盟'] },
          { _id: 'k2', owner: 'b', publishedAt: 2000, terms: ['招商'] },
        ])
        expect(await store.deleteWhere(LISTINGS, { owner: 'a' }, 10)).toBe(1)
        expect(await ids({ where: { terms: { all: ['招商'] } }, orderBy: newest, limit: 50 })).toEqual(['k2'])
        expect(await ids({ where: { terms: { all: ['加盟'] } }, orderBy: newest, limit: 50 })).toEqual([])
        expect(await store.count(LISTINGS, { terms: { all: ['招商'] } })).toBe(1)
      })

      it('deleteWhere refuses an empty filter (it never empties a collection) and a limit outside 1…1000', async () => {
        await seed(LISTINGS, feed())
        await expect(store.deleteWhere(LISTINGS, {}, 10)).rejects.toThrow(/needs a condition/)
        await expect(store.deleteWhere(LISTINGS, { status: 'open' }, 0)).rejects.toThrow(/limit from 1 to 1000/)
        await expect(store.deleteWhere(LISTINGS, { status: 'open' }, 1001)).rejects.toThrow(/limit from 1 to 1000/)
        expect(await store.count(LISTINGS)).toBe(10)
      })

      it('eachBatch walks every match in order, a batch at a time, past the 1,000 rows one call can answer', async () => {
        const many = Array.from({ length: 1003 }, (_, i) => ({
          _id: `m${String(i).padStart(4, '0')}`,
          status: i % 2 === 0 ? 'open' : 'closed',
          publishedAt: i,
        }))
        await seed(LISTINGS, many)
        const sizes: number[] = []
        const seen: string[] = []
        for await (const batch of eachBatch(store, LISTINGS, { orderBy: [{ field: '_id', direction: 'asc' }] }, 1000)) {
          sizes.push(batch.length)
          seen.push(...batch.map((d) => d._id))
        }
        expect(sizes).toEqual([1000, 3])
        expect(seen).toEqual(many.map((d) => d._id))

        const open: string[] = []
        for await (const batch of eachBatch(store, LISTINGS, { where: { status: 'open' }, orderBy: newest }, 100)) {
          expect(batch.length).toBeLessThanOrEqual(100)
          open.push(...batch.map((d) => d._id))
        }
        expect(open).toEqual(
          many
            .filter((d) => d.status === 'open')
            .map((d) => d._id)
            .reverse(),
        )
      }, 60_000)
    })

    describe('counting', () => {
      beforeEach(async () => {
        await seed(LISTINGS, feed())
      })

      it('count without a filter counts the whole collection; an empty collection counts 0', async () => {
        expect(await store.count(LISTINGS)).toBe(10)
        expect(await store.count(LISTINGS, {})).toBe(10)
        expect(await store.count(CATEGORIES)).toBe(0)
      })

      it('count with a filter counts only the documents that match every condition', async () => {
        expect(await store.count(LISTINGS, { status: 'open' })).toBe(7)
        expect(await store.count(LISTINGS, { status: 'open', city: '北京' })).toBe(3)
        expect(await store.count(LISTINGS, { category: { in: ['energy', 'design'] } })).toBe(5)
        expect(await store.count(LISTINGS, { publishedAt: { gte: 2000, lt: 5000 } })).toBe(6)
        expect(await store.count(LISTINGS, { status: 'archived' })).toBe(0)
      })
    })

    describe('finding by filter', () => {
      beforeEach(async () => {
        await seed(LISTINGS, feed())
      })

      const byId: SortKey[] = []

      it('without a filter every document is found, each with its _id and exactly its stored fields', async () => {
        const page = await store.find(LISTINGS, { orderBy: byId, limit: 50 })

        expect(page.items).toEqual(feed())
        expect(page.nextCursor).toBeNull()
      })

      it('equality matches strings, numbers and booleans', async () => {
        expect(await ids({ where: { status: 'closed' }, orderBy: byId, limit: 50 })).toEqual(['f03', 'f06', 'f10'])
        expect(await ids({ where: { price: 120 }, orderBy: byId, limit: 50 })).toEqual(['f02'])
        expect(await ids({ where: { featured: true }, orderBy: byId, limit: 50 })).toEqual(['f01', 'f04', 'f07'])
        expect(await ids({ where: { featured: false, city: '上海' }, orderBy: byId, limit: 50 })).toEqual([
          'f02',
          'f05',
          'f09',
        ])
      })

      it('equality with null matches documents where the field is null and documents without it', async () => {
        expect(await ids({ where: { note: null }, orderBy: byId, limit: 50 })).toEqual([
          'f01',
          'f03',
          'f04',
          'f05',
          'f06',
          'f07',
          'f08',
          'f09',
          'f10',
        ])
      })

      it('in matches any listed value; an empty list matches nothing', async () => {
        expect(await ids({ where: { category: { in: ['energy', 'design'] } }, orderBy: byId, limit: 50 })).toEqual([
          'f02',
          'f04',
          'f06',
          'f07',
          'f09',
        ])
        expect(await ids({ where: { price: { in: [10, 50, 999] } }, orderBy: byId, limit: 50 })).toEqual(['f01', 'f10'])
        expect(await ids({ where: { category: { in: [] } }, orderBy: byId, limit: 50 })).toEqual([])
        expect(await store.count(LISTINGS, { category: { in: [] } })).toBe(0)
      })

      it('each range bound is honoured exactly at its edge', async () => {
        expect(await ids({ where: { publishedAt: { gt: 3000 } }, orderBy: byId, limit: 50 })).toEqual([
          'f07',
          'f08',
          'f09',
          'f10',
        ])
        expect(await ids({ where: { publishedAt: { gte: 3000 } }, orderBy: byId, limit: 50 })).toEqual([
          'f05',
          'f06',
          'f07',
          'f08',
          'f09',
          'f10',
        ])
        expect(await ids({ where: { publishedAt: { lt: 2000 } }, orderBy: byId, limit: 50 })).toEqual(['f01'])
        expect(await ids({ where: { publishedAt: { lte: 2000 } }, orderBy: byId, limit: 50 })).toEqual([
          'f01',
          'f02',
          'f03',
          'f04',
        ])
      })

      it('bounds combine into a window, on numbers and on strings such as ISO dates', async () => {
        expect(await ids({ where: { publishedAt: { gte: 2000, lt: 4000 } }, orderBy: byId, limit: 50 })).toEqual([
          'f02',
          'f03',
          'f04',
          'f05',
          'f06',
        ])
        expect(await ids({ where: { price: { gt: 50, lte: 90 } }, orderBy: byId, limit: 50 })).toEqual([
          'f03',
          'f07',
          'f08',
          'f09',
        ])
        expect(
          await ids({ where: { day: { gt: '2024-03-01', lte: '2024-03-03' } }, orderBy: byId, limit: 50 }),
        ).toEqual(['f02', 'f03', 'f04', 'f05', 'f06'])
      })

      it('several conditions on different fields must all hold', async () => {
        expect(
          await ids({ where: { status: 'open', city: '北京', price: { gte: 50 } }, orderBy: byId, limit: 50 }),
        ).toEqual(['f01', 'f04', 'f08'])
        expect(
          await ids({
            where: { status: 'open', category: { in: ['tech', 'design'] }, publishedAt: { gt: 1000, lt: 5000 } },
            orderBy: byId,
            limit: 50,
          }),
        ).toEqual(['f04', 'f05'])
      })

      it('_id can be filtered like any field', async () => {
        expect(await ids({ where: { _id: 'f03' }, orderBy: byId, limit: 50 })).toEqual(['f03'])
        expect(await ids({ where: { _id: { in: ['f09', 'f01', 'nope'] } }, orderBy: byId, limit: 50 })).toEqual([
          'f01',
          'f09',
        ])
      })
    })

    describe('finding in order', () => {
      beforeEach(async () => {
        await seed(LISTINGS, feed())
      })

      it.each<[string, SortKey[]]>([
        ['numbers ascending', [{ field: 'price', direction: 'asc' }]],
        ['numbers descending', [{ field: 'price', direction: 'desc' }]],
        ['strings ascending (Chinese text in code-point order)', [{ field: 'city', direction: 'asc' }]],
        ['strings descending', [{ field: 'title', direction: 'desc' }]],
        [
          'two keys in opposite directions',
          [
            { field: 'category', direction: 'asc' },
            { field: 'publishedAt', direction: 'desc' },
          ],
        ],
        [
          'three keys',
          [
            { field: 'status', direction: 'desc' },
            { field: 'city', direction: 'asc' },
            { field: 'price', direction: 'asc' },
          ],
        ],
      ])('sorting by %s', async (_name, orderBy) => {
        expect(await ids({ orderBy, limit: 50 })).toEqual(referenceOrder(feed(), orderBy))
      })

      it('documents that tie on every sort key come in _id order, in the direction of the last key', async () => {
        expect(await ids({ orderBy: [{ field: 'publishedAt', direction: 'asc' }], limit: 50 })).toEqual([
          'f01',
          'f02',
          'f03',
          'f04',
          'f05',
          'f06',
          'f07',
          'f08',
          'f09',
          'f10',
        ])
        expect(await ids({ orderBy: [{ field: 'publishedAt', direction: 'desc' }], limit: 50 })).toEqual([
          'f10',
          'f09',
          'f08',
          'f07',
          'f06',
          'f05',
          'f04',
          'f03',
          'f02',
          'f01',
        ])
      })

      it('limit returns the first documents in order and a cursor when more follow', async () => {
        const orderBy: SortKey[] = [{ field: 'publishedAt', direction: 'desc' }]
        const page = await store.find(LISTINGS, { orderBy, limit: 4 })

        expect(page.items.map((d) => d._id)).toEqual(referenceOrder(feed(), orderBy).slice(0, 4))
        expect(page.nextCursor).toEqual(expect.any(String))
      })

      it('when the limit exceeds the matches, all come back and there is no cursor', async () => {
        const page = await store.find(LISTINGS, { where: { status: 'closed' }, orderBy: [], limit: 20 })

        expect(page.items.map((d) => d._id)).toEqual(['f03', 'f06', 'f10'])
        expect(page.nextCursor).toBeNull()
      })

      it('when the matches exactly fill the page, there is no cursor', async () => {
        const page = await store.find(LISTINGS, { where: { status: 'closed' }, orderBy: [], limit: 3 })

        expect(page.items.map((d) => d._id)).toEqual(['f03', 'f06', 'f10'])
        expect(page.nextCursor).toBeNull()
      })

      it('when nothing matches, the page is empty and there is no cursor', async () => {
        const page = await store.find(LISTINGS, { where: { status: 'archived' }, orderBy: [], limit: 20 })

        expect(page).toEqual({ items: [], nextCursor: null })
      })

      it('a page size outside 1…1000 is refused with INVALID_INPUT', async () => {
        for (const limit of [0, -1, 2.5, 1001]) {
          await expectAppError(store.find(LISTINGS, { orderBy: [], limit }), 'INVALID_INPUT', 'pageSize')
        }
      })
    })

    describe('paging with cursors', () => {
      beforeEach(async () => {
        await seed(LISTINGS, feed())
      })

      const newestFirst: SortKey[] = [{ field: 'publishedAt', direction: 'desc' }]

      it.each([1, 2, 3, 4, 5, 7, 9, 10, 11])(
        'when listings share a publishedAt, paging %i at a time still returns each exactly once, in order',
        async (pageSize) => {
          const pages = await walk({ orderBy: newestFirst }, pageSize)

          expect(pages.flat()).toEqual(referenceOrder(feed(), newestFirst))
          // No trailing empty page: an exactly full last page already says there is no more.
          expect(pages).toHaveLength(Math.ceil(10 / pageSize))
        },
      )

      it('when a page boundary falls inside a run of equal values, the next page picks up right after it', async () => {
        const pages = await walk({ orderBy: newestFirst }, 2)

        // 5000: f10 f09 f08 · 4000: f07 · 3000: f06 f05 · 2000: f04 f03 f02 · 1000: f01, so the boundaries
        // f09|f08 and f03|f02 fall inside ties.
        expect(pages).toEqual([
          ['f10', 'f09'],
          ['f08', 'f07'],
          ['f06', 'f05'],
          ['f04', 'f03'],
          ['f02', 'f01'],
        ])
      })

      it('when every document has the same sort value, the _id tie-breaker alone carries the paging', async () => {
        const orderBy: SortKey[] = [{ field: 'city', direction: 'asc' }]
        const pages = await walk({ where: { city: '北京' }, orderBy }, 2)

        expect(pages).toEqual([['f01', 'f04'], ['f06', 'f08'], ['f10']])
      })

      it('paging works with a filter and several sort keys in mixed directions', async () => {
        const orderBy: SortKey[] = [
          { field: 'category', direction: 'asc' },
          { field: 'publishedAt', direction: 'desc' },
        ]
        const where = { status: 'open' }
        const expected = referenceOrder(
          feed().filter((d) => d.status === 'open'),
          orderBy,
        )
        for (const size of [1, 2, 3, 7]) {
          expect((await walk({ where, orderBy }, size)).flat()).toEqual(expected)
        }
      })

      it('paging works when the filter constrains the sort field itself', async () => {
        const where = { publishedAt: { lt: 5000, gte: 2000 } }
        const expected = referenceOrder(
          feed().filter((d) => (d.publishedAt as number) < 5000 && (d.publishedAt as number) >= 2000),
          newestFirst,
        )
        expect((await walk({ where, orderBy: newestFirst }, 2)).flat()).toEqual(expected)
      })

      it('when a listing is published while a reader is paging, the next page neither repeats nor skips', async () => {
        const first = await store.find(LISTINGS, { orderBy: newestFirst, limit: 3 })
        await store.insert(LISTINGS, { ...feed()[0], _id: 'f00-new', publishedAt: 9000 })

        const second = await store.find(LISTINGS, { orderBy: newestFirst, limit: 3, after: first.nextCursor })

        expect(first.items.map((d) => d._id)).toEqual(['f10', 'f09', 'f08'])
        expect(second.items.map((d) => d._id)).toEqual(['f07', 'f06', 'f05'])
      })

      it('when the last document of a page is deleted, its cursor still leads to the next page', async () => {
        const first = await store.find(LISTINGS, { orderBy: newestFirst, limit: 3 })
        await store.delete(LISTINGS, 'f08')

        const second = await store.find(LISTINGS, { orderBy: newestFirst, limit: 3, after: first.nextCursor })

        expect(second.items.map((d) => d._id)).toEqual(['f07', 'f06', 'f05'])
      })

      it('the cursor of the last full page of a query that ends exactly there is null, not a dead end', async () => {
        const first = await store.find(LISTINGS, { orderBy: newestFirst, limit: 5 })
        const second = await store.find(LISTINGS, { orderBy: newestFirst, limit: 5, after: first.nextCursor })

        expect(second.items.map((d) => d._id)).toEqual(['f05', 'f04', 'f03', 'f02', 'f01'])
        expect(second.nextCursor).toBeNull()
      })

      it('a null cursor means the first page', async () => {
        const page = await store.find(LISTINGS, { orderBy: newestFirst, limit: 2, after: null })

        expect(page.items.map((d) => d._id)).toEqual(['f10', 'f09'])
      })

      it('a cursor that is not one the store issued is refused with INVALID_INPUT on the cursor field', async () => {
        const garbage = [
          'not-a-cursor',
          '%%%',
          Buffer.from('{"values":[1]}').toString('base64url'),
          Buffer.from('[[{"nested":1}],"f01"]').toString('base64url'),
        ]
        for (const after of garbage) {
          await expectAppError(
            store.find(LISTINGS, { orderBy: newestFirst, limit: 2, after }),
            'INVALID_INPUT',
            'cursor',
          )
        }
      })

      it('a cursor issued for a different number of sort keys is refused with INVALID_INPUT', async () => {
        const twoKeys = encodeCursor({ values: ['tech', 5000], id: 'f08' })

        await expectAppError(
          store.find(LISTINGS, { orderBy: newestFirst, limit: 2, after: twoKeys }),
          'INVALID_INPUT',
          'cursor',
        )
      })
    })

    describe('array containment (all): keyword terms', () => {
      // `terms` is declared multikey on listings (collections.ts), sorted by publishedAt, as search uses it.
      const termDocs = (): Doc[] => [
        { _id: 't1', status: 'open', category: 'tech', publishedAt: 1000, terms: ['招', '商', '招商', '加盟'] },
        { _id: 't2', status: 'open', category: 'food', publishedAt: 2000, terms: ['加盟', '招商', '茶饮'] },
        { _id: 't3', status: 'closed', category: 'tech', publishedAt: 3000, terms: ['招商', '加盟'] },
        { _id: 't4', status: 'open', category: 'tech', publishedAt: 4000, terms: ['招商'] },
        { _id: 't5', status: 'open', category: 'tech', publishedAt: 4000, terms: ['招商', '加盟', '代理'] },
        { _id: 't6', status: 'open', category: 'tech', publishedAt: 5000 },
      ]
      const newest: SortKey[] = [{ field: 'publishedAt', direction: 'desc' }]

      beforeEach(async () => {
        await seed(LISTINGS, termDocs())
      })

      it('matches documents whose array holds every value, in any order, newest first', async () => {
        expect(await ids({ where: { terms: { all: ['招商'] } }, orderBy: newest, limit: 50 })).toEqual([
          't5',
          't4',
          't3',
          't2',
          't1',
        ])
        expect(await ids({ where: { terms: { all: ['加盟', '招商'] } }, orderBy: newest, limit: 50 })).toEqual([
          't5',
          't3',
          't2',
          't1',
        ])
        expect(await ids({ where: { terms: { all: ['招商', '茶饮', '加盟'] } }, orderBy: newest, limit: 50 })).toEqual([
          't2',
        ])
      })

      it('a value no document holds, an empty list, or a document without the array never match', async () => {
        expect(await ids({ where: { terms: { all: ['招商', '火锅'] } }, orderBy: newest, limit: 50 })).toEqual([])
        expect(await ids({ where: { terms: { all: [] } }, orderBy: newest, limit: 50 })).toEqual([])
        expect(await store.count(LISTINGS, { terms: { all: [] } })).toBe(0)
        expect(await store.count(LISTINGS, { terms: { all: ['招商'] } })).toBe(5)
      })

      it('combines with equality and range conditions on the other fields', async () => {
        const where = { terms: { all: ['招商', '加盟'] }, status: 'open', category: 'tech', publishedAt: { gt: 0 } }
        expect(await ids({ where, orderBy: newest, limit: 50 })).toEqual(['t5', 't1'])
        expect(await store.count(LISTINGS, where)).toBe(2)
      })

      it('results page by cursor, ties broken by _id, each match exactly once', async () => {
        const pages = await walk({ where: { terms: { all: ['招商'] } }, orderBy: newest }, 2)
        expect(pages).toEqual([['t5', 't4'], ['t3', 't2'], ['t1']])
      })

      it('also in ascending order and in any other order', async () => {
        const oldest: SortKey[] = [{ field: 'publishedAt', direction: 'asc' }]
        expect(await ids({ where: { terms: { all: ['加盟'] } }, orderBy: oldest, limit: 50 })).toEqual([
          't1',
          't2',
          't3',
          't5',
        ])
        const byCategory: SortKey[] = [{ field: 'category', direction: 'asc' }]
        expect(await ids({ where: { terms: { all: ['加盟'] } }, orderBy: byCategory, limit: 50 })).toEqual([
          't2',
          't1',
          't3',
          't5',
        ])
      })

      it('an update of the array or of the sort field is seen by the next query; a deleted document is gone', async () => {
        expect(await store.update(LISTINGS, 't4', { terms: ['火锅', '加盟'] })).toBe(true)
        expect(await ids({ where: { terms: { all: ['火锅'] } }, orderBy: newest, limit: 50 })).toEqual(['t4'])
        expect(await ids({ where: { terms: { all: ['招商'] } }, orderBy: newest, limit: 50 })).toEqual([
          't5',
          't3',
          't2',
          't1',
        ])

        // Refreshing a listing moves it to the top of its search results too.
        expect(await store.update(LISTINGS, 't1', { publishedAt: 9000 })).toBe(true)
        expect(await ids({ where: { terms: { all: ['加盟'] } }, orderBy: newest, limit: 50 })).toEqual([
          't1',
          't5',
          't4',
          't3',
          't2',
        ])

        // A failed precondition changes nothing, the index included.
        expect(await store.update(LISTINGS, 't2', { terms: ['火锅'] }, { status: 'closed' })).toBe(false)
        expect(await ids({ where: { terms: { all: ['茶饮'] } }, orderBy: newest, limit: 50 })).toEqual(['t2'])

        expect(await store.delete(LISTINGS, 't5')).toBe(true)
        expect(await ids({ where: { terms: { all: ['代理'] } }, orderBy: newest, limit: 50 })).toEqual([])
        await store.insert(LISTINGS, { _id: 't5', status: 'open', publishedAt: 1, terms: ['代理'] })
        expect(await ids({ where: { terms: { all: ['代理', '加盟'] } }, orderBy: newest, limit: 50 })).toEqual([])
        expect(await ids({ where: { terms: { all: ['代理'] } }, orderBy: newest, limit: 50 })).toEqual(['t5'])
      })

      it('a precondition may require array values', async () => {
        expect(await store.update(LISTINGS, 't4', { status: 'closed' }, { terms: { all: ['加盟'] } })).toBe(false)
        expect(await store.update(LISTINGS, 't5', { status: 'closed' }, { terms: { all: ['加盟'] } })).toBe(true)
        expect((await store.get(LISTINGS, 't5'))?.status).toBe('closed')
      })

      it('the array comes back exactly as stored', async () => {
        expect(await store.get(LISTINGS, 't2')).toEqual(termDocs()[1])
      })
    })

    describe('collections', () => {
      it('collections are independent: the same _id lives in each, and changes in one leave the other alone', async () => {
        await store.insert(LISTINGS, { _id: 'shared', title: '需求' })
        await store.insert(CATEGORIES, { _id: 'shared', name: '能源', order: 1 })

        expect(await store.get(LISTINGS, 'shared')).toEqual({ _id: 'shared', title: '需求' })
        expect(await store.get(CATEGORIES, 'shared')).toEqual({ _id: 'shared', name: '能源', order: 1 })

        expect(await store.update(CATEGORIES, 'shared', { name: '新能源' })).toBe(true)
        expect(await store.delete(CATEGORIES, 'shared')).toBe(true)

        expect(await store.get(LISTINGS, 'shared')).toEqual({ _id: 'shared', title: '需求' })
        expect(await store.count(LISTINGS)).toBe(1)
        expect(await store.count(CATEGORIES)).toBe(0)
        expect(await ids({ orderBy: [], limit: 10 }, CATEGORIES)).toEqual([])
      })

      it('categories sort by their display order like any other collection', async () => {
        await seed(CATEGORIES, [
          { _id: 'c-energy', name: '能源', order: 2 },
          { _id: 'c-tech', name: '科技', order: 1 },
          { _id: 'c-design', name: '设计', order: 3 },
        ])

        expect(await ids({ orderBy: [{ field: 'order', direction: 'asc' }], limit: 10 }, CATEGORIES)).toEqual([
          'c-tech',
          'c-energy',
          'c-design',
        ])
      })
    })
  })
}
