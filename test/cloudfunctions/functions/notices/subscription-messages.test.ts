import type { Envelope, NoticePreference, Session } from '@shared/contracts'
import { createWechatClient } from '@shared/drivers/wechat/wechat-client'
import { createWechatSubscribe } from '@shared/drivers/wechat/wechat-subscribe'
import { PushRefused } from '@shared/ports/notifier'
import { agreedConsents, dataOf } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { validListing } from '../../../support/listings'
import { member, type Member } from '../../../support/member'
import { startWechatDouble, type WechatDouble } from '../../../support/wechat-double'

const OPENID = 'o-poster-subscribes'
const TEMPLATES = { comment: 'tmpl-comment-01', moderationDecision: 'tmpl-decision-01' }

describe('WeChat subscription messages: sent once per agreement, after the notice, never failing the action', () => {
  let double: WechatDouble
  let backend: EmbeddedBackend
  const logged: Array<Record<string, unknown>> = []

  beforeEach(async () => {
    logged.length = 0
    double = await startWechatDouble()
    const notifier = createWechatSubscribe({ client: createWechatClient(double.options), templates: TEMPLATES })
    const record =
      (level: string) =>
      (msg: string, fields: Record<string, unknown> = {}) =>
        logged.push({ level, msg, ...fields })
    backend = await createEmbeddedBackend({
      notifier,
      logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
    })
  })
  let doubleDown = false
  afterEach(async () => {
    backend.dispose()
    if (!doubleDown) await double.close()
    doubleDown = false
  })

  /** The poster logs in from WeChat (callFunction with their OPENID), then calls over callFunction too. */
  const wechatPoster = async () => {
    const login = (await backend.callFunction(
      'auth',
      {
        action: 'loginWithWechat',
        payload: {
          phoneCode: backend.wechat.phoneCode('13800000301', OPENID),
          consents: agreedConsents(backend.clock.now(), 'weapp'),
        },
      },
      { openId: OPENID, appId: 'wx-app' },
    )) as Envelope<Session>
    dataOf(login)
    return async <T>(fn: 'notices' | 'listings', action: string, payload: unknown = {}) =>
      dataOf((await backend.callFunction(fn, { action, payload }, { openId: OPENID, appId: 'wx-app' })) as Envelope<T>)
  }

  it('the driver sends the documented request and answers a refusal with its errcode', async () => {
    const notifier = createWechatSubscribe({ client: createWechatClient(double.options), templates: TEMPLATES })
    expect(notifier.templateFor('comment')).toBe('tmpl-comment-01')
    expect(notifier.templateFor('penalty')).toBeNull()
    const message = {
      openId: OPENID,
      templateId: 'tmpl-comment-01',
      page: 'pages/messages/index',
      title: '你的信息收到新评论',
      summary: '「智能门锁诚招成都区域代理」：请问成都还有名额吗？我们在高新区有门店',
      at: Date.UTC(2026, 11, 2, 1, 30),
    }
    await expect(notifier.send(message)).rejects.toEqual(expect.objectContaining({ code: 43101 }))
    await expect(notifier.send(message)).rejects.toBeInstanceOf(PushRefused)
    double.acceptSubscription(OPENID, 'tmpl-comment-01')
    await notifier.send(message)
    expect(double.sentMessages).toEqual([
      {
        touser: OPENID,
        template_id: 'tmpl-comment-01',
        page: 'pages/messages/index',
        data: {
          thing1: { value: '你的信息收到新评论' },
          thing2: { value: '「智能门锁诚招成都区域代理」：请问成都…' },
          time3: { value: '2026-12-02 09:30' },
        },
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      },
    ])
    // One access token for all three calls.
    expect(double.tokensIssued).toBe(1)
  })

  it('a comment on the listing pushes one message per agreement; without one, only the notice is written', async () => {
    const poster = await wechatPoster()
    const listing = await poster<{ id: string }>('listings', 'createListing', validListing())
    const reader: Member<'interactions'> = await member(backend, '13800000302', 'interactions')

    // Not agreed yet: the notice is written, nothing is pushed or consumed.
    await reader.ok('postComment', { listingId: listing.id, content: '请问成都还有名额吗？' })
    expect(double.sentMessages).toHaveLength(0)

    // The tap: WeChat's dialog answered accept for the comment template, the app reports it.
    double.acceptSubscription(OPENID, TEMPLATES.comment)
    const preferences = await poster<NoticePreference[]>('notices', 'acceptSubscriptions', { kinds: ['comment'] })
    expect(preferences.find((p) => p.kind === 'comment')).toMatchObject({
      templateId: TEMPLATES.comment,
      pushesLeft: 1,
    })
    await reader.ok('postComment', { listingId: listing.id, content: '样品怎么申请？' })
    expect(double.sentMessages.map((m) => [m.touser, m.template_id, m.page])).toEqual([
      [OPENID, TEMPLATES.comment, 'pages/messages/index'],
    ])
    // Used up: the next comment is a notice only.
    await reader.ok('postComment', { listingId: listing.id, content: '还有别的区域吗？' })
    expect(double.sentMessages).toHaveLength(1)
    expect(await poster<{ unread: number }>('notices', 'countUnread')).toEqual({ unread: 3 })
  })

  it('WeChat refusing (43101) or being down is logged and the comment still succeeds', async () => {
    const poster = await wechatPoster()
    const listing = await poster<{ id: string }>('listings', 'createListing', validListing())
    await poster('notices', 'acceptSubscriptions', { kinds: ['comment'] })
    await poster('notices', 'acceptSubscriptions', { kinds: ['comment'] })
    const reader = await member(backend, '13800000303', 'interactions')
    // The app said accept but WeChat has no subscription for it (the member revoked it in WeChat's settings).
    expect(await reader.call('postComment', { listingId: listing.id, content: '你好，想了解加盟' })).toMatchObject({
      ok: true,
    })
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: 'subscription message refused', errcode: 43101, level: 'info' }),
    )
    await double.close()
    doubleDown = true
    expect(await reader.call('postComment', { listingId: listing.id, content: '再问一下样品' })).toMatchObject({
      ok: true,
    })
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'subscription message not sent', level: 'warn' }))
    expect(await poster<{ unread: number }>('notices', 'countUnread')).toEqual({ unread: 2 })
  })

  it('a kind without a template cannot be subscribed', async () => {
    const poster = await wechatPoster()
    await expect(poster('notices', 'acceptSubscriptions', { kinds: ['penalty'] })).rejects.toThrow('INVALID_INPUT')
  })
})
