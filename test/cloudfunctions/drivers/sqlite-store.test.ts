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

  it('a later page seeks into the index at the cursor instead of walking from the start', () => {
    const cursor = encodeCursor({ values: [1_700_000_000_000], id: 'x' })
    const detail = plan(feedQuery({ category: 'agency' }, cursor)).join('\n')
    expect(detail).toMatch(/USING INDEX c_listings_feed_by_category \(<expr>=\? AND <expr>=\? AND <expr><\?\)/)
    expect(detail).not.toMatch(/TEMP B-TREE/)
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
