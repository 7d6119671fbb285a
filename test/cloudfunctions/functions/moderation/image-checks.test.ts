import { Collections } from '@shared/collections'
import type { Envelope, ListingDetail, MyListingDetail, Session } from '@shared/contracts'
import type { NoticeDoc } from '@shared/domain/notices/notify'
import type { ListingImageDoc } from '@shared/domain/listings/listing-images'
import { createLocalImageCheck } from '@shared/drivers/local/local-image-check'
import { createWechatClient } from '@shared/drivers/wechat/wechat-client'
import { createWechatMediaCheck } from '@shared/drivers/wechat/wechat-media-check'
import { agreedConsents, countAll, dataOf } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { validListing } from '../../../support/listings'
import { startLoopback, type LoopbackServer } from '../../../support/loopback-double'
import { guest, member, type Member } from '../../../support/member'
import { startWechatDouble, type WechatDouble } from '../../../support/wechat-double'

/** A PNG signature and a header: enough for the upload's type check. */
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)])
const png = () => ({ mimeType: 'image/png', data: PNG.toString('base64') })

async function grantModerator(backend: EmbeddedBackend, userId: string) {
  await backend.store.insert(Collections.moderatorRoles, { _id: userId, role: 'moderator', grantedAt: 0 })
}

const detail = async (backend: EmbeddedBackend, id: string) =>
  dataOf(await guest(backend, 'listings').call('getListing', { id })) as ListingDetail

const noticesOf = async (backend: EmbeddedBackend, userId: string) =>
  (await backend.store.find<NoticeDoc>(Collections.notices, { where: { userId }, orderBy: [], limit: 50 })).items

describe('image checks: the local rule holds a newcomer’s images for a moderator', () => {
  let backend: EmbeddedBackend
  let poster: Member<'listings'>
  let moderator: Member<'moderation'>

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000001', 'listings')
    moderator = await member(backend, '13800000011', 'moderation')
    await grantModerator(backend, moderator.userId)
  })
  afterEach(() => backend.dispose())

  it('a thumbnail is checked like its image: held, the card shows the image; taken down with the image, it is gone too', async () => {
    const image = dataOf(await poster.call('uploadListingImage', png()))
    const small = dataOf(await poster.call('uploadListingImage', png()))
    const listing = await poster.publish({ images: [image.key], thumbnails: [small.key] })
    const card = async () =>
      dataOf(await guest(backend, 'listings').call('listListings', { pageSize: 50 })).items.find(
        (i) => i.id === listing.id,
      )
    expect(await card()).toMatchObject({ coverImage: null, coverThumbnail: null })

    const queue = await moderator.ok('listQueue', { queue: 'images', pageSize: 50 })
    const targetOf = (url: string) => queue.items.find((item) => item.content.images[0] === url)!.target
    expect(queue.items.map((item) => item.content.images[0]).sort()).toEqual([image.url, small.url].sort())

    await moderator.ok('decide', { target: targetOf(image.url), decision: 'approve', note: '' })
    expect(await card()).toMatchObject({ coverImage: image.url, coverThumbnail: image.url })
    await moderator.ok('decide', { target: targetOf(small.url), decision: 'approve', note: '' })
    expect(await card()).toMatchObject({ coverImage: image.url, coverThumbnail: small.url })

    await moderator.ok('decide', {
      target: targetOf(image.url),
      decision: 'takeDown',
      ruleId: '3.3',
      note: '图片含低俗内容',
    })
    expect(await card()).toMatchObject({ coverImage: null, coverThumbnail: null })
    expect(await detail(backend, listing.id)).toMatchObject({ images: [] })
  })

  it('a first-time poster’s image is hidden from guests, not the listing; a moderator’s approval shows it', async () => {
    const image = dataOf(await poster.call('uploadListingImage', png()))
    const listing = await poster.publish({ images: [image.key] })
    expect(listing.status).toBe('published')

    // Guests see the listing without the picture; the poster sees their own picture in 我的发布 and the editor.
    expect(await detail(backend, listing.id)).toMatchObject({ images: [], coverImage: null })
    const feed = dataOf(await guest(backend, 'listings').call('listListings', { pageSize: 50 }))
    expect(feed.items.find((i) => i.id === listing.id)).toMatchObject({ coverImage: null })
    expect(dataOf(await poster.call('getMyListing', { id: listing.id })).images).toEqual([image])
    const mine = dataOf(await poster.call('listMyListings', { pageSize: 50 })).items
    expect(mine.find((i) => i.id === listing.id)).toMatchObject({ coverImage: image.url })

    const queue = await moderator.ok('listQueue', { queue: 'images', pageSize: 50 })
    expect(queue.items).toEqual([
      expect.objectContaining({
        target: { kind: 'image', id: expect.any(String) },
        content: expect.objectContaining({ images: [image.url], listingId: listing.id, state: '待审核' }),
        heldBecause: '发布者尚无通过审核的信息，图片需人工审核',
        owner: expect.objectContaining({ userId: poster.userId }),
      }),
    ])
    const target = queue.items[0].target

    const decision = await moderator.ok('decide', { target, decision: 'approve', note: '' })
    expect(decision).toMatchObject({ decision: 'approve', decidedBy: 'person' })
    expect(await detail(backend, listing.id)).toMatchObject({ images: [image.url], coverImage: image.url })
    expect((await moderator.ok('listQueue', { queue: 'images', pageSize: 50 })).items).toEqual([])
    expect(await moderator.call('decide', { target, decision: 'approve', note: '' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })

  it('once a listing of theirs is approved, the poster’s next images show at once', async () => {
    await poster.publish({ title: '第一条门锁代理信息' })
    const image = dataOf(await poster.call('uploadListingImage', png()))
    const listing = await poster.publish({ title: '第二条门锁代理信息', images: [image.key] })
    expect(await detail(backend, listing.id)).toMatchObject({ images: [image.url] })
    expect((await moderator.ok('listQueue', { queue: 'images', pageSize: 50 })).items).toEqual([])
  })

  it('an approval before the listing exists shows the image when it is published; an edit keeps the others hidden', async () => {
    const approvedFirst = dataOf(await poster.call('uploadListingImage', png()))
    const stillHeld = dataOf(await poster.call('uploadListingImage', png()))
    const queue = await moderator.ok('listQueue', { queue: 'images', pageSize: 50 })
    const first = queue.items.find((item) => item.content.images[0] === approvedFirst.url)!
    await moderator.ok('decide', { target: first.target, decision: 'approve', note: '' })

    const listing = await poster.publish({ images: [stillHeld.key, approvedFirst.key] })
    expect(await detail(backend, listing.id)).toMatchObject({ images: [approvedFirst.url] })
    const {
      clientRequestId: _c,
      validityDays: _v,
      ...content
    } = validListing({
      images: [approvedFirst.key, stillHeld.key],
    })
    const edited = dataOf(await poster.call('updateListing', { listingId: listing.id, ...content }))
    expect(edited.images.map((i) => i.key)).toEqual([approvedFirst.key, stillHeld.key])
    expect(await detail(backend, listing.id)).toMatchObject({ images: [approvedFirst.url] })
  })
})

describe('image checks: WeChat’s asynchronous verdict, pushed to the message-push entry', () => {
  const TOKEN = 'zhinengPush2026'
  const OPENID = 'o-wechat-poster'
  let backend: EmbeddedBackend
  let double: WechatDouble
  let endpoint: LoopbackServer
  let moderator: Member<'moderation'>
  let session: Session

  /** `wx.cloud.callFunction` from the WeChat app: CloudBase attaches the caller's OPENID. */
  const fromWechat = async <T>(fn: 'auth' | 'listings' | 'moderation', action: string, payload: unknown) =>
    (await backend.callFunction(fn, { action, payload }, { openId: OPENID, appId: 'wx-app' })) as Envelope<T>

  beforeEach(async () => {
    double = await startWechatDouble()
    backend = await createEmbeddedBackend({
      pushToken: TOKEN,
      // WeChat downloads the image: the stored URLs must be absolute.
      publicUrl: 'https://zhineng.example',
      imageCheck: createWechatMediaCheck({
        client: createWechatClient(double.options),
        fallback: createLocalImageCheck(),
      }),
    })
    // CloudBase's HTTP access (or the server's route) in front of the push handler, for WeChat to call.
    endpoint = await startLoopback((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://push')
      void backend
        .wechatPush({
          httpMethod: req.method ?? 'GET',
          path: url.pathname,
          queryStringParameters: Object.fromEntries(url.searchParams),
          body: body.toString('utf8'),
          isBase64Encoded: false,
        })
        .then((result) => {
          res.writeHead(result.statusCode, result.headers)
          res.end(result.body)
        })
    })
    double.configurePush({ url: `${endpoint.origin}/wechat/push`, token: TOKEN })
    // WeChat and this back end read the same time (the push's timestamp is checked against our clock).
    double.advance(backend.clock.now() - Date.now())
    double.registerActiveUser(OPENID)
    session = dataOf(
      await fromWechat<Session>('auth', 'loginWithWechat', {
        phoneCode: backend.wechat.phoneCode('13800000001', OPENID),
        consents: agreedConsents(backend.clock.now(), 'weapp'),
        clientVersion: '1.2.0',
      }),
    )
    moderator = await member(backend, '13800000011', 'moderation')
    await grantModerator(backend, moderator.userId)
  })
  afterEach(async () => {
    await endpoint.close()
    await double.close()
    await backend.dispose()
  })

  const upload = async () =>
    dataOf(await fromWechat<{ key: string; url: string }>('listings', 'uploadListingImage', png()))
  const imageDoc = async (key: string) =>
    (await backend.store.find<ListingImageDoc>(Collections.listingImages, { where: { key }, orderBy: [], limit: 1 }))
      .items[0]
  const traceOf = (url: string) => double.mediaChecks.find((c) => c.mediaUrl === url)!.traceId

  it('the console’s URL check is answered; images wait hidden for the verdict, then pass or are taken down', async () => {
    await expect(double.verifyPushUrl()).resolves.toBe(true)

    const kept = await upload()
    const risky = await upload()
    expect(double.mediaChecks.map((c) => ({ url: c.mediaUrl, openId: c.openId, scene: c.scene }))).toEqual([
      { url: kept.url, openId: OPENID, scene: 3 },
      { url: risky.url, openId: OPENID, scene: 3 },
    ])
    const listing = dataOf(
      await fromWechat<MyListingDetail>('listings', 'createListing', validListing({ images: [kept.key, risky.key] })),
    )
    // Waiting for WeChat: the listing is up, its pictures are not, and no moderator is asked yet.
    expect(listing.status).toBe('published')
    expect(await detail(backend, listing.id)).toMatchObject({ images: [] })
    expect((await moderator.ok('listQueue', { queue: 'images', pageSize: 50 })).items).toEqual([])

    await expect(double.pushMediaCheck(traceOf(kept.url), { suggest: 'pass', label: 100 })).resolves.toEqual({
      status: 200,
      body: 'success',
    })
    expect(await detail(backend, listing.id)).toMatchObject({ images: [kept.url] })

    await expect(double.pushMediaCheck(traceOf(risky.url), { suggest: 'risky', label: 20002 })).resolves.toEqual({
      status: 200,
      body: 'success',
    })
    expect(await detail(backend, listing.id)).toMatchObject({ images: [kept.url] })
    const removed = await imageDoc(risky.key)
    expect(removed).toMatchObject({ check: 'removed', checkTraceId: null })

    // A machine decision citing 3.3, told to the owner with the way to appeal.
    const decisions = dataOf(
      await fromWechat<{ items: Array<Record<string, unknown>> }>('moderation', 'listMyDecisions', {}),
    )
    expect(decisions.items).toEqual([
      expect.objectContaining({
        target: { kind: 'image', id: removed._id },
        decision: 'takeDown',
        decidedBy: 'machine',
        ruleId: '3.3',
        canAppeal: true,
        note: expect.stringContaining('色情'),
      }),
    ])
    const notices = await noticesOf(backend, session.profile.userId)
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'moderationDecision',
        targetKind: 'image',
        targetId: removed._id,
        decisionId: decisions.items[0].id,
      }),
    ])
    expect(notices[0].body).toContain('依据：平台规则 3.3「色情低俗」')
    expect(notices[0].body).toContain('本次处理由系统自动作出')
    expect(notices[0].body).toContain('申诉')
    const audit = await moderator.ok('listAuditLog', {})
    expect(audit.items).toEqual([
      expect.objectContaining({
        actor: 'system',
        action: 'decide',
        target: { kind: 'image', id: removed._id },
        before: 'pending',
        after: 'removed',
        ruleId: '3.3',
      }),
    ])

    // WeChat retries a push it thinks went unanswered: the second copy changes nothing.
    await expect(double.pushMediaCheck(traceOf(risky.url), { suggest: 'risky', label: 20002 })).resolves.toEqual({
      status: 200,
      body: 'success',
    })
    expect(await noticesOf(backend, session.profile.userId)).toHaveLength(1)

    // The owner appeals; a moderator grants it and the picture is back.
    const { id: appealId } = dataOf(
      await fromWechat<{ id: string }>('moderation', 'appeal', {
        decisionId: decisions.items[0].id,
        text: '这是产品实物照片，不含违规内容',
      }),
    )
    await moderator.ok('decideAppeal', { appealId, outcome: 'grant', note: '实物产品图，误判' })
    expect(await detail(backend, listing.id)).toMatchObject({ images: [kept.url, risky.url] })
  })

  it('a review verdict, or a check WeChat could not run, puts the image in the moderators’ queue with why', async () => {
    const doubtful = await upload()
    const listing = dataOf(
      await fromWechat<MyListingDetail>('listings', 'createListing', validListing({ images: [doubtful.key] })),
    )
    await double.pushMediaCheck(traceOf(doubtful.url), { suggest: 'review', label: 10001 })
    const queue = await moderator.ok('listQueue', { queue: 'images', pageSize: 50 })
    expect(queue.items).toEqual([expect.objectContaining({ heldBecause: '图片检测建议人工复核（可能涉及广告）' })])
    expect(await detail(backend, listing.id)).toMatchObject({ images: [] })

    // WeChat forgets users who have not opened the mini-program for 2 hours: such a check comes back failed.
    double.advance(3 * 60 * 60 * 1000)
    backend.clock.advance(3 * 60 * 60 * 1000)
    const late = await upload()
    await double.pushMediaCheck(traceOf(late.url), { suggest: 'pass', label: 100 })
    expect(await imageDoc(late.key)).toMatchObject({ check: 'held', checkReason: '图片检测未能完成，需人工审核' })
  })

  it('a push signed with another token, unsigned, stale or not over HTTP is refused and changes nothing', async () => {
    const image = await upload()
    const before = await countAll(backend)
    const waiting = await imageDoc(image.key)
    expect(waiting).toMatchObject({ check: 'pending' })

    double.configurePush({ url: `${endpoint.origin}/wechat/push`, token: 'someoneElsesToken' })
    await expect(double.pushMediaCheck(waiting.checkTraceId!, { suggest: 'pass', label: 100 })).resolves.toEqual({
      status: 403,
      body: 'forbidden',
    })
    await expect(double.verifyPushUrl()).resolves.toBe(false)

    const forged = JSON.stringify({
      Event: 'wxa_media_check',
      trace_id: waiting.checkTraceId,
      result: { suggest: 'pass' },
    })
    const unsigned = await fetch(`${endpoint.origin}/wechat/push`, { method: 'POST', body: forged })
    expect(unsigned.status).toBe(403)

    double.configurePush({ url: `${endpoint.origin}/wechat/push`, token: TOKEN })
    double.advance(60 * 60 * 1000)
    await expect(double.pushMediaCheck(waiting.checkTraceId!, { suggest: 'pass', label: 100 })).resolves.toMatchObject({
      status: 403,
    })

    // A mini-program client can callFunction any function: without HTTP there is no signature to check.
    const called = await backend.wechatPush({ Event: 'wxa_media_check', trace_id: waiting.checkTraceId, userInfo: {} })
    expect(called.statusCode).toBe(403)

    expect(await countAll(backend)).toEqual(before)
    expect(await imageDoc(image.key)).toEqual(waiting)

    // The same push, signed with the right token at the right time, is the one that counts.
    double.advance(-60 * 60 * 1000)
    await expect(double.pushMediaCheck(waiting.checkTraceId!, { suggest: 'pass', label: 100 })).resolves.toEqual({
      status: 200,
      body: 'success',
    })
    expect(await imageDoc(image.key)).toMatchObject({ check: 'passed' })
  })
})
