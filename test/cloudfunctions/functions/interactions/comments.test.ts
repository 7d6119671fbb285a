import { Collections } from '@shared/collections'
import type { Envelope } from '@shared/contracts'
import type { CommentDoc } from '@shared/domain/interactions/comments'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { createLocalContentRules } from '@shared/drivers/local/local-content-rules'
import type { ContentCheckRequest, ContentChecker } from '@shared/ports/content-checker'
import { agreedConsents, countAll, dataOf } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { putListing } from '../../../support/interactions'
import { guest, member, type Member } from '../../../support/member'

const HOUR = 60 * 60 * 1000

describe('interactions: comments', () => {
  let backend: EmbeddedBackend
  let poster: Member<'interactions'>
  let alice: Member<'interactions'>
  let bob: Member<'interactions'>
  let listing: ListingDoc

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000001', 'interactions')
    alice = await member(backend, '13800000002', 'interactions')
    bob = await member(backend, '13800000003', 'interactions')
    listing = await putListing(backend, poster.userId)
  })
  afterEach(() => backend.dispose())

  const comments = () => backend.store.count(Collections.comments)
  const post = (who: Member<'interactions'>, content: string, listingId = listing._id) =>
    who.ok('postComment', { listingId, content })
  const listAs = (caller: Member<'interactions'> | null, payload: Record<string, unknown> = {}) =>
    (caller ?? guest(backend, 'interactions')).call('listComments', {
      listingId: listing._id,
      ...payload,
    })

  it('a guest reads comments but cannot post one', async () => {
    await post(alice, '请问支持一件代发吗？')
    const before = await countAll(backend)
    expect(
      await guest(backend, 'interactions').call('postComment', { listingId: listing._id, content: '你好' }),
    ).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await countAll(backend)).toEqual(before)
    const page = await listAs(null)
    if (!page.ok) throw new Error(page.error.code)
    expect(page.data.items).toEqual([
      {
        id: expect.any(String),
        listingId: listing._id,
        content: '请问支持一件代发吗？',
        author: { nickname: expect.stringMatching(/^用户[0-9a-f]{6}$/), avatarUrl: null },
        // The test calls carry no client address.
        ipRegion: '未知',
        createdAt: backend.clock.now(),
        held: false,
        mine: false,
        canDelete: false,
      },
    ])
  })

  it('a member posts a comment, trimmed; it is theirs to delete and the poster’s to remove', async () => {
    const posted = await post(alice, '  有兴趣合作，怎么联系？ ')
    expect(posted).toMatchObject({ content: '有兴趣合作，怎么联系？', mine: true, canDelete: true })
    const asAlice = await listAs(alice)
    const asPoster = await listAs(poster)
    const asBob = await listAs(bob)
    if (!asAlice.ok || !asPoster.ok || !asBob.ok) throw new Error('list failed')
    expect(asAlice.data.items[0]).toMatchObject({ mine: true, canDelete: true })
    expect(asPoster.data.items[0]).toMatchObject({ mine: false, canDelete: true })
    expect(asBob.data.items[0]).toMatchObject({ mine: false, canDelete: false })
    expect(JSON.stringify(asBob.data)).not.toContain(alice.phone)
    const counted = await guest(backend, 'interactions').call('getListingInteractions', {
      listingId: listing._id,
    })
    expect(counted).toMatchObject({ ok: true, data: { loggedIn: false, commentCount: 1 } })
  })

  it('newest first, a page at a time', async () => {
    for (const text of ['第一条', '第二条', '第三条']) {
      await post(alice, text)
      backend.clock.advance(1000)
    }
    const first = await listAs(null, { pageSize: 2 })
    if (!first.ok) throw new Error(first.error.code)
    const second = await listAs(null, { pageSize: 2, cursor: first.data.nextCursor })
    if (!second.ok) throw new Error(second.error.code)
    expect([...first.data.items, ...second.data.items].map((c) => c.content)).toEqual(['第三条', '第二条', '第一条'])
    expect(second.data.nextCursor).toBeNull()
  })

  it('a member deletes their own comment and it is gone from the list and the store', async () => {
    const { id } = await post(alice, '发错了')
    expect(await alice.ok('deleteComment', { commentId: id })).toEqual({ deleted: true })
    expect(await comments()).toBe(0)
    const page = await listAs(null)
    expect(page.ok && page.data.items).toEqual([])
    expect(await alice.call('deleteComment', { commentId: id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '评论不存在或已删除' },
    })
  })

  it('member B cannot delete member A’s comment on C’s listing: NOT_ALLOWED, and the comment stays', async () => {
    const { id } = await post(alice, '这是 A 的评论')
    expect(await bob.call('deleteComment', { commentId: id })).toMatchObject({
      ok: false,
      status: 403,
      error: { code: 'NOT_ALLOWED', message: '只能删除自己的评论' },
    })
    expect(await backend.store.get(Collections.comments, id)).toMatchObject({ content: '这是 A 的评论' })
    expect(await guest(backend, 'interactions').call('deleteComment', { commentId: id })).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await comments()).toBe(1)
  })

  it('the poster removes a comment on their own listing, but not one on somebody else’s', async () => {
    const mine = await post(alice, '广告：低价出货')
    const elsewhere = await putListing(backend, bob.userId)
    const theirs = await post(alice, '另一条评论', elsewhere._id)
    expect(await poster.ok('deleteComment', { commentId: mine.id })).toEqual({ deleted: true })
    expect(await backend.store.get(Collections.comments, mine.id)).toBeNull()
    expect(await poster.call('deleteComment', { commentId: theirs.id })).toMatchObject({
      error: { code: 'NOT_ALLOWED' },
    })
    expect(await backend.store.get(Collections.comments, theirs.id)).not.toBeNull()
  })

  it('comments on a hidden listing: nobody posts, only its poster still reads them', async () => {
    await post(alice, '先留个言')
    await backend.store.update(Collections.listings, listing._id, { status: 'takenDown' })
    expect(await alice.call('postComment', { listingId: listing._id, content: '还在吗' })).toMatchObject({
      error: { code: 'NOT_FOUND', message: '该信息不存在或已下架' },
    })
    expect(await listAs(bob)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const own = await listAs(poster)
    expect(own.ok && own.data.items.map((c) => c.content)).toEqual(['先留个言'])
    expect(await comments()).toBe(1)
  })

  it('twenty comments an hour: the 21st is refused, the next hour accepts again', async () => {
    // Mid-hour, so the advances below stay inside it.
    backend.clock.set(Date.UTC(2026, 10, 29, 4, 10))
    for (let i = 1; i <= 20; i++) {
      await post(alice, `第 ${i} 条`)
      backend.clock.advance(1000)
    }
    expect(await alice.call('postComment', { listingId: listing._id, content: '第 21 条' })).toMatchObject({
      ok: false,
      status: 429,
      error: { code: 'RATE_LIMITED', message: '评论过于频繁，请稍后再试' },
    })
    expect(await comments()).toBe(20)
    // Someone else is not affected.
    await post(bob, '我也来说一句')
    backend.clock.advance(HOUR)
    await post(alice, '第 21 条')
    expect(await comments()).toBe(22)
  })

  describe('content check', () => {
    /** The local rule driver with the operator's own words, recording what it was asked. */
    const asked: ContentCheckRequest[] = []
    const rules = createLocalContentRules({ reject: ['违禁测试词'], review: ['待审测试词'] })
    const recording: ContentChecker = {
      check: async (request) => {
        asked.push(request)
        return rules.check(request)
      },
    }

    beforeEach(async () => {
      await backend.dispose()
      asked.length = 0
      backend = await createEmbeddedBackend({ content: recording })
      poster = await member(backend, '13800000001', 'interactions')
      alice = await member(backend, '13800000002', 'interactions')
      listing = await putListing(backend, poster.userId)
    })

    it('a refused comment is INVALID_INPUT on `content` with the checker’s reason, and nothing is stored', async () => {
      expect(
        await alice.call('postComment', { listingId: listing._id, content: '出售违禁 测试词，量大从优' }),
      ).toMatchObject({
        ok: false,
        status: 400,
        error: { code: 'INVALID_INPUT', field: 'content', message: expect.stringContaining('违禁测试词') },
      })
      expect(await comments()).toBe(0)
      expect(asked).toEqual([{ text: '出售违禁 测试词，量大从优', scene: 'comment', openId: undefined }])
    })

    it('a comment needing review is kept but held: the author is told, nobody sees it, it is not counted', async () => {
      const held = await post(alice, '这里有待审测试词')
      expect(held).toMatchObject({ held: true, mine: true })
      expect(await backend.store.get<CommentDoc>(Collections.comments, held.id)).toMatchObject({ status: 'held' })
      for (const caller of [null, alice, poster]) expect(await listAs(caller)).toMatchObject({ data: { items: [] } })
      expect(await alice.ok('getListingInteractions', { listingId: listing._id })).toMatchObject({
        commentCount: 0,
      })
      expect((await post(alice, '正常的评论')).held).toBe(false)
    })

    it('a comment from the WeChat mini-program is checked with the author’s OPENID, as msgSecCheck needs', async () => {
      const openId = 'o-wechat-commenter'
      const call = async <T>(action: string, payload: unknown, fn: 'auth' | 'interactions' = 'interactions') =>
        (await backend.callFunction(fn, { action, payload }, { openId, appId: 'wx-app' })) as Envelope<T>
      dataOf(
        await call(
          'loginWithWechat',
          {
            phoneCode: backend.wechat.phoneCode('13800000009', openId),
            consents: agreedConsents(backend.clock.now(), 'weapp'),
          },
          'auth',
        ),
      )
      dataOf(await call('postComment', { listingId: listing._id, content: '小程序里发的评论' }))
      expect(asked).toEqual([{ text: '小程序里发的评论', scene: 'comment', openId }])
    })
  })
})
