import { readFileSync } from 'node:fs'
import { Collections } from '@shared/collections'
import type { ExportAnswer } from '@shared/contracts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { dataOf, functionHttp } from '../../../support/accounts'
import { validListing } from '../../../support/listings'
import { guest, member, type Member } from '../../../support/member'

/**
 * IP属地 (《互联网用户账号信息管理规定》 Art. 12): computed when content is posted from the address the host
 * trusts (here the HTTP host's X-Real-IP, which the self-hosted server sets from the socket or TRUST_PROXY),
 * stored as the label only, shown on the listing, each comment and the poster card.
 */
describe('IP属地 on listings, comments and the poster card', () => {
  let backend: EmbeddedBackend
  let poster: Member<'listings'>
  let visitor: Member<'interactions'>

  const from = <T>(who: Member, fn: string, action: string, payload: unknown, ip?: string) =>
    functionHttp<T>(backend, fn, action, payload, { token: who.token, headers: ip ? { 'x-real-ip': ip } : {} })

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13822220011', 'listings')
    visitor = await member(backend, '13822220012', 'interactions')
  })
  afterEach(() => backend.dispose())

  it('a listing published from Jiangsu shows 江苏 on itself and on the poster card; an edit from Guangdong moves both', async () => {
    const created = dataOf(
      await from<{ id: string }>(poster, 'listings', 'createListing', validListing(), '114.114.114.114'),
    )
    const detail = await guest(backend, 'listings').ok('getListing', { listingId: created.id })
    expect(detail.ipRegion).toBe('江苏')
    expect((await guest(backend, 'listings').ok('getPosterCard', { listingId: created.id })).ipRegion).toBe('江苏')

    const { clientRequestId: _c, validityDays: _v, ...content } = validListing()
    dataOf(await from(poster, 'listings', 'updateListing', { id: created.id, ...content }, '202.96.128.86'))
    expect((await guest(backend, 'listings').ok('getListing', { listingId: created.id })).ipRegion).toBe('广东')
    expect((await guest(backend, 'listings').ok('getPosterCard', { listingId: created.id })).ipRegion).toBe('广东')

    // Only the label is kept: neither address is anywhere in the database.
    const stored = readFileSync(backend.storeFile)
    expect(stored.includes('114.114.114.114')).toBe(false)
    expect(stored.includes('202.96.128.86')).toBe(false)
  })

  it('each comment keeps the place it was written from; the commenter’s card follows their latest posting', async () => {
    const listing = await poster.publish()
    dataOf(
      await from(
        visitor,
        'interactions',
        'postComment',
        { listingId: listing.id, content: '请问还在招代理吗' },
        '8.8.8.8',
      ),
    )
    // A minute later, so the newest-first order of the comments is the order they were written in.
    backend.clock.advance(60_000)
    const answer = dataOf(
      await from<{ ipRegion: string }>(
        visitor,
        'interactions',
        'postComment',
        { listingId: listing.id, content: '我在南京，方便面谈' },
        '114.114.114.114',
      ),
    )
    expect(answer.ipRegion).toBe('江苏')
    const page = await guest(backend, 'interactions').ok('listComments', { listingId: listing.id })
    expect(page.items.map((c) => [c.content, c.ipRegion])).toEqual([
      ['我在南京，方便面谈', '江苏'],
      ['请问还在招代理吗', '美国'],
    ])
    expect(await backend.store.get(Collections.users, visitor.userId)).toMatchObject({ ipRegion: '江苏' })
  })

  it('without an address the label is 未知, and a poster who never posted shows 未知 too', async () => {
    const listing = await poster.publish()
    expect((await guest(backend, 'listings').ok('getListing', { listingId: listing.id })).ipRegion).toBe('未知')
    expect((await guest(backend, 'listings').ok('getPosterCard', { listingId: listing.id })).ipRegion).toBe('未知')
  })

  it('我的数据 exports the labels with the account, the listing and the comment', async () => {
    const listing = dataOf(
      await from<{ id: string }>(poster, 'listings', 'createListing', validListing(), '123.125.114.144'),
    )
    dataOf(
      await from(poster, 'interactions', 'postComment', { listingId: listing.id, content: '欢迎来电咨询' }, '8.8.8.8'),
    )
    const answer = await poster.on('privacy').ok('exportMyData', {})
    const exported = JSON.stringify((answer as ExportAnswer).export)
    expect(exported).toContain('"ipRegion":"北京"')
    expect(exported).toContain('"ipRegion":"美国"')
    expect(exported).not.toContain('123.125.114.144')
  })
})
