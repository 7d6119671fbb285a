import { createLogger } from '@shared/core/logger'
import { createLocalImageCheck } from '@shared/drivers/local/local-image-check'
import { createWechatApi } from '@shared/drivers/wechat/wechat-api'
import { createWechatClient } from '@shared/drivers/wechat/wechat-client'
import { createWechatMediaCheck } from '@shared/drivers/wechat/wechat-media-check'
import { checkPushSignature, readPushBody } from '@shared/drivers/wechat/wechat-push'
import type { ImageChecker, ImageCheckRequest } from '@shared/ports/image-checker'
import { startLoopback, type LoopbackServer } from '../../support/loopback-double'
import { startWechatDouble, type WechatDouble } from '../../support/wechat-double'

const request = (overrides: Partial<ImageCheckRequest> = {}): ImageCheckRequest => ({
  url: 'https://files.zhineng.example/listings/u1/0a1b2c.jpg',
  key: 'listings/u1/0a1b2c.jpg',
  mimeType: 'image/jpeg',
  scene: 'forum',
  openId: 'o-uploader',
  posterApproved: true,
  ...overrides,
})

describe('the local image rule', () => {
  it('trusts a poster with an approved listing and holds a newcomer’s image for a moderator', async () => {
    const local = createLocalImageCheck()
    await expect(local.submit(request({ posterApproved: true }))).resolves.toEqual({ verdict: 'pass' })
    await expect(local.submit(request({ posterApproved: false }))).resolves.toEqual({
      verdict: 'review',
      reason: '发布者尚无通过审核的信息，图片需人工审核',
      label: 'newPoster',
    })
  })
})

describe('WeChat mediaCheckAsync v2 against the wire-level double', () => {
  let double: WechatDouble
  let checker: ImageChecker
  let lines: string[]
  let fallbackCalls: number
  const local = createLocalImageCheck()
  const fallback: ImageChecker = {
    async submit(req) {
      fallbackCalls += 1
      return local.submit(req)
    },
  }

  beforeEach(async () => {
    double = await startWechatDouble()
    lines = []
    fallbackCalls = 0
    checker = createWechatMediaCheck({
      client: createWechatClient(double.options),
      fallback,
      logger: createLogger((line) => lines.push(line)),
    })
    double.registerActiveUser('o-uploader')
  })
  afterEach(() => double.close())

  const checks = () => double.requests.filter((r) => r.api === 'media_check_async')

  it('posts {media_url, media_type: 2, version: 2, scene, openid} with the access token; the verdict is pending on WeChat’s trace id', async () => {
    const submitted = await checker.submit(request())
    expect(submitted).toEqual({ verdict: 'pending', traceId: double.mediaChecks[0].traceId })
    expect(checks()).toEqual([
      {
        api: 'media_check_async',
        method: 'POST',
        query: { access_token: expect.any(String) },
        body: {
          media_url: 'https://files.zhineng.example/listings/u1/0a1b2c.jpg',
          media_type: 2,
          version: 2,
          scene: 3,
          openid: 'o-uploader',
        },
      },
    ])
    expect(fallbackCalls).toBe(0)
  })

  it('one access token serves every check and the login driver sharing the client; a revoked one is renewed once', async () => {
    const client = createWechatClient(double.options)
    const shared = createWechatMediaCheck({ client, fallback })
    const login = createWechatApi(client)
    double.registerPhoneCode('phone-1', '13812345678')

    await shared.submit(request())
    await shared.submit(request({ key: 'listings/u1/second.jpg' }))
    await login.phoneFromCode('phone-1', 'o-uploader')
    expect(double.tokensIssued).toBe(1)

    double.revokeAccessTokens()
    await expect(shared.submit(request())).resolves.toMatchObject({ verdict: 'pending' })
    expect(double.tokensIssued).toBe(2)
    expect(checks()).toHaveLength(4)
  })

  it('an errcode is logged, without the secret or the token, and the image is held for review: the upload does not fail', async () => {
    double.failNext('media_check_async', 45009, 'reach max api daily quota limit')
    await expect(checker.submit(request())).resolves.toEqual({
      verdict: 'review',
      reason: '图片安全检查暂不可用，已转人工审核',
      label: 'unchecked',
    })
    const warning = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.level === 'warn')
    expect(warning).toMatchObject({
      msg: 'wechat image check failed, holding the image for review',
      key: 'listings/u1/0a1b2c.jpg',
      errMessage: expect.stringContaining('errcode 45009'),
    })
    const token = checks()[0].query.access_token
    expect(lines.join('\n')).not.toContain(double.secret)
    expect(lines.join('\n')).not.toContain(token)
    expect(fallbackCalls).toBe(0)
  })

  it('WeChat unreachable, or a reply without trace_id, holds the image too', async () => {
    const noTraceWechat = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: 'T', expires_in: 7200 }))
    })
    const noTrace = createWechatMediaCheck({
      client: createWechatClient({ appId: 'wx1', secret: 's', baseUrl: noTraceWechat.origin }),
      fallback,
    })
    await expect(noTrace.submit(request())).resolves.toMatchObject({ verdict: 'review', label: 'unchecked' })
    await noTraceWechat.close()

    const closed = createWechatMediaCheck({
      client: createWechatClient({ appId: 'wx1', secret: 's', baseUrl: noTraceWechat.origin, timeoutMs: 500 }),
      fallback,
    })
    await expect(closed.submit(request())).resolves.toMatchObject({ verdict: 'review', label: 'unchecked' })
  })

  it('without an OPENID (an Alipay or H5 uploader) the local rule decides and WeChat is not asked', async () => {
    await expect(checker.submit(request({ openId: undefined, posterApproved: true }))).resolves.toEqual({
      verdict: 'pass',
    })
    await expect(checker.submit(request({ openId: undefined, posterApproved: false }))).resolves.toMatchObject({
      verdict: 'review',
    })
    expect(double.requests).toEqual([])
    expect(fallbackCalls).toBe(2)
  })

  it('a URL WeChat could not download (relative: no PUBLIC_URL) is never sent, and the image is held', async () => {
    await expect(checker.submit(request({ url: '/files/listings/u1/0a1b2c.jpg' }))).resolves.toMatchObject({
      verdict: 'review',
      label: 'unchecked',
    })
    expect(checks()).toEqual([])
  })
})

describe('the wxa_media_check push, as the double sends it', () => {
  const TOKEN = 'pushToken2026'
  let double: WechatDouble
  let received: Array<{ method: string; query: Record<string, string>; body: string }>
  let echo: string
  let receiver: LoopbackServer

  beforeEach(async () => {
    double = await startWechatDouble()
    received = []
    echo = ''
    // What the console's URL receives, recorded; GET answers whatever `echo` says (the echostr by default).
    receiver = await startLoopback((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://receiver')
      received.push({ method: req.method ?? '', query: Object.fromEntries(url.searchParams), body: body.toString() })
      res.end(req.method === 'GET' ? echo || (url.searchParams.get('echostr') ?? '') : 'success')
    })
    double.configurePush({ url: `${receiver.origin}/wechat/push`, token: TOKEN })
    double.registerActiveUser('o-uploader')
  })
  afterEach(async () => {
    await receiver.close()
    await double.close()
  })

  it('is signed with the token (sha1 of sorted token, timestamp, nonce) and reads as the verdict', async () => {
    const checker = createWechatMediaCheck({
      client: createWechatClient(double.options),
      fallback: createLocalImageCheck(),
    })
    const submitted = await checker.submit(request())
    if (submitted.verdict !== 'pending') throw new Error('expected a pending check')
    await double.pushMediaCheck(submitted.traceId, { suggest: 'risky', label: 20002 })

    const push = received[0]
    expect(push.method).toBe('POST')
    expect(checkPushSignature(push.query, TOKEN, Date.now())).toEqual({ ok: true })
    expect(checkPushSignature(push.query, 'anotherToken', Date.now())).toEqual({ ok: false, reason: 'bad signature' })
    expect(checkPushSignature({ ...push.query, nonce: '1' }, TOKEN, Date.now())).toMatchObject({ ok: false })
    expect(checkPushSignature(push.query, TOKEN, Date.now() + 60 * 60 * 1000)).toEqual({
      ok: false,
      reason: 'stale timestamp',
    })
    expect(checkPushSignature({}, TOKEN, Date.now())).toEqual({ ok: false, reason: 'unsigned' })
    expect(readPushBody(push.body)).toEqual({
      kind: 'mediaCheck',
      verdict: { traceId: submitted.traceId, verdict: 'risky', finding: 'porn', label: '20002' },
    })
  })

  it('a check WeChat could not run (the uploader was not active) arrives as an errcode: a failed verdict', async () => {
    const checker = createWechatMediaCheck({
      client: createWechatClient(double.options),
      fallback: createLocalImageCheck(),
    })
    const submitted = await checker.submit(request({ openId: 'o-not-seen-lately' }))
    if (submitted.verdict !== 'pending') throw new Error('expected a pending check')
    await double.pushMediaCheck(submitted.traceId, { suggest: 'pass', label: 100 })
    expect(readPushBody(received[0].body)).toEqual({
      kind: 'mediaCheck',
      verdict: {
        traceId: submitted.traceId,
        verdict: 'failed',
        finding: null,
        label: null,
        detail: 'errcode 40003 (invalid openid)',
      },
    })
  })

  it('the console’s verification is a signed GET that expects its echostr back', async () => {
    await expect(double.verifyPushUrl()).resolves.toBe(true)
    expect(checkPushSignature(received[0].query, TOKEN, Date.now())).toEqual({ ok: true })
    echo = 'something else'
    await expect(double.verifyPushUrl()).resolves.toBe(false)
  })

  it('other events, encrypted bodies and non-JSON are told apart from a verdict', () => {
    expect(readPushBody(JSON.stringify({ MsgType: 'event', Event: 'user_enter_tempsession' }))).toEqual({
      kind: 'other',
      event: 'user_enter_tempsession',
    })
    expect(readPushBody(JSON.stringify({ ToUserName: 'gh_1', Encrypt: 'abc' }))).toMatchObject({ kind: 'unreadable' })
    expect(readPushBody('<xml></xml>')).toMatchObject({ kind: 'unreadable' })
    expect(readPushBody(JSON.stringify({ Event: 'wxa_media_check' }))).toMatchObject({ kind: 'unreadable' })
  })
})
