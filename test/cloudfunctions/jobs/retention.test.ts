import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Collections, collectionSpecs, type CollectionName } from '@shared/collections'
import { createJobMain, defineJob } from '@shared/core/job'
import { createLogger } from '@shared/core/logger'
import { DAY_MS, HOUR_MS } from '@shared/domain/common/china-time'
import { INVENTORY, retentionText } from '@shared/domain/privacy/inventory'
import { limitedCollections } from '@shared/domain/privacy/retention'
import { privacyPolicy } from '@shared/policy/privacy'
import { RETENTION_INDEX } from '@shared/ports/collection-spec'
import { retentionJob } from '@shared/jobs/retention'
import { eachBatch, type DocumentStore, type StoredDocument } from '@shared/ports/document-store'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../../support/embedded'
import { PLAIN_JPEG_BASE64 } from '../../support/images'
import { liveMemberLife, type MemberLife } from '../../support/member-life'

const timer = { Type: 'Timer', TriggerName: 'retention', Time: '2026-11-29T20:00:00Z', Message: '' }
const LIMITED = limitedCollections().map((c) => c.collection)
const jpeg = { mimeType: 'image/jpeg', data: PLAIN_JPEG_BASE64 }

type Doc = StoredDocument & { retainUntil?: number | null }

async function all(store: DocumentStore, collection: string): Promise<Doc[]> {
  const docs: Doc[] = []
  const query = { where: {}, orderBy: [{ field: '_id', direction: 'asc' as const }] }
  for await (const batch of eachBatch<Doc>(store, collection, query, 500)) docs.push(...batch)
  return docs
}

const ids = (docs: Doc[]) => docs.map((d) => d._id).sort()

function logTo(lines: Array<Record<string, unknown>>) {
  return createLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>))
}

describe('job retention: a member’s records over a year, the job run daily through a moved clock', () => {
  let backend: EmbeddedBackend
  let life: MemberLife
  let start: number
  const logged: Array<Record<string, unknown>> = []
  const main = () => createJobMain(retentionJob, () => backend.deps)

  /**
   * Runs the job at the backend's clock and checks it against the inventory: in every collection with a
   * limited life, what had time left is untouched, what was past its `retainUntil` is gone (or, for the
   * security log, anonymised once and gone on its second pass); answers the counts.
   */
  async function runAndCheck(): Promise<Record<string, number>> {
    const now = backend.clock.now()
    const before = new Map<string, Doc[]>()
    for (const c of LIMITED) before.set(c, await all(backend.store, c))
    const reply = await main()(timer)
    expect(reply).toMatchObject({ ok: true })
    const counts = (reply as { data: Record<string, number> }).data
    for (const { collection, retention } of limitedCollections()) {
      const was = before.get(collection)!
      const after = await all(backend.store, collection)
      const live = was.filter((d) => (d.retainUntil as number) >= now)
      const expired = was.filter((d) => (d.retainUntil as number) < now)
      for (const doc of live) expect(after).toContainEqual(doc)
      if (retention.kind === 'period' && retention.then === 'anonymise') {
        const linked = expired.filter((d) => retention.anonymise.some((f) => d[f] !== null && d[f] !== undefined))
        expect(ids(after)).toEqual(ids([...live, ...linked]))
        for (const doc of linked) {
          const cleared = Object.fromEntries(retention.anonymise.map((f) => [f, null]))
          const later = doc.retainUntil! + (retention.deleteAtDays - retention.days) * DAY_MS
          expect(after).toContainEqual({ ...doc, ...cleared, retainUntil: later })
        }
        expect(counts[`${collection}:anonymised`]).toBe(linked.length)
        expect(counts[collection]).toBe(expired.length - linked.length)
      } else {
        expect(ids(after)).toEqual(ids(live))
        expect(counts[collection]).toBe(expired.length)
      }
    }
    return counts
  }

  let orphanKey: string
  const fileOf = (key: string) => join(backend.filesDir, key)

  beforeAll(async () => {
    backend = await createEmbeddedBackend({ clock: testClock(), humanCheck: 'pow', logger: logTo(logged) })
    start = backend.clock.now()
    life = await liveMemberLife(backend)
    // An upload the member never published.
    orphanKey = (await life.ok<{ key: string }>('listings', 'uploadListingImage', jpeg, life.session.token)).key
    // Every SMS code of the life is a proof of work solved here.
  }, 60_000)
  afterAll(() => backend.dispose())

  it('every period the job enforces is the inventory’s and the policy’s, and the code writes `retainUntil` as `at` + that period', async () => {
    const policy = privacyPolicy.sections.flatMap((section) => section.paragraphs).join('\n')
    const periods = limitedCollections().filter((c) => c.retention.kind === 'period')
    expect(periods.map((c) => c.collection).sort()).toEqual(
      [
        Collections.auditLog,
        Collections.contactReveals,
        Collections.duplicateAttempts,
        Collections.securityLog,
        Collections.supportRequests,
      ].sort(),
    )
    for (const { collection, retention } of limitedCollections()) {
      // Found by an index, and every record the life wrote carries the date it ends on.
      expect({ [collection]: collectionSpecs[collection as CollectionName].indexes }).toEqual({
        [collection]: expect.arrayContaining([RETENTION_INDEX]),
      })
      for (const doc of await all(backend.store, collection)) expect(typeof doc.retainUntil).toBe('number')
      if (retention.kind !== 'period') continue
      const span = retention.days % 365 === 0 ? `${retention.days / 365} 年` : `${retention.days / 30} 个月`
      expect(policy).toContain(`保存 ${span}`)
      expect(retentionText(retention)).toContain(`${span}（${retention.days} 天）`)
      const docs = await all(backend.store, collection)
      expect(docs.length).toBeGreaterThan(0)
      // A request's period runs from its receipt (`createdAt`); the logs' from their entry (`at`).
      for (const doc of docs)
        expect(doc.retainUntil).toBe(((doc.at ?? doc.createdAt) as number) + retention.days * DAY_MS)
      if (retention.then !== 'anonymise') continue
      // Anonymising cuts every link to the person, in fields the collection has.
      const data = INVENTORY.find((d) => d.collection === collection)!
      expect(retention.anonymise).toEqual(expect.arrayContaining(data.owners))
      for (const field of retention.anonymise) expect(Object.keys(data.fields)).toContain(field)
      expect(policy).toContain(`满 ${retention.deleteAtDays / 365} 年后删除`)
    }
    expect(retentionText(periods.find((c) => c.collection === Collections.securityLog)!.retention)).toBe(
      '保存 6 个月（180 天），期满去掉与你的关联（匿名化），匿名的记录满 1 年（365 天）后删除',
    )
  })

  it('an hour after the life: spent human checks and past hours’ counters go; codes of today, sessions, reveals, the security log and a fresh upload stay', async () => {
    backend.clock.advance(HOUR_MS)
    const counts = await runAndCheck()
    expect(counts.human_checks).toBeGreaterThan(0)
    expect(counts.rate_counters).toBeGreaterThan(0)
    expect(counts.sms_codes).toBe(0)
    expect(counts.sessions).toBe(0)
    expect(counts.contact_reveals).toBe(0)
    expect(counts['security_log:anonymised']).toBe(0)
    expect(counts.listing_images).toBe(0)
    expect(existsSync(fileOf(orphanKey))).toBe(true)
    expect(logged.filter((line) => line.msg === 'job').at(-1)).toMatchObject({
      job: 'retention',
      trigger: 'timer',
      ok: true,
      ...counts,
    })
  })

  it('two days later: the view markers, every code and counter, and the upload no listing took (file and record) are gone; the listing’s own image stays', async () => {
    backend.clock.advance(2 * DAY_MS)
    const counts = await runAndCheck()
    expect(counts.listing_images).toBe(1)
    expect(existsSync(fileOf(orphanKey))).toBe(false)
    for (const c of [
      Collections.listingViews,
      Collections.smsCodes,
      Collections.humanChecks,
      Collections.rateCounters,
    ]) {
      expect({ [c]: await backend.store.count(c) }).toEqual({ [c]: 0 })
    }
    const [image] = life.listing.images
    const kept = await all(backend.store, Collections.listingImages)
    expect(kept.map((d) => d.key)).toContain(image.key)
    for (const doc of kept) expect(existsSync(fileOf(doc.key as string))).toBe(true)
    expect(await backend.store.count(Collections.sessions)).toBeGreaterThan(0)
  })

  it('past 30 days: the sessions are gone; the reveals and the security log, still within 6 months, are untouched', async () => {
    backend.clock.set(start + 32 * DAY_MS)
    const counts = await runAndCheck()
    expect(counts.sessions).toBeGreaterThan(0)
    expect(await backend.store.count(Collections.sessions)).toBe(0)
    expect(await backend.store.count(Collections.contactReveals)).toBeGreaterThan(0)
    expect((await all(backend.store, Collections.securityLog)).every((d) => d.userId !== null)).toBe(true)
  })

  it('past 6 months: the contact reveals are deleted; the security log is anonymised, not deleted, and a second run changes nothing', async () => {
    backend.clock.set(start + 183 * DAY_MS)
    const entries = await backend.store.count(Collections.securityLog)
    const counts = await runAndCheck()
    expect(counts.contact_reveals).toBeGreaterThan(0)
    expect(await backend.store.count(Collections.contactReveals)).toBe(0)
    expect(counts['security_log:anonymised']).toBe(entries)
    expect(counts.security_log).toBe(0)
    const log = await all(backend.store, Collections.securityLog)
    expect(log).toHaveLength(entries)
    for (const entry of log) {
      expect(entry).toMatchObject({ userId: null, ip: null, event: expect.any(String), at: expect.any(Number) })
      expect(entry.retainUntil).toBe((entry.at as number) + 365 * DAY_MS)
    }
    expect(JSON.stringify(log)).not.toContain(life.session.profile.userId)
    const again = await runAndCheck()
    expect(again['security_log:anonymised']).toBe(0)
    expect(await all(backend.store, Collections.securityLog)).toEqual(log)
  })

  it('past a year: the anonymous security log is deleted; the listing, its image and the account stay', async () => {
    backend.clock.set(start + 367 * DAY_MS)
    const entries = await backend.store.count(Collections.securityLog)
    const counts = await runAndCheck()
    expect(counts.security_log).toBe(entries)
    expect(await backend.store.count(Collections.securityLog)).toBe(0)
    expect(await backend.store.get(Collections.listings, life.listing.id)).not.toBeNull()
    expect(await backend.store.get(Collections.users, life.session.profile.userId)).not.toBeNull()
    expect(await backend.store.count(Collections.listingImages)).toBeGreaterThan(0)
  })
})

describe('job retention: uploads no listing took', () => {
  let backend: EmbeddedBackend
  const logged: Array<Record<string, unknown>> = []
  beforeEach(async () => {
    logged.length = 0
    backend = await createEmbeddedBackend({ seed: false, logger: logTo(logged) })
  })
  afterEach(() => backend.dispose())
  const main = () => createJobMain(retentionJob, () => backend.deps)

  const upload = async (key: string, ownerId: string, listingId: string | null) => {
    await backend.files.put(key, Buffer.from(PLAIN_JPEG_BASE64, 'base64'), 'image/jpeg')
    await backend.store.insert(Collections.listingImages, {
      _id: key
        .split('/')
        .pop()!
        .replace(/\.jpg$/, ''),
      key,
      url: `/files/${key}`,
      ownerId,
      createdAt: backend.clock.now(),
      listingId,
    })
  }

  it('a thumbnail follows its image: one the listing names is bound and kept, one no listing took goes with its file', async () => {
    await upload('listings/u1/photo.jpg', 'u1', null)
    await upload('listings/u1/photosmall.jpg', 'u1', null)
    await upload('listings/u1/leftsmall.jpg', 'u1', null)
    await backend.store.insert(Collections.listings, {
      _id: 'l1',
      posterId: 'u1',
      createdAt: backend.clock.now(),
      imageKeys: ['listings/u1/photo.jpg'],
      thumbnailKeys: ['listings/u1/photosmall.jpg'],
    })
    backend.clock.advance(DAY_MS + 1)
    expect(await main()(timer)).toMatchObject({
      ok: true,
      data: { listing_images: 1, 'listing_images:bound': 2, 'listing_images:failed': 0 },
    })
    expect(await backend.store.get(Collections.listingImages, 'photosmall')).toMatchObject({ listingId: 'l1' })
    expect(existsSync(join(backend.filesDir, 'listings/u1/photosmall.jpg'))).toBe(true)
    expect(existsSync(join(backend.filesDir, 'listings/u1/leftsmall.jpg'))).toBe(false)
    expect(ids(await all(backend.store, Collections.listingImages))).toEqual(['photo', 'photosmall'])
  })

  it('an unbound upload its owner’s listing names (saved, not yet bound) is bound and kept; a failed file delete is logged and retried next run', async () => {
    await upload('listings/u1/named.jpg', 'u1', null)
    await upload('listings/u1/stray.jpg', 'u1', null)
    await backend.store.insert(Collections.listings, {
      _id: 'l1',
      posterId: 'u1',
      createdAt: backend.clock.now(),
      imageKeys: ['listings/u1/named.jpg'],
    })
    backend.clock.advance(DAY_MS + 1)
    const files = backend.deps.files
    backend.deps.files = {
      ...files,
      delete: async () => {
        throw new Error('storage unavailable')
      },
    }
    expect(await main()(timer)).toMatchObject({
      ok: true,
      data: { listing_images: 0, 'listing_images:bound': 1, 'listing_images:failed': 1 },
    })
    expect(await backend.store.get(Collections.listingImages, 'named')).toMatchObject({ listingId: 'l1' })
    expect(logged.find((line) => line.msg === 'unused listing image not deleted')).toMatchObject({
      key: 'listings/u1/stray.jpg',
      errMessage: 'storage unavailable',
    })

    backend.deps.files = files
    expect(await main()(timer)).toMatchObject({
      ok: true,
      data: { listing_images: 1, 'listing_images:bound': 0, 'listing_images:failed': 0 },
    })
    expect(existsSync(join(backend.filesDir, 'listings/u1/stray.jpg'))).toBe(false)
    expect(existsSync(join(backend.filesDir, 'listings/u1/named.jpg'))).toBe(true)
    expect(ids(await all(backend.store, Collections.listingImages))).toEqual(['named'])
  })
})

describe('job retention, started the way CloudBase starts a job', () => {
  let backend: EmbeddedBackend
  const logged: Array<Record<string, unknown>> = []

  beforeEach(async () => {
    logged.length = 0
    backend = await createEmbeddedBackend({ seed: false, logger: logTo(logged) })
    const now = backend.clock.now()
    for (const [id, retainUntil] of [
      ['old-1', now - 1],
      ['old-2', now - 60_000],
      ['live', now + 60_000],
    ] as const) {
      await backend.store.insert(Collections.rateCounters, { _id: id, count: 1, retainUntil })
    }
    await backend.store.insert(Collections.humanChecks, { _id: 'spent', retainUntil: now - 1 })
    for (const [id, userId] of [
      ['log-1', 'u1'],
      ['log-2', 'u2'],
    ]) {
      await backend.store.insert(Collections.securityLog, { _id: id, userId, ip: '203.0.113.0', retainUntil: now - 1 })
    }
  })
  afterEach(() => backend.dispose())

  const main = () => createJobMain(retentionJob, () => backend.deps)

  it.each([
    ['a client callFunction shaped like a timer', { ...timer, userInfo: { openId: 'o-1', appId: 'wx' } }],
    ['an HTTP request', { httpMethod: 'POST', headers: {}, body: JSON.stringify(timer) }],
    ['another job’s trigger', { ...timer, TriggerName: 'someone-else' }],
    ['an action call', { action: 'run', payload: {} }],
    ['no event at all', null],
  ])('%s is refused and changes nothing', async (_what, event) => {
    expect(await main()(event)).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })
    expect(await backend.store.count(Collections.rateCounters)).toBe(3)
    expect(await backend.store.count(Collections.humanChecks)).toBe(1)
    expect(await backend.store.count(Collections.securityLog, { userId: 'u1' })).toBe(1)
  })

  it('stopped halfway (the store fails mid-run), the next run finishes the work and a third finds nothing to do', async () => {
    const store = backend.deps.store
    let writes = 0
    const failOnThird = async () => {
      writes += 1
      if (writes === 3) throw new Error('connection lost')
    }
    backend.deps.store = Object.assign(Object.create(store) as typeof store, {
      deleteWhere: async (...args: Parameters<typeof store.deleteWhere>) => {
        await failOnThird()
        return store.deleteWhere(...args)
      },
      update: async (...args: Parameters<typeof store.update>) => {
        await failOnThird()
        return store.update(...args)
      },
    })
    expect(await main()(timer)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(logged.find((line) => line.msg === 'job failed')).toMatchObject({
      job: 'retention',
      errMessage: 'connection lost',
    })
    // Part done, part left: which part depends on the order, none of it half-done.
    const left = async () => ({
      counters: await store.count(Collections.rateCounters),
      checks: await store.count(Collections.humanChecks),
      linkedLog: (await all(store, Collections.securityLog)).filter((d) => d.userId !== null).length,
    })
    const halfway = await left()
    expect(halfway).not.toEqual({ counters: 1, checks: 0, linkedLog: 0 })
    expect(halfway).not.toEqual({ counters: 3, checks: 1, linkedLog: 2 })

    const second = await main()(timer)
    expect(second).toMatchObject({ ok: true })
    expect(await left()).toEqual({ counters: 1, checks: 0, linkedLog: 0 })
    expect(await backend.store.get(Collections.rateCounters, 'live')).not.toBeNull()
    for (const entry of await all(store, Collections.securityLog)) {
      expect(entry).toMatchObject({ userId: null, ip: null, retainUntil: backend.clock.now() - 1 + 185 * DAY_MS })
    }
    const third = (await main()(timer)) as { data: Record<string, number> }
    expect(Object.values(third.data).every((n) => n === 0)).toBe(true)
  })

  it('a job is a lower-case name and a 7-field schedule, or it is not defined', () => {
    expect(() => defineJob('Retention', '0 0 4 * * * *', async () => ({}))).toThrow(/lower-case/)
    expect(() => defineJob('retention', '0 4 * * *', async () => ({}))).toThrow(/7 fields/)
  })
})

describe('job retention: deployed and documented', () => {
  const root = join(__dirname, '..', '..', '..')

  it('cloudbaserc.json deploys it as job-retention with one timer on its schedule, and no longer deploys sweep-expired', () => {
    const rc = JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')) as {
      functions: Array<{ name: string; triggers?: unknown[] }>
    }
    expect(rc.functions.find((f) => f.name === 'job-retention')?.triggers).toEqual([
      { name: 'retention', type: 'timer', config: '0 0 4 * * * *' },
    ])
    expect(rc.functions.map((f) => f.name)).not.toContain('job-sweep-expired')
    expect(existsSync(join(root, 'cloudfunctions', 'job-retention', 'main.ts'))).toBe(true)
  })

  it('the README names the job, its schedule and every collection it enforces', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    expect(readme).not.toContain('sweep-expired')
    for (const text of ['`job-retention`', '`0 0 4 * * * *`', 'npm run job retention', '`listing_images`']) {
      expect(readme).toContain(text)
    }
    for (const collection of LIMITED) expect(readme).toContain(`| \`${collection}\` |`)
  })
})
