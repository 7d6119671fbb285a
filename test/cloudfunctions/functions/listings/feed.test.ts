import { Collections } from '@shared/collections'
import type { Envelope, ListingDetail, ListingSummary, Page } from '@shared/contracts'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'

type FeedEnvelope = Envelope<Page<ListingSummary>>

describe('listings: the public feed and detail', () => {
  let backend: EmbeddedBackend

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
  })
  afterEach(() => backend.dispose())

  const feed = async (payload: Record<string, unknown> = {}) =>
    (await backend.callFunction('listings', { action: 'listListings', payload })) as FeedEnvelope

  const visibleCount = async (where: Record<string, unknown> = {}) => {
    const docs = await backend.store.find<ListingDoc>(Collections.listings, {
      where: where as never,
      orderBy: [],
      limit: 1000,
    })
    return docs.items.filter((d) => d.status === 'published' && d.expiresAt > backend.clock.now()).length
  }

  it('a visitor sees published listings newest first, twenty to a page by default', async () => {
    const result = await feed()
    if (!result.ok) throw new Error(result.error.code)
    expect(result.data.items).toHaveLength(20)
    const times = result.data.items.map((i) => i.publishedAt)
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    expect(result.data.nextCursor).toEqual(expect.any(String))
  })

  it('walking every page by cursor returns each visible listing exactly once and never a hidden one', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const result = await feed({ pageSize: 50, cursor })
      if (!result.ok) throw new Error(result.error.code)
      seen.push(...result.data.items.map((i) => i.id))
      cursor = result.data.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(await visibleCount())
    expect(seen.length).toBeGreaterThanOrEqual(200)
    for (const id of seen) {
      const doc = await backend.store.get<ListingDoc>(Collections.listings, id)
      expect(doc?.status).toBe('published')
    }
  })

  it('filtering by category and by city returns only matching listings', async () => {
    const byCategory = await feed({ category: 'agency', pageSize: 50 })
    if (!byCategory.ok) throw new Error(byCategory.error.code)
    expect(byCategory.data.items.length).toBeGreaterThan(0)
    expect(byCategory.data.items.every((i) => i.category === 'agency' && i.categoryName === '代理加盟')).toBe(true)

    const byCity = await feed({ city: '成都', pageSize: 50 })
    if (!byCity.ok) throw new Error(byCity.error.code)
    expect(byCity.data.items.length).toBeGreaterThan(0)
    expect(byCity.data.items.every((i) => i.city === '成都')).toBe(true)
  })

  it('filtering by province, and by poster (the detail page’s 「TA 的其他信息」)', async () => {
    const byProvince = await feed({ province: '广东省', pageSize: 50 })
    if (!byProvince.ok) throw new Error(byProvince.error.code)
    expect(byProvince.data.items.length).toBeGreaterThan(0)
    expect(byProvince.data.items.every((i) => i.province === '广东省')).toBe(true)

    const byPoster = await feed({ posterId: 'demo-poster-1', pageSize: 50 })
    if (!byPoster.ok) throw new Error(byPoster.error.code)
    expect(byPoster.data.items.length).toBeGreaterThan(0)
    for (const item of byPoster.data.items) {
      expect((await backend.store.get<ListingDoc>(Collections.listings, item.id))?.posterId).toBe('demo-poster-1')
    }
  })

  it('a listing disappears from the feed the moment it expires, before any cleanup job runs', async () => {
    const first = await feed({ pageSize: 1 })
    if (!first.ok) throw new Error(first.error.code)
    const newest = first.data.items[0]
    backend.clock.set(newest.expiresAt)
    const later = await feed({ pageSize: 50 })
    if (!later.ok) throw new Error(later.error.code)
    expect(later.data.items.map((i) => i.id)).not.toContain(newest.id)
    const detail = await backend.callFunction('listings', { action: 'getListing', payload: { id: newest.id } })
    expect(detail).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('a feed card never carries contact details', async () => {
    const result = await feed({ pageSize: 50 })
    const text = JSON.stringify(result)
    expect(text).not.toMatch(/1230000\d{4}/)
    expect(text).not.toContain('demo_')
    expect(text).not.toContain('contact')
  })

  it('the detail shows the public fields and a masked phone, never the full number', async () => {
    const result = (await backend.callFunction('listings', {
      action: 'getListing',
      payload: { id: 'demo-0001' },
    })) as Envelope<ListingDetail>
    if (!result.ok) throw new Error(result.error.code)
    expect(result.data).toMatchObject({ id: 'demo-0001', maskedPhone: '123****0001', categoryName: '品牌招商' })
    expect(JSON.stringify(result.data)).not.toContain('12300000001')
  })

  it('pending and taken-down listings are not found, exactly like missing ones', async () => {
    const hidden = (
      await backend.store.find<ListingDoc>(Collections.listings, {
        where: { status: { in: ['pending', 'takenDown'] } },
        orderBy: [],
        limit: 5,
      })
    ).items
    expect(hidden.length).toBeGreaterThan(0)
    for (const doc of [...hidden.map((d) => d._id), 'no-such-listing']) {
      const result = await backend.callFunction('listings', { action: 'getListing', payload: { id: doc } })
      expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '该信息不存在或已下架' } })
    }
  })

  it('categories come from the database in their configured order', async () => {
    const result = await backend.callFunction('listings', { action: 'listCategories', payload: {} })
    if (!('ok' in result) || !result.ok) throw new Error('failed')
    expect((result.data as Array<{ name: string }>).map((c) => c.name)).toEqual([
      '品牌招商',
      '代理加盟',
      '产品供应',
      '采购需求',
      '项目合作',
      '资金合作',
      '技术服务',
      '场地资源',
    ])
  })

  it.each([
    [{ pageSize: 51 }, 'pageSize'],
    [{ pageSize: 0 }, 'pageSize'],
    [{ pageSize: '20' }, 'pageSize'],
    [{ category: { $gt: '' } }, 'category'],
    [{ city: ['成都'] }, 'city'],
    [{ cursor: '!!' }, 'cursor'],
    [{ offset: 40 }, 'offset'],
  ])('a bad feed request %j is refused naming %s, in Chinese', async (payload, field) => {
    const result = await feed(payload)
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } })
    if (result.ok) return
    expect(result.error.message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('a well-formed but forged cursor is refused as invalid input on the cursor field', async () => {
    const forged = Buffer.from('["not", "a cursor"]').toString('base64url')
    expect(await feed({ cursor: forged })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'cursor' },
    })
  })
})
