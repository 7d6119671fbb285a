import { Collections } from '@shared/collections'
import type { Envelope, Profile, Session } from '@shared/contracts'
import type { SecurityLogDoc } from '@shared/domain/accounts/security-log'
import type { UserDoc } from '@shared/domain/accounts/users'
import { agreedConsents, authHttp, countAll, dataOf, loginBySms } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'

const PHONE = '13812345678'
const OPENID = 'o-wechat-user-1'

describe('auth: WeChat and Alipay login', () => {
  let backend: EmbeddedBackend
  beforeEach(async () => {
    backend = await createEmbeddedBackend({ seed: false })
  })
  afterEach(() => backend.dispose())

  /** `wx.cloud.callFunction` from the mini-program: CloudBase attaches the caller's OPENID. */
  const callAuth = async <T>(action: string, payload: unknown, openId?: string, extra: Record<string, unknown> = {}) =>
    (await backend.callFunction(
      'auth',
      { action, payload, ...extra },
      openId ? { openId, appId: 'wx-app' } : undefined,
    )) as Envelope<T>

  const wechatPayload = (phone = PHONE, openId = OPENID) => ({
    phoneCode: backend.wechat.phoneCode(phone, openId),
    consents: agreedConsents(backend.clock.now(), 'weapp'),
    clientVersion: '1.2.0',
  })

  const user = (id: string) => backend.store.get<UserDoc>(Collections.users, id)

  describe('WeChat through callFunction', () => {
    it('binds the OPENID of the call to the phone’s account; later calls with that OPENID are the member, no token needed', async () => {
      const session = dataOf(await callAuth<Session>('loginWithWechat', wechatPayload(), OPENID))
      expect(session.profile.maskedPhone).toBe('138****5678')
      expect(await user(session.profile.userId)).toMatchObject({ wechatOpenId: OPENID, alipayUserId: null })

      const profile = await callAuth<Profile>('getProfile', {}, OPENID)
      expect(dataOf(profile).userId).toBe(session.profile.userId)
      expect(await callAuth('getProfile', {}, 'o-someone-else')).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      })
      expect(await callAuth('getProfile', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })

      const [log] = (await backend.store.find<SecurityLogDoc>(Collections.securityLog, { orderBy: [], limit: 5 })).items
      expect(log).toMatchObject({ method: 'wechat', platform: 'weapp', clientVersion: '1.2.0', ip: null })
    })

    it('logout unbinds the OPENID: the next call is a guest until the next WeChat login', async () => {
      const session = dataOf(await callAuth<Session>('loginWithWechat', wechatPayload(), OPENID))
      expect(dataOf(await callAuth('logout', {}, OPENID))).toEqual({ loggedOut: true })
      expect(await user(session.profile.userId)).toMatchObject({ wechatOpenId: null })
      expect(await callAuth('getProfile', {}, OPENID)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })

      const again = dataOf(await callAuth<Session>('loginWithWechat', wechatPayload(), OPENID))
      expect(again.profile.userId).toBe(session.profile.userId)
    })

    it('the same phone by SMS and by WeChat is one account', async () => {
      const bySms = await loginBySms(backend, PHONE)
      const byWechat = dataOf(await callAuth<Session>('loginWithWechat', wechatPayload(), OPENID))
      expect(byWechat.profile.userId).toBe(bySms.profile.userId)
      expect(await backend.store.count(Collections.users)).toBe(1)
      // And the SMS session still works alongside the WeChat binding.
      expect((await authHttp(backend, 'getProfile', {}, { token: bySms.token })).ok).toBe(true)
    })

    it('a WeChat account that now proves another number moves to that number’s account', async () => {
      const first = dataOf(await callAuth<Session>('loginWithWechat', wechatPayload(PHONE), OPENID))
      const second = dataOf(await callAuth<Session>('loginWithWechat', wechatPayload('13900001111'), OPENID))
      expect(second.profile.userId).not.toBe(first.profile.userId)
      expect(await user(first.profile.userId)).toMatchObject({ wechatOpenId: null })
      expect(await user(second.profile.userId)).toMatchObject({ wechatOpenId: OPENID })
      expect(dataOf(await callAuth<Profile>('getProfile', {}, OPENID)).userId).toBe(second.profile.userId)
    })

    it('two first logins racing with one number make one account (the unique phone hash decides)', async () => {
      const results = await Promise.all(
        ['o-a', 'o-b', 'o-c'].map((openId) =>
          callAuth<Session>('loginWithWechat', wechatPayload(PHONE, openId), openId),
        ),
      )
      const ids = new Set(results.map((r) => dataOf(r).profile.userId))
      expect(ids.size).toBe(1)
      expect(await backend.store.count(Collections.users)).toBe(1)
    })

    it('a used or unknown phone code is INVALID_INPUT on phoneCode and creates nothing', async () => {
      const payload = wechatPayload()
      dataOf(await callAuth('loginWithWechat', payload, OPENID))
      const before = await countAll(backend)
      for (const phoneCode of [payload.phoneCode, 'never-issued']) {
        expect(await callAuth('loginWithWechat', { ...payload, phoneCode }, 'o-other')).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', field: 'phoneCode', message: '手机号授权已失效，请重新授权' },
        })
      }
      expect(await countAll(backend)).toEqual(before)
    })

    it('a number we cannot serve (not a mainland mobile) is refused on phoneCode', async () => {
      const payload = { ...wechatPayload(), phoneCode: backend.wechat.phoneCode('5551234567', OPENID) }
      expect(await callAuth('loginWithWechat', payload, OPENID)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'phoneCode' },
      })
      expect(await backend.store.count(Collections.users)).toBe(0)
    })

    it('refused for consent: no account, no binding, no session, no ledger, no log', async () => {
      const before = await countAll(backend)
      const result = await callAuth('loginWithWechat', { ...wechatPayload(), consents: [] }, OPENID)
      expect(result).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED', field: 'consents' } })
      expect(await countAll(backend)).toEqual(before)
    })
  })

  describe('WeChat over HTTPS (no OPENID attached)', () => {
    it('needs the wx.login code; the OPENID WeChat returns for it is the one bound', async () => {
      const missing = await authHttp(backend, 'loginWithWechat', wechatPayload())
      expect(missing).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_INPUT', field: 'loginCode' } })
      expect(await backend.store.count(Collections.users)).toBe(0)

      const session = dataOf(
        await authHttp<Session>(backend, 'loginWithWechat', {
          ...wechatPayload(),
          loginCode: backend.wechat.loginCode(OPENID),
        }),
      )
      expect(await user(session.profile.userId)).toMatchObject({ wechatOpenId: OPENID })
      expect((await authHttp(backend, 'getProfile', {}, { token: session.token })).ok).toBe(true)
    })

    it('an unknown or replayed wx.login code is INVALID_INPUT on loginCode, and the phone is not even asked for', async () => {
      const loginCode = backend.wechat.loginCode(OPENID)
      dataOf(await authHttp(backend, 'loginWithWechat', { ...wechatPayload(), loginCode }))
      const exchanges = backend.wechat.phoneExchanges.length
      for (const code of [loginCode, 'never-issued']) {
        expect(await authHttp(backend, 'loginWithWechat', { ...wechatPayload(), loginCode: code })).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', field: 'loginCode' },
        })
      }
      expect(backend.wechat.phoneExchanges).toHaveLength(exchanges)
    })
  })

  describe('identity never comes from the payload', () => {
    it('an openId in the payload is refused outright (strict contracts) and binds nothing', async () => {
      const before = await countAll(backend)
      for (const field of ['openId', 'openid', 'userId', 'alipayUserId']) {
        const result = await callAuth('loginWithWechat', { ...wechatPayload(), [field]: 'o-victim' }, OPENID)
        expect(result).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', message: '请求参数包含不支持的字段' },
        })
      }
      expect(await countAll(backend)).toEqual(before)
    })

    it('identity fields beside the payload are ignored: the platform’s OPENID is the one bound', async () => {
      const session = dataOf(
        await callAuth<Session>('loginWithWechat', wechatPayload(), OPENID, { openid: 'o-victim', userId: 'u-victim' }),
      )
      expect(await user(session.profile.userId)).toMatchObject({ wechatOpenId: OPENID })
      expect(await backend.store.count(Collections.users, { wechatOpenId: 'o-victim' })).toBe(0)
    })

    it('over HTTP a userInfo in the body is not an OPENID: the login still needs a wx.login code', async () => {
      const body = { action: 'loginWithWechat', payload: wechatPayload(), userInfo: { openId: 'o-victim' } }
      const result = JSON.parse((await backend.callHttp('auth', body)).body) as Envelope<Session>
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'loginCode' } })
    })

    it('a payload userId cannot make a guest a member of someone else’s account', async () => {
      const victim = await loginBySms(backend, PHONE)
      expect(await authHttp(backend, 'getProfile', { userId: victim.profile.userId })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
      expect(await authHttp(backend, 'updateProfile', { nickname: 'x', userId: victim.profile.userId })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
      expect((await user(victim.profile.userId))?.nickname).not.toBe('x')
    })
  })

  describe('Alipay', () => {
    const alipayPayload = (phone = PHONE, alipayUserId = '2088000000000001') => ({
      authCode: backend.alipay.authCode(alipayUserId),
      phone: backend.alipay.phoneResponse(phone),
      consents: agreedConsents(backend.clock.now(), 'alipay'),
    })

    it('binds the Alipay user id to the phone’s account and returns a session for HTTPS calls', async () => {
      const session = dataOf(
        await authHttp<Session>(backend, 'loginWithAlipay', alipayPayload(), {
          headers: { 'x-client-platform': 'alipay' },
        }),
      )
      expect(await user(session.profile.userId)).toMatchObject({ alipayUserId: '2088000000000001', wechatOpenId: null })
      expect((await authHttp(backend, 'getProfile', {}, { token: session.token })).ok).toBe(true)
      const bySms = await loginBySms(backend, PHONE)
      expect(bySms.profile.userId).toBe(session.profile.userId)
    })

    it('a tampered ciphertext or signature is INVALID_INPUT on phone and creates nothing', async () => {
      const payload = alipayPayload()
      const before = await countAll(backend)
      const tampered = [
        { ...payload.phone, response: payload.phone.response.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
        { ...payload.phone, sign: payload.phone.sign.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
      ]
      for (const phone of tampered) {
        const result = await authHttp(backend, 'loginWithAlipay', {
          ...payload,
          authCode: backend.alipay.authCode('2088x'),
          phone,
        })
        expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'phone' } })
      }
      expect(await countAll(backend)).toEqual(before)
    })

    it('an unsupported signature type, a missing field or an extra field in the phone response is INVALID_INPUT', async () => {
      const payload = alipayPayload()
      for (const phone of [
        { ...payload.phone, sign_type: 'RSA' },
        { response: payload.phone.response },
        { ...payload.phone, mobile: PHONE },
      ]) {
        expect(await authHttp(backend, 'loginWithAlipay', { ...payload, phone })).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', field: expect.stringMatching(/^phone/) },
        })
      }
    })

    it('an unknown or used auth code is INVALID_INPUT on authCode', async () => {
      const payload = alipayPayload()
      dataOf(await authHttp(backend, 'loginWithAlipay', payload))
      const before = await countAll(backend)
      expect(
        await authHttp(backend, 'loginWithAlipay', { ...payload, phone: backend.alipay.phoneResponse(PHONE) }),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'authCode', message: '支付宝授权已失效，请重新登录' },
      })
      expect(await countAll(backend)).toEqual(before)
    })
  })
})
