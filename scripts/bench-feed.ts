// `npm run bench`: server-side latency of the public feed on 100k listings in SQLite, measured through
// the real `main` of the listings function (validation, routing, store, mapping). Not a test: it prints
// p50/p95 for the README. `BENCH_LISTINGS=20000 npm run bench` for a quicker run.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Collections } from '@shared/collections'
import type { Envelope, ListingSummary, Page } from '@shared/contracts'
import { createMain } from '@shared/core/handler'
import { silentLogger } from '@shared/core/logger'
import { openSqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { listingsFunction } from '@shared/functions/listings'
import type { Deps } from '@shared/core/deps'
import { buildDemoData } from '../server/seed/demo-data'

const COUNT = Number(process.env.BENCH_LISTINGS ?? 100_000)
const RUNS = 500

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zhineng-bench-'))
  const store = openSqliteStore(join(dir, 'bench.sqlite'))
  const now = Date.now()
  const { categories, listings } = buildDemoData(now, COUNT)
  const t0 = performance.now()
  const insert = store.db.transaction(() => {
    const categoryRows = store.db.prepare(`INSERT INTO c_${Collections.categories} (id, doc) VALUES (?, ?)`)
    for (const { _id, ...doc } of categories) categoryRows.run(_id, JSON.stringify(doc))
    const listingRows = store.db.prepare(`INSERT INTO c_${Collections.listings} (id, doc) VALUES (?, ?)`)
    for (const { _id, ...doc } of listings) listingRows.run(_id, JSON.stringify(doc))
  })
  insert()
  store.db.exec('ANALYZE')
  console.info(`loaded ${COUNT} listings in ${((performance.now() - t0) / 1000).toFixed(2)} s`)

  // Only the store and clock are used by the listings function; the other ports are never reached.
  const deps = {
    store,
    clock: { now: () => now },
    logger: silentLogger,
    callers: { resolve: async () => ({ kind: 'guest' }) },
  }
  const listingsMain = createMain(listingsFunction, () => deps as unknown as Deps)
  const call = async (payload: Record<string, unknown>) => {
    const result = (await listingsMain({ action: 'listListings', payload })) as Envelope<Page<ListingSummary>>
    if (!result.ok) throw new Error(result.error.code)
    return result.data
  }
  const page5Cursor = async (payload: Record<string, unknown>) => {
    let cursor: string | null = null
    for (let i = 0; i < 5; i++) cursor = (await call({ ...payload, cursor })).nextCursor
    return cursor
  }

  const scenarios: Array<[string, () => Promise<Record<string, unknown>>]> = [
    ['feed, first page', async () => ({})],
    ['feed, category', async () => ({ category: 'agency' })],
    ['feed, city', async () => ({ city: '成都' })],
    ['feed, 6th page by cursor', async () => ({ cursor: await page5Cursor({}) })],
  ]
  console.info('| query (20 per page) | p50 | p95 |')
  console.info('|---|---:|---:|')
  for (const [name, makePayload] of scenarios) {
    const payload = await makePayload()
    for (let i = 0; i < 50; i++) await call(payload)
    const samples: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now()
      await call(payload)
      samples.push(performance.now() - start)
    }
    samples.sort((a, b) => a - b)
    const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))].toFixed(2)
    console.info(`| ${name} | ${pct(0.5)} ms | ${pct(0.95)} ms |`)
  }
  store.close()
  rmSync(dir, { recursive: true, force: true })
}

void main()
