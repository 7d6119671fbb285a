import { Collections } from '@shared/collections'
import type { MyListingDetail } from '@shared/contracts'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { countAll, dataOf } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { validListing } from '../../../support/listings'
import { guest, member, type ActionOf, type Member } from '../../../support/member'

const DAY = 24 * 60 * 60 * 1000
const HOUR = 60 * 60 * 1000
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)])

describe('listings: my listings', () => {
  let backend: EmbeddedBackend
  let a: Member<'listings'>
  let b: Member<'listings'>
  let listing: MyListingDetail

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    a = await member(backend, '13800000001', 'listings')
    b = await member(backend, '13800000002', 'listings')
    listing = await a.publish({
      contact: {
        name: '张经理',
        phone: '13912345678',
        wechat: 'qinghe_zhang',
        qq: '12345678',
        public: { name: true, phone: true, wechat: true },
      },
    })
  })
  afterEach(() => backend.dispose())

  const stored = (id = listing.id) => backend.store.get<ListingDoc>(Collections.listings, id)
  const detail = (id = listing.id) => guest(backend, 'listings').call('getListing', { id })
  const feedIds = async (payload: Record<string, unknown> = {}) =>
    dataOf(await guest(backend, 'listings').call('listListings', { pageSize: 50, ...payload })).items.map((i) => i.id)
  const mine = async (member = a) => dataOf(await member.call('listMyListings', { pageSize: 50 })).items
  const editPayload = (overrides: Record<string, unknown> = {}) => {
    const { clientRequestId: _c, validityDays: _v, ...content } = validListing(overrides)
    return { id: listing.id, ...content }
  }

  describe('a listing is named { listingId } in every request; installed clients sending { id } keep working', () => {
    it('both names reach the same listing, for guests and for its poster', async () => {
      const visitor = guest(backend, 'listings')
      const current = dataOf(await visitor.call('getListing', { listingId: listing.id }))
      const legacy = dataOf(await visitor.call('getListing', { id: listing.id }))
      // Each read counts a view; otherwise the two answers are the same.
      expect({ ...legacy, viewCount: 0 }).toEqual({ ...current, viewCount: 0 })
      const renewed = await a.ok('renewListing', { listingId: listing.id, validityDays: 90 })
      expect((await a.ok('getMyListing', { id: listing.id })).expiresAt).toBe(renewed.expiresAt)
      const hidden = await a.ok('setContactVisibility', { id: listing.id, field: 'qq', public: false })
      expect(hidden.contact.public.qq).toBe(false)
    })

    it('a bad reference is refused naming listingId, whichever name was sent; both at once is refused', async () => {
      for (const payload of [{ listingId: 'no such!' }, { id: 'no such!' }, {}]) {
        expect(await a.call('getMyListing', payload)).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', field: 'listingId' },
        })
      }
      expect(await a.call('getMyListing', { listingId: listing.id, id: listing.id })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'id' },
      })
      expect(await a.call('takeDownListing', { id: listing.id, extra: 1 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'extra' },
      })
    })
  })

  describe('another member and guests are refused, and nothing changes', () => {
    const actions: Array<[ActionOf<'listings'>, () => Record<string, unknown>]> = [
      ['getMyListing', () => ({ id: listing.id })],
      ['updateListing', () => editPayload({ title: '被他人改掉的标题内容' })],
      ['takeDownListing', () => ({ id: listing.id })],
      ['republishListing', () => ({ id: listing.id })],
      ['refreshListing', () => ({ id: listing.id })],
      ['renewListing', () => ({ id: listing.id, validityDays: 90 })],
      ['setContactVisibility', () => ({ id: listing.id, field: 'phone', public: false })],
      ['deleteListing', () => ({ id: listing.id })],
    ]

    it.each(actions)('member B calling %s on A’s listing gets NOT_ALLOWED', async (action, payload) => {
      backend.clock.advance(2 * DAY)
      const before = await stored()
      const counts = await countAll(backend)
      expect(await b.call(action, payload())).toMatchObject({
        ok: false,
        status: 403,
        error: { code: 'NOT_ALLOWED', message: '只能管理自己发布的信息' },
      })
      expect(await stored()).toEqual(before)
      expect(await countAll(backend)).toEqual(counts)
    })

    it.each(actions)('a guest calling %s gets UNAUTHENTICATED', async (action, payload) => {
      const before = await stored()
      expect(await guest(backend, 'listings').call(action, payload())).toMatchObject({
        ok: false,
        status: 401,
        error: { code: 'UNAUTHENTICATED' },
      })
      expect(await stored()).toEqual(before)
    })

    it('a listing id that does not exist is NOT_FOUND', async () => {
      expect(await a.call('takeDownListing', { id: 'no-such-listing' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    })

    it('B’s list shows only B’s listings, never A’s', async () => {
      await b.publish({ title: '成都区域净水设备代理招募', contact: { phone: '13700000000' } })
      expect((await mine(b)).map((l) => l.title)).toEqual(['成都区域净水设备代理招募'])
      expect((await mine(a)).map((l) => l.id)).toEqual([listing.id])
    })
  })

  it('the list shows every status with its reason, newest first, page by page; an expired listing reads expired', async () => {
    backend.clock.advance(HOUR)
    const pending = await a.publish({ title: '高回报门锁代理项目招募' })
    backend.clock.advance(HOUR)
    const rejected = await a.publish({ title: '门锁代理附带赌博项目合作' })
    backend.clock.advance(HOUR)
    const shortLived = await a.publish({ title: '七天有效的门锁代理信息', validityDays: 7 })
    dataOf(await a.call('takeDownListing', { id: pending.id }))
    backend.clock.advance(8 * DAY)

    const items = await mine()
    expect(items.map((l) => [l.id, l.status])).toEqual([
      [shortLived.id, 'expired'],
      [rejected.id, 'rejected'],
      [pending.id, 'takenDown'],
      [listing.id, 'published'],
    ])
    expect(items[1].reviewReason).toContain('赌博')

    const first = dataOf(await a.call('listMyListings', { pageSize: 3 }))
    expect(first.items).toHaveLength(3)
    const second = dataOf(await a.call('listMyListings', { pageSize: 3, cursor: first.nextCursor }))
    expect(second).toEqual({ items: [items[3]], nextCursor: null })
  })

  it('getMyListing gives the poster the whole listing for editing, contact unmasked', async () => {
    expect(dataOf(await a.call('getMyListing', { id: listing.id }))).toMatchObject({
      id: listing.id,
      contact: { phone: '13912345678', qq: '12345678', public: { phone: true, qq: false } },
      region: { province: '四川省', city: '成都' },
    })
  })

  describe('editing', () => {
    it('the edited content is checked again: a published listing may go to review or be rejected, and back', async () => {
      const held = dataOf(
        await a.call('updateListing', editPayload({ description: '门锁代理项目，日赚千元，欢迎洽谈合作事宜。' })),
      )
      expect(held).toMatchObject({ status: 'pending', reviewReason: '内容包含需人工审核的词「日赚」' })
      expect(await feedIds()).not.toContain(listing.id)

      const refused = dataOf(await a.call('updateListing', editPayload({ title: '门锁代理兼营私彩业务' })))
      expect(refused).toMatchObject({ status: 'rejected', reviewReason: expect.stringContaining('私彩') })

      const fixed = dataOf(await a.call('updateListing', editPayload({ title: '智能门锁诚招绵阳区域代理' })))
      expect(fixed).toMatchObject({ status: 'published', reviewReason: null, title: '智能门锁诚招绵阳区域代理' })
      expect(await feedIds()).toContain(listing.id)
    })

    it('search follows the edit at once: the new words find it, the old ones no longer do', async () => {
      expect(await feedIds({ keyword: '门锁' })).toContain(listing.id)
      dataOf(
        await a.call(
          'updateListing',
          editPayload({ title: '净水设备诚招成都区域代理', description: '厂家直供净水设备，提供样品和售后支持。' }),
        ),
      )
      expect(await feedIds({ keyword: '门锁' })).not.toContain(listing.id)
      expect(await feedIds({ keyword: '净水' })).toContain(listing.id)
    })

    it('an edit is validated like a new listing and a refused edit changes nothing', async () => {
      const before = await stored()
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ company: '' }, 'company'],
        [{ contact: { phone: '123' } }, 'contact.phone'],
        [{ title: { $gt: '' } }, 'title'],
        [{ category: 'purchasing' }, 'brand'],
      ]
      for (const [overrides, field] of cases) {
        expect(await a.call('updateListing', editPayload(overrides))).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', field },
        })
      }
      expect(await a.call('updateListing', { ...editPayload(), validityDays: 90 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'validityDays' },
      })
      expect(await stored()).toEqual(before)
    })

    it('a taken-down listing stays down when edited; images removed by the edit are deleted', async () => {
      const image = dataOf(await a.call('uploadListingImage', { mimeType: 'image/png', data: PNG.toString('base64') }))
      dataOf(await a.call('updateListing', editPayload({ images: [image.key] })))
      dataOf(await a.call('takeDownListing', { id: listing.id }))
      const edited = dataOf(await a.call('updateListing', editPayload({ images: [] })))
      expect(edited.status).toBe('takenDown')
      expect(await backend.store.get(Collections.listingImages, image.key.split('/')[2].split('.')[0])).toBeNull()
    })
  })

  it('take down hides it everywhere at once; republish brings it back through the content check', async () => {
    expect(dataOf(await a.call('takeDownListing', { id: listing.id })).status).toBe('takenDown')
    expect(await feedIds()).not.toContain(listing.id)
    expect(await detail()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // Taking down twice is harmless.
    expect(dataOf(await a.call('takeDownListing', { id: listing.id })).status).toBe('takenDown')

    expect(dataOf(await a.call('republishListing', { id: listing.id })).status).toBe('published')
    expect(await feedIds()).toContain(listing.id)
  })

  it('republishing an expired listing asks for a renewal first; renewing shows it again', async () => {
    listing = await a.publish({ title: '七天有效的门锁代理信息', validityDays: 7 })
    dataOf(await a.call('takeDownListing', { id: listing.id }))
    backend.clock.advance(8 * DAY)
    expect(await a.call('republishListing', { id: listing.id })).toMatchObject({
      ok: false,
      status: 409,
      error: { code: 'CONFLICT', message: '该信息已过期，请先续期' },
    })
    const renewed = dataOf(await a.call('renewListing', { id: listing.id, validityDays: 7 }))
    expect(renewed).toMatchObject({ validityDays: 7, expiresAt: backend.clock.now() + 7 * DAY, status: 'takenDown' })
    expect(dataOf(await a.call('republishListing', { id: listing.id })).status).toBe('published')
    expect(await feedIds()).toContain(listing.id)
  })

  it('an expired listing is hidden at once and comes back when renewed', async () => {
    backend.clock.advance(HOUR)
    listing = await a.publish({ title: '七天有效的门锁代理信息', validityDays: 7 })
    backend.clock.advance(7 * DAY)
    expect(await feedIds()).not.toContain(listing.id)
    expect(await detail()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await mine())[0].status).toBe('expired')
    dataOf(await a.call('renewListing', { id: listing.id, validityDays: 90 }))
    expect(await feedIds()).toContain(listing.id)
    expect((await mine())[0]).toMatchObject({ status: 'published', validityDays: 90 })
  })

  it('refresh moves it to the top of the feed, at most once per 24 hours', async () => {
    backend.clock.advance(HOUR)
    const other = await b.publish({ title: '后发布的净水设备代理', contact: { phone: '13700000000' } })
    expect((await feedIds())[0]).toBe(other.id)

    expect(await a.call('refreshListing', { id: listing.id })).toMatchObject({
      ok: false,
      status: 429,
      error: { code: 'RATE_LIMITED', message: '每条信息 24 小时内只能刷新一次，请 23 小时后再试' },
    })
    backend.clock.advance(DAY - HOUR)
    const refreshed = dataOf(await a.call('refreshListing', { id: listing.id }))
    expect(refreshed.publishedAt).toBe(backend.clock.now())
    expect(refreshed.refreshableAt).toBe(backend.clock.now() + DAY)
    expect((await feedIds())[0]).toBe(listing.id)
    expect((await feedIds({ keyword: '代理' }))[0]).toBe(listing.id)

    backend.clock.advance(23 * HOUR)
    expect(await a.call('refreshListing', { id: listing.id })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '每条信息 24 小时内只能刷新一次，请 1 小时后再试' },
    })
  })

  it('only a listing on show can be refreshed', async () => {
    backend.clock.advance(DAY)
    dataOf(await a.call('takeDownListing', { id: listing.id }))
    expect(await a.call('refreshListing', { id: listing.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '只有展示中的信息可以刷新' },
    })
  })

  describe('withdrawing and granting the consent of one contact field', () => {
    it('a withdrawal hides the field in the detail at the very next read', async () => {
      expect(dataOf(await detail())).toMatchObject({
        maskedPhone: '139****5678',
        hasWechat: true,
        contactName: '张经理',
      })
      const changed = dataOf(await a.call('setContactVisibility', { id: listing.id, field: 'phone', public: false }))
      expect(changed.contact.public.phone).toBe(false)
      expect(dataOf(await detail())).toMatchObject({ maskedPhone: null, hasWechat: true })

      dataOf(await a.call('setContactVisibility', { id: listing.id, field: 'name', public: false }))
      expect(dataOf(await detail()).contactName).toBe('')
      // The stored value is kept for the poster; only its publication ends.
      expect((await stored())?.contact.phone).toBe('13912345678')
    })

    it('granting publishes a filled field; an empty one cannot be made public', async () => {
      dataOf(await a.call('setContactVisibility', { id: listing.id, field: 'qq', public: true }))
      expect(dataOf(await detail()).hasQq).toBe(true)
      dataOf(await a.call('updateListing', editPayload({ contact: { phone: '13912345678' } })))
      expect(await a.call('setContactVisibility', { id: listing.id, field: 'wechat', public: true })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'field', message: '该联系方式未填写，无法公开' },
      })
    })

    it('an unknown field or a non-boolean is refused', async () => {
      expect(await a.call('setContactVisibility', { id: listing.id, field: 'email', public: true })).toMatchObject({
        error: { code: 'INVALID_INPUT', field: 'field' },
      })
      expect(await a.call('setContactVisibility', { id: listing.id, field: 'phone', public: 'false' })).toMatchObject({
        error: { code: 'INVALID_INPUT', field: 'public' },
      })
    })
  })

  it('delete removes the listing for good', async () => {
    expect(dataOf(await a.call('deleteListing', { id: listing.id }))).toEqual({ deleted: true, id: listing.id })
    expect(await stored()).toBeNull()
    expect(await feedIds({ keyword: '门锁' })).not.toContain(listing.id)
    expect(await a.call('deleteListing', { id: listing.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
