import { Collections } from '@shared/collections'
import type { ContactRevealDoc } from '@shared/domain/interactions/reveal-contact'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { putListing } from '../../../support/interactions'
import { member, type Member } from '../../../support/member'

/**
 * A 名片 sent with a contact reveal: the viewer ticks the fields (a separate choice per field, as in a
 * conversation), the poster sees the snapshot in 「谁看过我的联系方式」, and deleting the card takes it back
 * from the entries the poster has not seen yet.
 */
describe('interactions: a business card sent with a contact reveal', () => {
  let backend: EmbeddedBackend
  let poster: Member<'interactions'>
  let viewer: Member<'interactions'>
  let listing: ListingDoc

  const CARD = { name: '沈澄', company: '澄湖贸易有限公司', title: '采购经理', phone: '13811119999', wechat: '' }

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000101', 'interactions')
    viewer = await member(backend, '13800000102', 'interactions')
    listing = await putListing(backend, poster.userId)
    await viewer.on('messages').ok('saveMyCard', CARD)
  })
  afterEach(() => backend.dispose())

  const revealDoc = async () =>
    (
      await backend.store.find<ContactRevealDoc>(Collections.contactReveals, {
        where: { viewerId: viewer.userId },
        orderBy: [],
        limit: 10,
      })
    ).items

  it('the ticked fields only reach the poster’s log entry, as they were when sent', async () => {
    const contact = await viewer.ok('revealContact', { listingId: listing._id, card: { fields: ['name', 'company'] } })
    expect(contact.cardSent).toEqual({ name: '沈澄', company: '澄湖贸易有限公司' })
    // A later edit of the card does not change what was sent.
    await viewer.on('messages').ok('saveMyCard', { ...CARD, company: '新公司' })

    const log = await poster.ok('listRevealLog', {})
    expect(log.items.map((e) => e.card)).toEqual([{ name: '沈澄', company: '澄湖贸易有限公司' }])
    expect(JSON.stringify(log)).not.toContain('13811119999')
    expect(JSON.stringify(log)).not.toContain('采购经理')
  })

  it('without a card the entry carries none; a second reveal the same day with a card adds it, still counted once', async () => {
    const first = await viewer.ok('revealContact', { listingId: listing._id })
    expect(first.cardSent).toBeNull()
    expect((await poster.ok('listRevealLog', {})).items[0].card).toBeNull()
    const again = await viewer.ok('revealContact', { listingId: listing._id, card: { fields: ['phone'] } })
    expect(again.remainingToday).toBe(first.remainingToday)
    expect((await poster.ok('listRevealLog', {})).items.map((e) => e.card)).toEqual([{ phone: '13811119999' }])
  })

  it('deleting the card takes it back from entries the poster has not seen; a seen one stays with the poster', async () => {
    const other = await putListing(backend, poster.userId)
    await viewer.ok('revealContact', { listingId: listing._id, card: { fields: ['name'] } })
    // The poster reads their log: this entry's card is seen.
    expect((await poster.ok('listRevealLog', {})).items[0].card).toEqual({ name: '沈澄' })
    // A minute later, so the log's newest-first order is the order of the reveals.
    backend.clock.advance(60_000)
    await viewer.ok('revealContact', { listingId: other._id, card: { fields: ['name', 'phone'] } })

    const { withdrawn } = await viewer.on('messages').ok('deleteMyCard', {})
    expect(withdrawn).toBe(1)
    const log = await poster.ok('listRevealLog', {})
    expect(log.items.map((e) => [e.listingId, e.card])).toEqual([
      [other._id, null],
      [listing._id, { name: '沈澄' }],
    ])
    expect(JSON.stringify(await revealDoc())).not.toContain('13811119999')
  })

  it('another member never sees the card: not in their own log, and the poster’s log is the poster’s alone', async () => {
    const third = await member(backend, '13800000103', 'interactions')
    await viewer.ok('revealContact', { listingId: listing._id, card: { fields: ['name', 'phone'] } })
    expect(await third.ok('listRevealLog', {})).toEqual({ items: [], nextCursor: null })
    expect(await third.call('listRevealLog', { listingId: listing._id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })
    // The viewer's own log (as poster of nothing) is empty too: a sent card is the poster's to read.
    expect(await viewer.ok('listRevealLog', {})).toEqual({ items: [], nextCursor: null })
  })

  it('refusals: no card, a ticked field left empty, an unknown or repeated field; nothing is logged', async () => {
    expect(await viewer.call('revealContact', { listingId: listing._id, card: { fields: ['wechat'] } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'card', message: '所选名片项目尚未填写' },
    })
    for (const fields of [[], ['qq'], ['name', 'name']]) {
      expect(await viewer.call('revealContact', { listingId: listing._id, card: { fields } })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: expect.stringMatching(/^card/) },
      })
    }
    await viewer.on('messages').ok('deleteMyCard', {})
    expect(await viewer.call('revealContact', { listingId: listing._id, card: { fields: ['name'] } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'card', message: '请先填写名片' },
    })
    expect(await revealDoc()).toEqual([])
  })

  it('the poster revealing their own listing sends no card and logs nothing', async () => {
    await poster.on('messages').ok('saveMyCard', CARD)
    const own = await poster.ok('revealContact', { listingId: listing._id, card: { fields: ['name'] } })
    expect(own.cardSent).toBeNull()
    expect(await backend.store.count(Collections.contactReveals, {})).toBe(0)
  })
})
