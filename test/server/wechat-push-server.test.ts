import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Collections } from '@shared/collections'
import type { Envelope, Session } from '@shared/contracts'
import { silentLogger } from '@shared/core/logger'
import type { ListingImageDoc } from '@shared/domain/listings/listing-images'
import { createLocalImageCheck } from '@shared/drivers/local/local-image-check'
import { createWechatClient } from '@shared/drivers/wechat/wechat-client'
import { createWechatMediaCheck } from '@shared/drivers/wechat/wechat-media-check'
import { startServer, type RunningServer, type StartOptions } from '../../server/server'
import { agreedConsents } from '../support/accounts'
import { FakeWechat } from '../support/fake-platforms'
import { startWechatDouble, type WechatDouble } from '../support/wechat-double'

const TOKEN = 'zhinengPush2026'
const OPENID = 'o-server-poster'
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)])

describe('the self-hosted server: WeChat’s message push at /wechat/push', () => {
  let dir: string
  let double: WechatDouble
  let server: RunningServer
  const login = new FakeWechat()

  const start = (options: Partial<StartOptions> = {}) =>
    startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      h5Dir: join(dir, 'no-h5'),
      seed: true,
      logLevel: 'error',
      logger: silentLogger,
      ...options,
    })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-push-'))
    double = await startWechatDouble()
    server = await start({
      publicUrl: 'https://zhineng.example',
      env: { WECHAT_PUSH_TOKEN: TOKEN, SMS_CAPTCHA: 'off' },
      drivers: {
        wechat: login,
        // WeChat's image check, pointed at the double instead of api.weixin.qq.com.
        imageCheck: createWechatMediaCheck({
          client: createWechatClient(double.options),
          fallback: createLocalImageCheck(),
        }),
      },
    })
    double.configurePush({ url: `${server.url}/wechat/push`, token: TOKEN })
    double.registerActiveUser(OPENID)
  })
  afterAll(async () => {
    await server.close()
    await double.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const api = async <T>(fn: string, action: string, payload: unknown, token?: string) => {
    const res = await fetch(`${server.url}/api/${fn}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-client-platform': 'weapp',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ action, payload }),
    })
    const body = (await res.json()) as Envelope<T>
    if (!body.ok) throw new Error(`${action}: ${body.error.code} ${body.error.message}`)
    return body.data
  }

  it('answers the console’s URL check, refuses a push with another token, and applies a signed verdict', async () => {
    await expect(double.verifyPushUrl()).resolves.toBe(true)

    // The WeChat app on this server: logged in over HTTPS with wx.login, so the account carries the OPENID.
    const session = await api<Session>('auth', 'loginWithWechat', {
      loginCode: login.loginCode(OPENID),
      phoneCode: login.phoneCode('13812345678', OPENID),
      consents: agreedConsents(Date.now(), 'weapp'),
      clientVersion: '1.2.0',
    })
    const image = await api<{ key: string; url: string }>(
      'listings',
      'uploadListingImage',
      { mimeType: 'image/png', data: PNG.toString('base64') },
      session.token,
    )
    expect(image.url).toBe(`https://zhineng.example/files/${image.key}`)
    const [check] = double.mediaChecks
    expect(check).toMatchObject({ mediaUrl: image.url, openId: OPENID, mediaType: 2 })
    const stored = () =>
      server.store
        .find<ListingImageDoc>(Collections.listingImages, { where: { key: image.key }, orderBy: [], limit: 1 })
        .then((page) => page.items[0])
    expect(await stored()).toMatchObject({ check: 'pending', checkTraceId: check.traceId })

    double.configurePush({ url: `${server.url}/wechat/push`, token: 'notOurToken' })
    await expect(double.pushMediaCheck(check.traceId, { suggest: 'pass', label: 100 })).resolves.toEqual({
      status: 403,
      body: 'forbidden',
    })
    expect(await stored()).toMatchObject({ check: 'pending' })

    double.configurePush({ url: `${server.url}/wechat/push`, token: TOKEN })
    await expect(double.pushMediaCheck(check.traceId, { suggest: 'risky', label: 10001 })).resolves.toEqual({
      status: 200,
      body: 'success',
    })
    expect(await stored()).toMatchObject({ check: 'removed', checkTraceId: null })
    const decisions = await server.store.find<{ _id: string; decidedBy: string; ruleId: string }>(
      Collections.decisions,
      { where: { targetId: (await stored())._id }, orderBy: [], limit: 5 },
    )
    expect(decisions.items).toEqual([expect.objectContaining({ decidedBy: 'machine', ruleId: '4.1' })])
  })

  it('refuses to start with the push token and WeChat set but no https PUBLIC_URL WeChat could download from', async () => {
    await expect(
      start({
        dataDir: join(dir, 'other'),
        env: { WECHAT_PUSH_TOKEN: TOKEN, WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 'secret' },
      }),
    ).rejects.toThrow(/PUBLIC_URL/)
  })
})
