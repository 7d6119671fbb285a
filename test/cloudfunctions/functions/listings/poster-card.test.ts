import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { putListing } from '../../../support/interactions'
import { guest, member, type Member } from '../../../support/member'

describe('listings: the poster card on the detail page', () => {
  let backend: EmbeddedBackend
  let poster: Member<'listings'>

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13822220001', 'listings')
    await poster.on('auth').ok('updateProfile', { nickname: '青禾净水', companyName: '青禾环保科技有限公司' })
  })
  afterEach(() => backend.dispose())

  it('a guest sees the poster’s public name, company, since when a member, and how many listings show now', async () => {
    const joined = backend.clock.now()
    const listing = await putListing(backend, poster.userId)
    await putListing(backend, poster.userId)
    // Taken down: not counted.
    await putListing(backend, poster.userId, { status: 'takenDown' })
    const card = await guest(backend, 'listings').ok('getPosterCard', { listingId: listing._id })
    expect(card).toEqual({
      nickname: '青禾净水',
      avatarUrl: null,
      companyName: '青禾环保科技有限公司',
      memberSince: joined,
      publishedCount: 2,
      // putListing writes the documents directly: nothing was posted through the app, so no IP属地 yet.
      ipRegion: '未知',
    })
    expect(JSON.stringify(card)).not.toMatch(new RegExp(`${poster.phone}|${poster.userId}`))
  })

  it('a listing no one may see has no poster card either, and a malformed id is refused naming it', async () => {
    const hidden = await putListing(backend, poster.userId, { status: 'takenDown' })
    expect(await guest(backend, 'listings').call('getPosterCard', { listingId: hidden._id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await guest(backend, 'listings').call('getPosterCard', { listingId: '../x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'listingId' },
    })
  })
})
