import { Collections } from '@shared/collections'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { countAll } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { putListing } from '../../../support/interactions'
import { guest, member, type Member } from '../../../support/member'

describe('interactions: favourites', () => {
  let backend: EmbeddedBackend
  let poster: Member<'interactions'>
  let fan: Member<'interactions'>
  let listing: ListingDoc

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000001', 'interactions')
    fan = await member(backend, '13800000002', 'interactions')
    listing = await putListing(backend, poster.userId, { title: '寻找华东区域代理' })
  })
  afterEach(() => backend.dispose())

  const favourites = (userId: string) => backend.store.count(Collections.favourites, { userId })
  const list = (who: Member<'interactions'>, payload: Record<string, unknown> = {}) => who.ok('listFavourites', payload)

  it('a guest can neither favourite nor list favourites: asked to log in, nothing stored', async () => {
    const before = await countAll(backend)
    for (const [action, payload] of [
      ['addFavourite', { listingId: listing._id }],
      ['removeFavourite', { listingId: listing._id }],
      ['listFavourites', {}],
      ['clearFavourites', {}],
    ] as const) {
      expect(await guest(backend, 'interactions').call(action, payload)).toMatchObject({
        ok: false,
        status: 401,
        error: { code: 'UNAUTHENTICATED' },
      })
    }
    expect(await countAll(backend)).toEqual(before)
  })

  it('the test helpers know the contract: a misspelt action or a wrong payload does not compile', async () => {
    // @ts-expect-error: 'addFavorite' is not an action of interactions (addFavourite is)
    const misspelt = await fan.call('addFavorite', { listingId: listing._id })
    expect(misspelt).toMatchObject({ ok: false, status: 404, error: { code: 'UNKNOWN_ACTION' } })
    // @ts-expect-error: a listing id is a string
    await expect(fan.ok('addFavourite', { listingId: 42 })).rejects.toThrow('INVALID_INPUT')
    expect(await favourites(fan.userId)).toBe(0)
  })

  it('favouriting is idempotent: twice (or twice at once) is one favourite, listed with its card', async () => {
    expect(await fan.ok('addFavourite', { listingId: listing._id })).toEqual({ favourited: true })
    backend.clock.advance(1000)
    await Promise.all([1, 2].map(() => fan.ok('addFavourite', { listingId: listing._id })))
    expect(await favourites(fan.userId)).toBe(1)

    const page = await list(fan)
    expect(page.items).toHaveLength(1)
    expect(page.items[0]).toMatchObject({
      listingId: listing._id,
      available: true,
      title: '寻找华东区域代理',
      // The first time counts: saving again does not move it up.
      favouritedAt: backend.clock.now() - 1000,
      listing: { id: listing._id, title: '寻找华东区域代理' },
    })
    expect(JSON.stringify(page)).not.toContain(listing.contact.phone)
    expect(await fan.ok('getListingInteractions', { listingId: listing._id })).toMatchObject({
      loggedIn: true,
      favourited: true,
      isPoster: false,
    })
  })

  it('newest first, a page at a time', async () => {
    const more = [await putListing(backend, poster.userId), await putListing(backend, poster.userId)]
    for (const doc of [listing, ...more]) {
      await fan.ok('addFavourite', { listingId: doc._id })
      backend.clock.advance(1000)
    }
    const first = await list(fan, { pageSize: 2 })
    const second = await list(fan, { pageSize: 2, cursor: first.nextCursor })
    expect([...first.items, ...second.items].map((f) => f.listingId)).toEqual([more[1]._id, more[0]._id, listing._id])
    expect(second.nextCursor).toBeNull()
  })

  it('a favourited listing that goes away stays in the list as unavailable, with its title, until removed', async () => {
    await fan.ok('addFavourite', { listingId: listing._id })
    await backend.store.update(Collections.listings, listing._id, { status: 'takenDown' })
    expect((await list(fan)).items).toEqual([
      {
        listingId: listing._id,
        favouritedAt: expect.any(Number),
        available: false,
        title: '寻找华东区域代理',
        listing: null,
      },
    ])
    await backend.store.delete(Collections.listings, listing._id)
    expect((await list(fan)).items[0]).toMatchObject({ available: false, listing: null })

    expect(await fan.ok('removeFavourite', { listingId: listing._id })).toEqual({ favourited: false })
    expect(await fan.ok('removeFavourite', { listingId: listing._id })).toEqual({ favourited: false })
    expect(await list(fan)).toEqual({ items: [], nextCursor: null })
  })

  it('a listing that is not visible cannot be favourited', async () => {
    const hidden = await putListing(backend, poster.userId, { status: 'pending' })
    expect(await fan.call('addFavourite', { listingId: hidden._id })).toMatchObject({
      ok: false,
      status: 404,
      error: { code: 'NOT_FOUND', message: '该信息不存在或已下架' },
    })
    expect(await favourites(fan.userId)).toBe(0)
  })

  it('clearing removes all of the member’s favourites and nobody else’s', async () => {
    const other = await member(backend, '13800000003', 'interactions')
    const docs = await Promise.all(Array.from({ length: 5 }, () => putListing(backend, poster.userId)))
    for (const doc of docs) await fan.ok('addFavourite', { listingId: doc._id })
    await other.ok('addFavourite', { listingId: listing._id })
    expect(await fan.ok('clearFavourites', {})).toEqual({ removed: 5 })
    expect(await favourites(fan.userId)).toBe(0)
    expect(await favourites(other.userId)).toBe(1)
    expect(await fan.ok('clearFavourites')).toEqual({ removed: 0 })
  })
})
