import { Collections } from '@shared/collections'
import type { ListingDetail, MyListingDetail } from '@shared/contracts'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { flushFunctions } from '@shared/functions'
import { countAll, dataOf, functionHttp } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { member, type Member } from '../../../support/member'

const DAY = 24 * 60 * 60 * 1000

/**
 * Guests' views are tallied in memory and written when the host flushes (the server once a minute and at
 * shutdown, CloudBase after each invocation): a guest's read writes nothing, and one client counts once
 * per listing per China day however often it reads.
 */
describe('listings: guest views are counted once per client per day, in batches', () => {
  let backend: EmbeddedBackend
  let poster: Member<'listings'>
  let listing: MyListingDetail

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000001', 'listings')
    listing = await poster.publish()
  })
  afterEach(() => backend.dispose())

  const guestRead = async (ip: string, id = listing.id) =>
    dataOf(
      await functionHttp<ListingDetail>(backend, 'listings', 'getListing', { id }, { headers: { 'x-real-ip': ip } }),
    )
  const stored = async (id = listing.id) => backend.store.get<ListingDoc>(Collections.listings, id)

  it('a burst of 21 reads from one guest writes nothing per read, and after the flush counts once', async () => {
    const before = await stored()
    const counts = await countAll(backend)
    for (let i = 0; i < 21; i++) {
      const shown = await guestRead('203.0.113.7')
      expect(shown.viewCount).toBe(before!.viewCount + 1)
      expect(await stored()).toEqual(before)
      expect(await countAll(backend)).toEqual(counts)
    }
    await flushFunctions(backend.deps)
    expect((await stored())?.viewCount).toBe(before!.viewCount + 1)
    expect({ ...(await stored()), viewCount: before!.viewCount }).toEqual(before)
    // Nothing about the guest was stored: the same collections, the same sizes.
    expect(await countAll(backend)).toEqual(counts)

    // A second flush has nothing left to write; the same guest reading again that day still counts nothing.
    await guestRead('203.0.113.7')
    await flushFunctions(backend.deps)
    expect((await stored())?.viewCount).toBe(before!.viewCount + 1)
  })

  it('different guests count apart, an IPv6 client by its /64, and the next China day counts again', async () => {
    await guestRead('203.0.113.7')
    await guestRead('198.51.100.20')
    await guestRead('2001:db8:1:2::10')
    await guestRead('2001:db8:1:2:ffff::99') // the same /64: the same subscriber
    await flushFunctions(backend.deps)
    expect((await stored())?.viewCount).toBe(3)

    backend.clock.advance(DAY)
    await guestRead('203.0.113.7')
    await guestRead('203.0.113.7')
    await flushFunctions(backend.deps)
    expect((await stored())?.viewCount).toBe(4)
  })

  it('a member sees the guest views not yet written; members still count once a day as before', async () => {
    const viewer = await member(backend, '13800000002', 'listings')
    await guestRead('203.0.113.7')
    const seen = await viewer.ok('getListing', { id: listing.id })
    expect(seen.viewCount).toBe(2) // one written member view + one tallied guest view
    expect((await stored())?.viewCount).toBe(1)
    await flushFunctions(backend.deps)
    expect((await stored())?.viewCount).toBe(2)
    expect((await viewer.ok('getListing', { id: listing.id })).viewCount).toBe(2)
  })

  it('views of a listing deleted before the flush are dropped, and the others still written', async () => {
    const other = await poster.publish({ title: '另一条代理加盟信息招募' })
    await guestRead('203.0.113.7')
    await guestRead('203.0.113.7', other.id)
    dataOf(await poster.call('deleteListing', { id: listing.id }))
    await flushFunctions(backend.deps)
    expect(await stored()).toBeNull()
    expect((await stored(other.id))?.viewCount).toBe(1)
  })
})
