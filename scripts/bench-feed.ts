// `npm run bench`: server-side latency of the public feed and of keyword search on 100k listings in
// SQLite, measured through the real `main` of the listings function (validation, routing, store, mapping).
// The listings carry their search terms, loaded through the driver so its terms side table is filled as
// in production. Not a test: it prints p50/p95 for the README. `BENCH_LISTINGS=20000 npm run bench` for a
// quicker run.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { statSync } from 'node:fs'
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
  store.insertMany(Collections.categories, categories)
  for (let i = 0; i < listings.length; i += 10_000)
    store.insertMany(Collections.listings, listings.slice(i, i + 10_000))
  store.db.exec('ANALYZE')
  const termRows = (
    store.db.prepare(`SELECT COUNT(*) AS n FROM c_${Collections.listings}__terms`).get() as { n: number }
  ).n
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  const megabytes = statSync(join(dir, 'bench.sqlite')).size / 1024 / 1024
  // What the search index costs: its side table's pages (SQLite's dbstat), per listing.
  const indexBytes = (
    store.db
      .prepare(`SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name = 'c_${Collections.listings}__terms'`)
      .get() as { bytes: number }
  ).bytes
  console.info(
    `loaded ${COUNT} listings (${termRows} term rows, ${(termRows / COUNT).toFixed(1)} a listing; ` +
      `file ${megabytes.toFixed(0)} MB; terms side table ${(indexBytes / COUNT).toFixed(0)} bytes a listing) in ` +
      `${((performance.now() - t0) / 1000).toFixed(2)} s`,
  )

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
    ['search 招商 (2 chars)', async () => ({ keyword: '招商' })],
    ['search 品牌加盟 (4 chars, no listing has it)', async () => ({ keyword: '品牌加盟' })],
    ['search 区域代理 (4 chars)', async () => ({ keyword: '区域代理' })],
    ['search 茶 (1 char)', async () => ({ keyword: '茶' })],
    ['search 加盟 + category 品牌招商', async () => ({ keyword: '加盟', category: 'brand-franchise' })],
    ['search 门锁 + city 成都', async () => ({ keyword: '门锁', city: '成都' })],
    [
      'search 招商, 6th page by cursor',
      async () => ({ keyword: '招商', cursor: await page5Cursor({ keyword: '招商' }) }),
    ],
    ['search 火锅加盟 (rare pair)', async () => ({ keyword: '火锅加盟' })],
    ['search 不存在的词 (no match)', async () => ({ keyword: '量子纠缠' })],
    // The worst case: a common word in a category that never uses it walks all of the word's listings.
    ['search 代理 + category 场地资源 (no match, worst case)', async () => ({ keyword: '代理', category: 'venue' })],
  ]
  console.info('| query (20 per page) | p50 | p95 | items |')
  console.info('|---|---:|---:|---:|')
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
    const found = (await call(payload)).items.length
    console.info(`| ${name} | ${pct(0.5)} ms | ${pct(0.95)} ms | ${found} |`)
  }
  store.close()
  rmSync(dir, { recursive: true, force: true })
}

void main()
