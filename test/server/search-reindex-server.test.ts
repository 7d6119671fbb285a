import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Collections } from '@shared/collections'
import type { ListingSummary, Page } from '@shared/contracts'
import { silentLogger } from '@shared/core/logger'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { openSqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { buildDemoData } from '../../server/seed/demo-data'
import { startServer, STORE_FILE } from '../../server/server'
import { dataOf } from '../support/accounts'
import { callServer } from '../support/server-process'

describe('the self-hosted server: search terms of listings stored by an earlier version', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-reindex-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('listings whose terms predate the filter terms get them at start, and a filtered search finds them', async () => {
    const dataDir = join(dir, 'data')
    const now = Date.now()
    const { categories, listings } = buildDemoData(now, 40)
    const published = listings.filter((l) => l.status === 'published' && l.expiresAt > now)
    // As an earlier version stored them: text terms only.
    const old = listings.map((l) => ({ ...l, terms: l.terms!.filter((t) => !t.includes(':')) }))
    const before = openSqliteStore(join(dataDir, STORE_FILE))
    before.insertMany(Collections.categories, categories)
    before.insertMany(Collections.listings, old)
    before.close()

    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      h5Dir: join(dir, 'no-h5'),
      seed: false,
      logLevel: 'error',
      logger: silentLogger,
    })
    try {
      const target = published[0]
      const stored = await server.store.get<ListingDoc>(Collections.listings, target._id)
      expect(stored?.terms).toEqual(expect.arrayContaining([`cat:${target.category}`, `city:${target.city}`]))
      const word = target.title.slice(0, 2)
      const found = dataOf(
        await callServer<Page<ListingSummary>>(server.url, 'listings', 'listListings', {
          keyword: word,
          category: target.category,
          city: target.city,
          pageSize: 50,
        }),
      )
      expect(found.items.map((i) => i.id)).toContain(target._id)
    } finally {
      await server.close()
    }
  })
})
