import { Collections } from '@shared/collections'
import { limitsFromEnv } from '@shared/drivers/platform-env'
import type { ContactRevealDoc } from '@shared/domain/interactions/reveal-contact'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { countAll } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { putListing } from '../../../support/interactions'
import { guest, member, type Member } from '../../../support/member'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

describe('interactions: revealing a contact, its daily limit and the poster’s reveal log', () => {
  let backend: EmbeddedBackend
  let poster: Member<'interactions'>
  let viewer: Member<'interactions'>
  let listing: ListingDoc

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000001', 'interactions')
    viewer = await member(backend, '13800000002', 'interactions')
    listing = await putListing(backend, poster.userId)
  })
  afterEach(() => backend.dispose())

  const reveals = (where: Record<string, string> = {}) => backend.store.count(Collections.contactReveals, where)
  const setPublic = (doc: ListingDoc, flags: Partial<ListingDoc['contact']['public']>) =>
    backend.store.update(Collections.listings, doc._id, {
      contact: { ...doc.contact, public: { ...doc.contact.public, ...flags } },
    })

  it('a guest cannot reveal: asked to log in, over HTTP and over callFunction, and nothing is logged', async () => {
    const before = await countAll(backend)
    expect(await guest(backend, 'interactions').call('revealContact', { listingId: listing._id })).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(
      await backend.callFunction('interactions', { action: 'revealContact', payload: { listingId: listing._id } }),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await countAll(backend)).toEqual(before)
  })

  it('a member gets exactly the fields the poster made public, in full, and the reveal is logged', async () => {
    const contact = await viewer.ok('revealContact', { listingId: listing._id })
    expect(contact).toEqual({
      listingId: listing._id,
      contactName: '王经理',
      phone: '13900001111',
      wechat: 'wang_biz',
      qq: null,
      remainingToday: 29,
      cardSent: null,
    })
    const { items } = await backend.store.find<ContactRevealDoc>(Collections.contactReveals, {
      where: { viewerId: viewer.userId },
      orderBy: [],
      limit: 10,
    })
    expect(items).toHaveLength(1)
    const at = backend.clock.now()
    expect(items[0]).toMatchObject({
      listingId: listing._id,
      posterId: poster.userId,
      viewerId: viewer.userId,
      at,
      retainUntil: at + 180 * DAY,
    })
  })

  it('withdrawing consent for a field hides it from the very next reveal; with none left the reveal is refused', async () => {
    await viewer.ok('revealContact', { listingId: listing._id })
    await setPublic(listing, { phone: false })
    const after = await viewer.ok('revealContact', { listingId: listing._id })
    expect(after.phone).toBeNull()
    expect(after.wechat).toBe('wang_biz')
    expect(JSON.stringify(after)).not.toContain('13900001111')

    await setPublic(listing, { name: false })
    expect((await viewer.ok('revealContact', { listingId: listing._id })).contactName).toBe('')

    await setPublic(listing, { phone: false, wechat: false })
    expect(await viewer.call('revealContact', { listingId: listing._id })).toMatchObject({
      ok: false,
      status: 404,
      error: { code: 'NOT_FOUND', message: '发布者未公开联系方式' },
    })
  })

  it('a public field left empty is not a contact: null, and a listing with only empty public fields is refused', async () => {
    const empty = await putListing(backend, poster.userId, {
      contact: {
        name: '李总',
        phone: '',
        wechat: '',
        qq: '',
        public: { name: true, phone: true, wechat: true, qq: true },
      },
    })
    expect(await viewer.call('revealContact', { listingId: empty._id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '发布者未公开联系方式' },
    })
    expect(await reveals()).toBe(0)
  })

  it('a hidden listing (taken down, pending, expired, missing) reveals nothing and logs nothing', async () => {
    const takenDown = await putListing(backend, poster.userId, { status: 'takenDown' })
    const pending = await putListing(backend, poster.userId, { status: 'pending' })
    const expired = await putListing(backend, poster.userId, { expiresAt: backend.clock.now() - 1 })
    for (const listingId of [takenDown._id, pending._id, expired._id, 'no-such-listing']) {
      expect(await viewer.call('revealContact', { listingId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: '该信息不存在或已下架' },
      })
    }
    expect(await reveals()).toBe(0)
  })

  it(
    'thirty distinct listings a China day: re-revealing one is free, the 31st is refused, and the next day ' +
      'starts afresh',
    async () => {
      const others = await Promise.all(Array.from({ length: 31 }, () => putListing(backend, poster.userId)))
      for (const [i, doc] of others.slice(0, 30).entries()) {
        const { remainingToday } = await viewer.ok('revealContact', { listingId: doc._id })
        expect(remainingToday).toBe(29 - i)
      }
      // Again the same day: shown, not counted, not logged twice.
      expect(await viewer.ok('revealContact', { listingId: others[0]._id })).toMatchObject({
        phone: '13900001111',
        remainingToday: 0,
      })
      expect(await viewer.call('revealContact', { listingId: others[30]._id })).toMatchObject({
        ok: false,
        status: 429,
        error: { code: 'RATE_LIMITED', message: '今日查看联系方式次数已达上限，请明天再试' },
      })
      expect(await reveals({ viewerId: viewer.userId })).toBe(30)

      // The test clock starts at 12:00 in China; 12 hours on is just past midnight there.
      backend.clock.advance(12 * HOUR + 1)
      expect(await viewer.ok('revealContact', { listingId: others[30]._id })).toMatchObject({
        remainingToday: 29,
      })
      // Another day, another log line for a listing already revealed yesterday.
      await viewer.ok('revealContact', { listingId: others[0]._id })
      expect(await reveals({ viewerId: viewer.userId })).toBe(32)
    },
  )

  it('the day is China’s: 23:59 and 00:01 Beijing time are two days even though both are the same UTC day', async () => {
    const [a, b] = await Promise.all([putListing(backend, poster.userId), putListing(backend, poster.userId)])
    backend.clock.set(Date.UTC(2026, 10, 29, 15, 59))
    await viewer.ok('revealContact', { listingId: a._id })
    backend.clock.set(Date.UTC(2026, 10, 29, 16, 1))
    await viewer.ok('revealContact', { listingId: a._id })
    await viewer.ok('revealContact', { listingId: b._id })
    const { items } = await backend.store.find<ContactRevealDoc>(Collections.contactReveals, {
      where: { viewerId: viewer.userId },
      orderBy: [{ field: 'at', direction: 'asc' }],
      limit: 10,
    })
    expect(items.map((d) => d.day)).toEqual(['2026-11-29', '2026-11-30', '2026-11-30'])
  })

  it('concurrent reveals never overshoot the limit, and a concurrent repeat of one listing counts once', async () => {
    const others = await Promise.all(Array.from({ length: 33 }, () => putListing(backend, poster.userId)))
    for (const doc of others.slice(0, 28)) await viewer.ok('revealContact', { listingId: doc._id })
    const burst = await Promise.all(others.slice(28).map((doc) => viewer.call('revealContact', { listingId: doc._id })))
    expect(burst.filter((r) => r.ok)).toHaveLength(2)
    expect(burst.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED')).toHaveLength(3)
    expect(await reveals({ viewerId: viewer.userId })).toBe(30)

    const fresh = await member(backend, '13800000003', 'interactions')
    const same = await Promise.all([1, 2, 3].map(() => fresh.call('revealContact', { listingId: listing._id })))
    expect(same.every((r) => r.ok)).toBe(true)
    expect(await reveals({ viewerId: fresh.userId })).toBe(1)
    expect((await fresh.ok('revealContact', { listingId: others[0]._id })).remainingToday).toBe(28)
  })

  it('the poster revealing their own listing is neither counted nor logged', async () => {
    const own = await poster.ok('revealContact', { listingId: listing._id })
    expect(own).toMatchObject({ phone: '13900001111', remainingToday: 30 })
    expect(await reveals()).toBe(0)
  })

  it('the poster sees who revealed their contact: nickname, avatar, company and time, newest first, never a phone', async () => {
    await backend.callHttp(
      'auth',
      { action: 'updateProfile', payload: { nickname: '张采购', companyName: '远航贸易' } },
      { authorization: `Bearer ${viewer.token}` },
    )
    const third = await member(backend, '13800000003', 'interactions')
    const second = await putListing(backend, poster.userId, { title: '第二条需求' })
    await viewer.ok('revealContact', { listingId: listing._id })
    backend.clock.advance(60_000)
    await third.ok('revealContact', { listingId: second._id })
    backend.clock.advance(60_000)
    await viewer.ok('revealContact', { listingId: second._id })

    const all = await poster.ok('listRevealLog', {})
    expect(all.items.map((e) => [e.listingTitle, e.viewer.nickname])).toEqual([
      ['第二条需求', '张采购'],
      ['第二条需求', expect.stringMatching(/^用户[0-9a-f]{6}$/)],
      [listing.title, '张采购'],
    ])
    expect(all.items[0]).toEqual({
      id: expect.any(String),
      listingId: second._id,
      listingTitle: '第二条需求',
      viewer: { nickname: '张采购', avatarUrl: null, companyName: '远航贸易' },
      at: backend.clock.now(),
      card: null,
    })
    const text = JSON.stringify(all)
    for (const phone of [viewer.phone, third.phone, '1380000', '0002']) expect(text).not.toContain(phone)
    expect(text).not.toContain(viewer.userId)

    // One listing's log, a page at a time.
    const first = await poster.ok('listRevealLog', { listingId: second._id, pageSize: 1 })
    expect(first.items).toHaveLength(1)
    const rest = await poster.ok('listRevealLog', {
      listingId: second._id,
      pageSize: 1,
      cursor: first.nextCursor,
    })
    expect([...first.items, ...rest.items].map((e) => e.viewer.nickname)).toEqual([
      '张采购',
      expect.stringMatching(/^用户/),
    ])
    expect(rest.nextCursor).toBeNull()
  })

  it('another member cannot read the poster’s reveal log: NOT_ALLOWED for the listing, and their own log is theirs only', async () => {
    await viewer.ok('revealContact', { listingId: listing._id })
    expect(await viewer.call('listRevealLog', { listingId: listing._id })).toMatchObject({
      ok: false,
      status: 403,
      error: { code: 'NOT_ALLOWED', message: '只能查看自己发布的信息的查看记录' },
    })
    expect(await viewer.ok('listRevealLog', {})).toEqual({ items: [], nextCursor: null })
    expect(await guest(backend, 'interactions').call('listRevealLog', {})).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    })
  })

  it('the daily limit comes from REVEAL_DAILY_LIMIT; unset or left as the deploy placeholder it is 30, nonsense is an error', () => {
    const reveals = (env: Record<string, string>) => limitsFromEnv(env).revealsPerDay
    expect(reveals({})).toBe(30)
    expect(reveals({ REVEAL_DAILY_LIMIT: '' })).toBe(30)
    expect(reveals({ REVEAL_DAILY_LIMIT: '{{env.REVEAL_DAILY_LIMIT}}' })).toBe(30)
    expect(reveals({ REVEAL_DAILY_LIMIT: ' 50 ' })).toBe(50)
    for (const bad of ['0', '-3', '2.5', 'many', '100000']) {
      expect(() => reveals({ REVEAL_DAILY_LIMIT: bad })).toThrow(/REVEAL_DAILY_LIMIT/)
    }
  })
})
