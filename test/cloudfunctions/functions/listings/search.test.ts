import { Collections } from '@shared/collections'
import type { ListingSummary, MyListingDetail, Page } from '@shared/contracts'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { flushFunctions } from '@shared/functions'
import { countAll, dataOf } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { guest, member, type Member } from '../../../support/member'

const DAY = 24 * 60 * 60 * 1000
const MINUTE = 60 * 1000

describe('listings: keyword search', () => {
  let backend: EmbeddedBackend
  let a: Member<'listings'>

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    a = await member(backend, '13800000001', 'listings')
  })
  afterEach(() => backend.dispose())

  const search = async (payload: Record<string, unknown>) =>
    dataOf(await guest(backend, 'listings').call('listListings', { pageSize: 50, ...payload }))
  const ids = async (payload: Record<string, unknown>) => (await search(payload)).items.map((i) => i.id)

  /** Publishes one listing a minute, so the newest-first order is known. */
  const publish = async (overrides: Record<string, unknown>) => {
    backend.clock.advance(MINUTE)
    return a.publish(overrides)
  }

  it('a two-character Chinese keyword finds listings by title, description, company or brand, newest first', async () => {
    const byTitle = await publish({ title: '琥珀茶饮成都区域代理招募' })
    const byDescription = await publish({
      title: '茶饮品牌诚招成都代理',
      description: '本品牌主打琥珀系列茶饮，提供全套培训和供应链支持。',
    })
    const byCompany = await publish({ title: '饮品设备成都代理招募', company: '成都琥珀餐饮管理有限公司' })
    const byBrand = await publish({ title: '新式茶饮成都代理招募', brand: '琥珀' })
    await publish({ title: '与关键词无关的门锁代理' })

    expect(await ids({ keyword: '琥珀' })).toEqual([byBrand.id, byCompany.id, byDescription.id, byTitle.id])
  })

  it('search combines with category, province, city and poster', async () => {
    const chengdu = await publish({ title: '琥珀茶饮成都区域代理招募' })
    const mianyang = await publish({ title: '琥珀茶饮绵阳区域代理招募', region: { province: '四川省', city: '绵阳' } })
    const guangzhou = await publish({ title: '琥珀茶饮广州区域代理招募', region: { province: '广东省', city: '广州' } })
    const franchise = await publish({
      category: 'brand-franchise',
      title: '琥珀茶饮品牌全国招商加盟',
      region: null,
    })

    expect(await ids({ keyword: '琥珀', category: 'agency' })).toEqual([guangzhou.id, mianyang.id, chengdu.id])
    expect(await ids({ keyword: '琥珀', category: 'brand-franchise' })).toEqual([franchise.id])
    expect(await ids({ keyword: '琥珀', province: '四川省' })).toEqual([mianyang.id, chengdu.id])
    expect(await ids({ keyword: '琥珀', city: '广州' })).toEqual([guangzhou.id])
    expect(await ids({ keyword: '琥珀', posterId: a.userId, category: 'agency', city: '成都' })).toEqual([chengdu.id])
  })

  it('every word of a longer keyword must occur; one character finds any listing holding it', async () => {
    const both = await publish({ title: '琥珀茶饮成都区域代理招募' })
    const one = await publish({ title: '琥珀门锁成都区域代理招募' })
    expect(await ids({ keyword: '琥珀茶饮' })).toEqual([both.id])
    expect(await ids({ keyword: '琥珀门锁' })).toEqual([one.id])
    // Words apart are searched each on its own: both listings mention 门锁 in their description.
    expect(await ids({ keyword: '琥珀 门锁' })).toEqual([one.id, both.id])
    expect(await ids({ keyword: '茶饮 琥珀' })).toEqual([both.id])
    expect(await ids({ keyword: '珀' })).toEqual([one.id, both.id])
  })

  it('case and full-width letters do not matter; a keyword of only punctuation finds nothing', async () => {
    const created = await publish({ title: 'ＡＢＣ智能门锁成都代理', brand: 'Qinghe' })
    expect(await ids({ keyword: 'abc' })).toEqual([created.id])
    expect(await ids({ keyword: 'QINGHE' })).toEqual([created.id])
    expect(await search({ keyword: '！？…' })).toEqual({ items: [], nextCursor: null })
  })

  it('the demo listings are searchable too: every hit for 招商 holds the word, and pages never repeat', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Page<ListingSummary> = await search({ keyword: '招商', pageSize: 7, cursor })
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.length).toBeGreaterThan(7)
    expect(new Set(seen).size).toBe(seen.length)
    for (const id of seen) {
      const doc = await backend.store.get<ListingDoc>(Collections.listings, id)
      expect(`${doc?.title}${doc?.description}${doc?.company}${doc?.brand}`).toContain('招商')
      expect(doc?.status).toBe('published')
    }
  })

  it('最多浏览 puts the most viewed first, ties newest first, and its pages neither repeat nor miss a listing', async () => {
    const listed: MyListingDetail[] = []
    for (let i = 0; i < 7; i++) listed.push(await publish({ title: `琥珀茶饮第 ${i + 1} 家成都代理招募` }))
    // Counts as views leave them; four listings share a count, two another.
    const counts = [5, 2, 5, 0, 5, 2, 5]
    for (const [i, listing] of listed.entries()) {
      expect(await backend.store.update(Collections.listings, listing.id, { viewCount: counts[i] })).toBe(true)
    }
    const expected = [6, 4, 2, 0, 5, 1, 3].map((i) => listed[i].id)

    for (const payload of [{ keyword: '琥珀' }, {}, { category: 'agency' }]) {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page: Page<ListingSummary> = await search({ ...payload, order: 'views', pageSize: 2, cursor })
        seen.push(...page.items.map((i) => i.id))
        cursor = page.nextCursor
      } while (cursor)
      expect(seen.filter((id) => expected.includes(id))).toEqual(expected)
      expect(new Set(seen).size).toBe(seen.length)
    }
    // The default stays newest first.
    expect(await ids({ keyword: '琥珀' })).toEqual([...listed].reverse().map((l) => l.id))
    expect(await ids({ keyword: '琥珀', order: 'latest' })).toEqual([...listed].reverse().map((l) => l.id))
  })

  it('an order other than 最新 or 最多浏览 is refused, naming the field', async () => {
    const refused = await guest(backend, 'listings').call('listListings', { order: 'random' } as never)
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'order' } })
    expect(refused.ok === false && refused.error.message).toMatch(/排序方式/)
  })

  it('pending, rejected, taken-down and expired listings are never found', async () => {
    const pending = await publish({ title: '琥珀项目高回报代理招募' })
    const rejected = await publish({ title: '琥珀项目赌博代理招募' })
    const takenDown = await publish({ title: '琥珀茶饮成都区域代理招募' })
    dataOf(await a.call('takeDownListing', { id: takenDown.id }))
    const expiring = await publish({ title: '琥珀门锁成都区域代理招募', validityDays: 7 })
    expect(await ids({ keyword: '琥珀' })).toEqual([expiring.id])
    backend.clock.advance(7 * DAY)
    expect(await ids({ keyword: '琥珀' })).toEqual([])
    expect([pending.status, rejected.status]).toEqual(['pending', 'rejected'])
  })

  it.each([
    [{ keyword: '' }, 'keyword'],
    [{ keyword: '   ' }, 'keyword'],
    [{ keyword: '琥'.repeat(31) }, 'keyword'],
    [{ keyword: { $regex: '.*' } }, 'keyword'],
    [{ keyword: ['琥珀'] }, 'keyword'],
    [{ province: '火星省' }, 'province'],
    [{ posterId: { $ne: null } }, 'posterId'],
  ])('a bad search %j is INVALID_INPUT naming %s', async (payload, field) => {
    expect(await guest(backend, 'listings').call('listListings', payload)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field },
    })
  })
})

describe('listings: view count', () => {
  let backend: EmbeddedBackend
  let poster: Member<'listings'>
  let viewer: Member<'listings'>
  let listing: MyListingDetail

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000001', 'listings')
    viewer = await member(backend, '13800000002', 'listings')
    listing = await poster.publish()
  })
  afterEach(() => backend.dispose())

  const viewAs = async (viewer?: Member<'listings'>) => {
    const { call } = viewer ?? guest(backend, 'listings')
    return dataOf(await call('getListing', { id: listing.id })).viewCount
  }

  it('a member’s views count once per day; the next day counts again', async () => {
    expect(await viewAs(viewer)).toBe(1)
    expect(await viewAs(viewer)).toBe(1)
    backend.clock.advance(DAY)
    expect(await viewAs(viewer)).toBe(2)
    const views = await backend.store.find(Collections.listingViews, { orderBy: [], limit: 10 })
    expect(views.items).toHaveLength(2)
    // A marker that tells repeat views apart, not a history: no member or listing id, gone the day after.
    for (const view of views.items) {
      expect(Object.keys(view).sort()).toEqual(['_id', 'retainUntil'])
      expect(JSON.stringify(view)).not.toContain(viewer.userId)
      expect(JSON.stringify(view)).not.toContain(listing.id)
      expect(view.retainUntil).toBeLessThanOrEqual(backend.clock.now() + 2 * DAY)
    }
  })

  it('a guest’s view is counted without storing anything about the guest, once a day however often they look', async () => {
    const before = await countAll(backend)
    expect(await viewAs()).toBe(1)
    expect(await viewAs()).toBe(1)
    // Tallied in memory, written when the host flushes (guest-views.test.ts).
    await flushFunctions(backend.deps)
    expect((await backend.store.get<ListingDoc>(Collections.listings, listing.id))?.viewCount).toBe(1)
    expect(await countAll(backend)).toEqual(before)
  })

  it('the poster’s own views do not count', async () => {
    expect(await viewAs(poster)).toBe(0)
    expect(await viewAs(viewer)).toBe(1)
    expect((await backend.store.get<ListingDoc>(Collections.listings, listing.id))?.viewCount).toBe(1)
  })

  it('views do not get in the way of the poster’s edits', async () => {
    const current = await backend.store.get<ListingDoc>(Collections.listings, listing.id)
    await viewAs(viewer)
    const renewed = dataOf(await poster.call('renewListing', { id: listing.id, validityDays: 90 }))
    expect(renewed.viewCount).toBe(1)
    expect(renewed.expiresAt).toBeGreaterThan(current!.expiresAt)
  })
})
