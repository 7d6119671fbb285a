import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Collections } from '@shared/collections'
import { openSqliteStore, type SqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { encodeCursor, type FindQuery } from '@shared/ports/document-store'
import { describeDocumentStoreContract } from '../ports/document-store.contract'

function tempStore(): { store: SqliteStore; dispose: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'zhineng-sqlite-'))
  const store = openSqliteStore(join(dir, 'store.sqlite'))
  return {
    store,
    dispose: async () => {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

describeDocumentStoreContract('sqlite', async () => tempStore())

describe('sqlite driver specifics', () => {
  let store: SqliteStore
  let dispose: () => Promise<void>
  beforeEach(() => ({ store, dispose } = tempStore()))
  afterEach(() => dispose())

  const plan = (query: FindQuery) => {
    const { sql, params } = store.findSql(Collections.listings, query)
    return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map(
      (r) => r.detail,
    )
  }
  const feedQuery = (where: FindQuery['where'], after?: string): FindQuery => ({
    where: { status: 'published', expiresAt: { gt: 0 }, ...where },
    orderBy: [{ field: 'publishedAt', direction: 'desc' }],
    limit: 20,
    after,
  })

  it('the latest feed seeks the feed_latest index and needs no separate sort step', () => {
    const detail = plan(feedQuery({}))
    expect(detail.join('\n')).toMatch(/SEARCH c_listings USING INDEX c_listings_feed_latest/)
    expect(detail.join('\n')).not.toMatch(/TEMP B-TREE|SCAN c_listings/)
  })

  it('the category feed seeks feed_by_category, and the city feed seeks feed_by_city', () => {
    expect(plan(feedQuery({ category: 'agency' })).join('\n')).toMatch(
      /USING INDEX c_listings_feed_by_category \(<expr>=\? AND <expr>=\?\)/,
    )
    expect(plan(feedQuery({ city: '成都' })).join('\n')).toMatch(
      /USING INDEX c_listings_feed_by_city \(<expr>=\? AND <expr>=\?\)/,
    )
  })

  it('最多浏览 seeks feed_by_views, and with a category feed_by_category_views, with no sort step', () => {
    const byViews = (where: FindQuery['where']): FindQuery => ({
      ...feedQuery(where),
      orderBy: [
        { field: 'viewCount', direction: 'desc' },
        { field: 'publishedAt', direction: 'desc' },
      ],
    })
    const feed = plan(byViews({})).join('\n')
    expect(feed).toMatch(/SEARCH c_listings USING INDEX c_listings_feed_by_views \(<expr>=\?\)/)
    expect(feed).not.toMatch(/TEMP B-TREE/)
    const category = plan(byViews({ category: 'agency' })).join('\n')
    expect(category).toMatch(/USING INDEX c_listings_feed_by_category_views \(<expr>=\? AND <expr>=\?\)/)
    expect(category).not.toMatch(/TEMP B-TREE/)
  })

  it('the province feed and the poster’s listings seek their own indexes', () => {
    expect(plan(feedQuery({ province: '广东省' })).join('\n')).toMatch(
      /USING INDEX c_listings_feed_by_province \(<expr>=\? AND <expr>=\?\)/,
    )
    expect(plan(feedQuery({ posterId: 'p1' })).join('\n')).toMatch(
      /USING INDEX c_listings_feed_by_poster \(<expr>=\? AND <expr>=\?\)/,
    )
  })

  it('「我的发布」 and the duplicate check seek by_poster; recent uploads seek listing_images by_owner', () => {
    const explain = (collection: string, query: FindQuery) => {
      const { sql, params } = store.findSql(collection, query)
      return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('\n')
    }
    const newest: FindQuery['orderBy'] = [{ field: 'createdAt', direction: 'desc' }]
    expect(explain(Collections.listings, { where: { posterId: 'p1' }, orderBy: newest, limit: 20 })).toMatch(
      /USING INDEX c_listings_by_poster/,
    )
    expect(
      explain(Collections.listings, { where: { posterId: 'p1', createdAt: { gte: 1 } }, orderBy: newest, limit: 50 }),
    ).toMatch(/USING INDEX c_listings_by_poster \(<expr>=\? AND <expr>>\?\)/)
    expect(
      explain(Collections.listingImages, { where: { ownerId: 'u1', createdAt: { gte: 1 } }, orderBy: [], limit: 1 }),
    ).toMatch(/USING INDEX c_listing_images_by_owner/)
    // The retention job: uploads no listing took, oldest first, and records past their retainUntil.
    expect(
      explain(Collections.listingImages, {
        where: { listingId: null, createdAt: { lt: 1 } },
        orderBy: [{ field: 'createdAt', direction: 'asc' }],
        limit: 500,
      }),
    ).toMatch(/USING INDEX c_listing_images_unbound \(<expr>=\? AND <expr><\?\)/)
    expect(
      explain(Collections.securityLog, {
        where: { retainUntil: { lt: 1 } },
        orderBy: [{ field: 'retainUntil', direction: 'asc' }],
        limit: 1000,
      }),
    ).toMatch(/USING INDEX c_security_log_by_retain_until/)
  })

  it('a later page seeks into the index at the cursor instead of walking from the start', () => {
    const cursor = encodeCursor({ values: [1_700_000_000_000], id: 'x' })
    const detail = plan(feedQuery({ category: 'agency' }, cursor)).join('\n')
    expect(detail).toMatch(/USING INDEX c_listings_feed_by_category \(<expr>=\? AND <expr>=\? AND <expr><\?\)/)
    expect(detail).not.toMatch(/TEMP B-TREE/)
  })

  describe('keyword terms (multikey side table)', () => {
    const searchQuery = (terms: string[], where: FindQuery['where'] = {}, after?: string): FindQuery => ({
      where: { status: 'published', expiresAt: { gt: 0 }, terms: { all: terms }, ...where },
      orderBy: [{ field: 'publishedAt', direction: 'desc' }],
      limit: 20,
      after,
    })
    const sideRows = (id?: string) =>
      (
        store.db
          .prepare(`SELECT value, sort FROM c_listings__terms${id ? ' WHERE id = ?' : ''} ORDER BY value`)
          .all(...(id ? [id] : [])) as Array<{ value: string; sort: number }>
      ).map((r) => `${r.value}@${r.sort}`)

    it('a search walks the side table’s primary key newest first and reads documents by id: no scan, no sort', () => {
      for (const query of [
        searchQuery(['招商']),
        searchQuery(['招商', '加盟', '品牌'], { category: 'agency', city: '成都' }),
        searchQuery(['招商'], {}, encodeCursor({ values: [1_700_000_000_000], id: 'x' })),
      ]) {
        const detail = plan(query).join('\n')
        expect(detail).toMatch(/SEARCH t USING PRIMARY KEY \(value=\?/)
        expect(detail).toMatch(/SEARCH d USING PRIMARY KEY \(id=\?\)/)
        expect(detail).not.toMatch(/TEMP B-TREE|SCAN|LIKE/)
      }
      expect(plan(searchQuery(['招商', '加盟'])).join('\n')).toMatch(
        /SEARCH s (EXISTS )?USING PRIMARY KEY \(value=\? AND sort=\? AND id=\?\)/,
      )
    })

    it('the rarest term leads the walk', async () => {
      for (let i = 0; i < 30; i++) {
        await store.insert(Collections.listings, {
          _id: `c${i}`,
          publishedAt: i,
          terms: ['招商', i === 7 ? '琥珀' : '加盟'],
        })
      }
      const { params } = store.findSql(Collections.listings, searchQuery(['招商', '琥珀']))
      expect(params[0]).toBe('琥珀')
    })

    it('the side table follows every insert, update and delete, and the arrays stay out of the document JSON', async () => {
      await store.insert(Collections.listings, { _id: 'l1', publishedAt: 5, terms: ['招', '招商', '招'] })
      expect(sideRows('l1')).toEqual(['招@5', '招商@5'])
      const json = (store.db.prepare('SELECT doc FROM c_listings WHERE id = ?').get('l1') as { doc: string }).doc
      expect(JSON.parse(json)).toEqual({ publishedAt: 5 })

      await store.update(Collections.listings, 'l1', { viewCount: 3 })
      expect(sideRows('l1')).toEqual(['招@5', '招商@5'])
      await store.update(Collections.listings, 'l1', { publishedAt: 9 })
      expect(sideRows('l1')).toEqual(['招@9', '招商@9'])
      await store.update(Collections.listings, 'l1', { terms: ['加盟'] })
      expect(sideRows('l1')).toEqual(['加盟@9'])
      await store.delete(Collections.listings, 'l1')
      expect(sideRows()).toEqual([])
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM c_listings__arrays').get()).toEqual({ n: 0 })
    })

    it('a refused insert leaves no side rows behind', async () => {
      await store.insert(Collections.listings, { _id: 'l1', publishedAt: 5, terms: ['招商'] })
      await expect(
        store.insert(Collections.listings, { _id: 'l1', publishedAt: 6, terms: ['加盟'] }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
      })
      expect(sideRows()).toEqual(['招商@5'])
    })

    it('a multikey array is only asked about with all: equality or sorting on it is a programming error', async () => {
      await expect(store.count(Collections.listings, { terms: '招商' })).rejects.toThrow(/multikey/)
      await expect(
        store.find(Collections.listings, { orderBy: [{ field: 'terms', direction: 'asc' }], limit: 1 }),
      ).rejects.toThrow(/multikey/)
    })
  })

  it('the database file runs in WAL mode', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
  })

  it('a unique index refuses a second document with the same value as CONFLICT', async () => {
    await store.insert(Collections.users, { phoneHash: 'h1', wechatOpenId: null })
    await store.insert(Collections.users, { phoneHash: 'h2', wechatOpenId: null })
    await expect(store.insert(Collections.users, { phoneHash: 'h1' })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await store.count(Collections.users)).toBe(2)
  })

  it('an update that would give a unique index a value another document holds is CONFLICT and writes nothing', async () => {
    await store.insert(Collections.users, { _id: 'u1', phoneHash: 'h1', nickname: '甲' })
    await store.insert(Collections.users, { _id: 'u2', phoneHash: 'h2', nickname: '乙' })
    await expect(store.update(Collections.users, 'u2', { phoneHash: 'h1', nickname: '丙' })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expect(await store.get(Collections.users, 'u2')).toEqual({ _id: 'u2', phoneHash: 'h2', nickname: '乙' })
    expect(await store.update(Collections.users, 'u2', { phoneHash: 'h3' })).toBe(true)
  })

  it('account lookups seek their indexes: phone hash, WeChat OPENID, Alipay id, ledger by user', () => {
    const lookup = (collection: string, where: FindQuery['where'], orderBy: FindQuery['orderBy'] = []) => {
      const { sql, params } = store.findSql(collection, { where, orderBy, limit: 1 })
      return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('\n')
    }
    expect(lookup(Collections.users, { phoneHash: 'h' })).toMatch(/USING INDEX c_users_by_phone_hash/)
    expect(lookup(Collections.users, { wechatOpenId: 'o' })).toMatch(/USING INDEX c_users_by_wechat_openid/)
    expect(lookup(Collections.users, { alipayUserId: 'a' })).toMatch(/USING INDEX c_users_by_alipay_user_id/)
    expect(
      lookup(Collections.consentLedger, { userId: 'u', document: 'privacy', version: '1.0.0' }, [
        { field: 'at', direction: 'desc' },
      ]),
    ).toMatch(/USING INDEX c_consent_ledger_by_user/)
  })

  it('a collection that collections.ts does not declare is refused', async () => {
    await expect(store.insert('secrets', { a: 1 })).rejects.toThrow(/declare it in collections.ts/)
  })
})
