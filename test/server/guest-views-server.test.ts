import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Collections } from '@shared/collections'
import type { Envelope, ListingDetail, ListingSummary, Page } from '@shared/contracts'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { openSqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { STORE_FILE } from '../../server/server'
import { runServerProcess } from '../support/server-process'

describe('guest views on the self-hosted server', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-views-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('a burst of 21 guest reads is tallied in memory and written once at shutdown, counting one view', async () => {
    const dataDir = join(dir, 'data')
    const server = runServerProcess({ PORT: '0', DATA_DIR: dataDir, SEED: '1' })
    const url = await server.started()
    const call = async <T>(action: string, payload: unknown) => {
      const res = await fetch(`${url}/api/listings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action, payload }),
      })
      const envelope = (await res.json()) as Envelope<T>
      if (!envelope.ok) throw new Error(`${action}: ${envelope.error.code}`)
      return envelope.data
    }
    const feed = await call<Page<ListingSummary>>('listListings', { pageSize: 1 })
    const id = feed.items[0].id
    const shown: number[] = []
    for (let i = 0; i < 21; i++) shown.push((await call<ListingDetail>('getListing', { id })).viewCount)
    // Every read shows the one tallied view; none was written yet (the next flush is a minute away).
    expect(new Set(shown).size).toBe(1)
    expect(await server.stop()).toBe(0)

    const store = openSqliteStore(join(dataDir, STORE_FILE))
    try {
      expect((await store.get<ListingDoc>(Collections.listings, id))?.viewCount).toBe(shown[0])
    } finally {
      store.close()
    }
  }, 60_000)
})
