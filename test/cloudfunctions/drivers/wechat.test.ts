import { AppError } from '@shared/core/app-error'
import { createWechatApi } from '@shared/drivers/wechat/wechat-api'
import type { WechatApi } from '@shared/ports/platform-identity'
import { startWechatDouble, type WechatDouble } from '../../support/wechat-double'

const PHONE = '13812345678'

describe('WeChat driver against the wire-level WeChat double', () => {
  let double: WechatDouble
  let wechat: WechatApi

  beforeEach(async () => {
    double = await startWechatDouble()
    wechat = createWechatApi(double.options)
  })

  afterEach(() => double.close())

  const refusal = async (promise: Promise<unknown>): Promise<AppError> => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    )
    if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`)
    return error
  }

  describe('a wx.login code becomes an OPENID (jscode2session)', () => {
    it('returns the openid and the unionid when WeChat has one, and never the session key', async () => {
      double.registerLoginCode('login-1', { openId: 'o-user-1', unionId: 'u-user-1' })
      double.registerLoginCode('login-2', { openId: 'o-user-2' })

      await expect(wechat.openIdFromLoginCode('login-1')).resolves.toEqual({ openId: 'o-user-1', unionId: 'u-user-1' })
      await expect(wechat.openIdFromLoginCode('login-2')).resolves.toEqual({ openId: 'o-user-2' })
      expect(double.requests[0]).toMatchObject({
        api: 'jscode2session',
        method: 'GET',
        query: { appid: double.appId, secret: double.secret, js_code: 'login-1', grant_type: 'authorization_code' },
      })
    })

    it("an unknown, a used and an expired code are the user's to retry: INVALID_INPUT on loginCode", async () => {
      double.registerLoginCode('once', { openId: 'o1' })
      double.registerLoginCode('stale', { openId: 'o2' })
      await wechat.openIdFromLoginCode('once')

      const unknown = await refusal(wechat.openIdFromLoginCode('never-issued'))
      const used = await refusal(wechat.openIdFromLoginCode('once'))
      double.advance(5 * 60 * 1000 + 1)
      const expired = await refusal(wechat.openIdFromLoginCode('stale'))

      for (const error of [unknown, used, expired])
        expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'loginCode' })
      expect(used.message).toContain('已使用')
    })

    it('a login WeChat blocks as high-risk is NOT_ALLOWED, and rate limiting is RATE_LIMITED', async () => {
      double.registerLoginCode('risky', { openId: 'o-risky', blocked: true })
      await expect(refusal(wechat.openIdFromLoginCode('risky'))).resolves.toMatchObject({ code: 'NOT_ALLOWED' })

      double.failNext('jscode2session', 45011, 'api minute-quota reach limit mustslower retry next minute')
      await expect(refusal(wechat.openIdFromLoginCode('any'))).resolves.toMatchObject({ code: 'RATE_LIMITED' })
    })

    it('a wrong AppSecret is an outage (plain error naming the errcode), and the secret is in no message', async () => {
      const misconfigured = createWechatApi({ ...double.options, secret: 'wrong-secret-value' })
      double.registerLoginCode('c', { openId: 'o' })

      const error = await misconfigured.openIdFromLoginCode('c').catch((e: unknown) => e)

      expect(error).toBeInstanceOf(Error)
      expect(error).not.toBeInstanceOf(AppError)
      expect((error as Error).message).toContain('40125')
      expect((error as Error).message).not.toContain('wrong-secret-value')
    })
  })

  describe('a getPhoneNumber button code becomes the bound phone number', () => {
    it('takes a stable access token once, posts {code, openid}, and returns purePhoneNumber', async () => {
      double.registerPhoneCode('p1', PHONE, { openId: 'o1' })
      double.registerPhoneCode('p2', '13900000000')

      await expect(wechat.phoneFromCode('p1', 'o1')).resolves.toEqual({ phone: PHONE })
      await expect(wechat.phoneFromCode('p2', '')).resolves.toEqual({ phone: '13900000000' })

      expect(double.requests.map((r) => r.api)).toEqual(['stable_token', 'getuserphonenumber', 'getuserphonenumber'])
      expect(double.requests[0]).toMatchObject({
        method: 'POST',
        body: { grant_type: 'client_credential', appid: double.appId, secret: double.secret },
      })
      expect(double.requests[1].body).toEqual({ code: 'p1', openid: 'o1' })
      expect(double.requests[2].body).toEqual({ code: 'p2' })
      expect(double.phoneLookups).toBe(2)
    })

    it('refreshes the access token once when WeChat says it is no longer valid (40001), then succeeds', async () => {
      double.registerPhoneCode('p1', PHONE)
      double.registerPhoneCode('p2', '13900000000')
      await wechat.phoneFromCode('p1', '')

      double.revokeAccessTokens()
      await expect(wechat.phoneFromCode('p2', '')).resolves.toEqual({ phone: '13900000000' })

      expect(double.requests.map((r) => r.api)).toEqual([
        'stable_token',
        'getuserphonenumber',
        'getuserphonenumber', // answered 40001
        'stable_token',
        'getuserphonenumber',
      ])
      expect(double.tokensIssued).toBe(2)
    })

    it('renews the token before it expires instead of waiting for WeChat to refuse it', async () => {
      let clock = 1_000_000
      const api = createWechatApi({ ...double.options, now: () => clock })
      double.registerPhoneCode('p1', PHONE)
      await api.phoneFromCode('p1', '')

      clock += (7200 - 4 * 60) * 1000 // inside WeChat's 5-minute renewal window
      double.advance((7200 - 4 * 60) * 1000)
      double.registerPhoneCode('p2', PHONE)
      await api.phoneFromCode('p2', '')

      expect(double.requests.map((r) => r.api)).toEqual([
        'stable_token',
        'getuserphonenumber',
        'stable_token',
        'getuserphonenumber',
      ])
    })

    it('gives up after one refresh: a token WeChat keeps refusing is an outage, not a loop', async () => {
      double.registerPhoneCode('p1', PHONE)
      double.failNext('getuserphonenumber', 42001, 'access_token expired')
      await expect(wechat.phoneFromCode('p1', '')).resolves.toEqual({ phone: PHONE })

      const stubborn = createWechatApi({
        ...double.options,
        // A proxy that always answers 40001 for the business API.
        fetch: async (input, init) => {
          const url = String(input)
          if (url.includes('getuserphonenumber')) {
            return new Response(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }))
          }
          return fetch(input, init)
        },
      })
      const error = await stubborn.phoneFromCode('p2', '').catch((e: unknown) => e)
      expect(error).not.toBeInstanceOf(AppError)
      expect((error as Error).message).toMatch(/getuserphonenumber failed: errcode 40001/)
    })

    it('an unknown, used or expired phone code asks the user to authorise again: INVALID_INPUT on phoneCode', async () => {
      double.registerPhoneCode('once', PHONE)
      double.registerPhoneCode('stale', PHONE)
      await wechat.phoneFromCode('once', '')
      double.advance(5 * 60 * 1000 + 1)

      for (const code of ['never-issued', 'once', 'stale']) {
        await expect(refusal(wechat.phoneFromCode(code, ''))).resolves.toMatchObject({
          code: 'INVALID_INPUT',
          field: 'phoneCode',
        })
      }
    })

    it("a code bound to another user's openid is refused", async () => {
      double.registerPhoneCode('p1', PHONE, { openId: 'o-owner' })
      await expect(refusal(wechat.phoneFromCode('p1', 'o-intruder'))).resolves.toMatchObject({
        code: 'INVALID_INPUT',
        field: 'phoneCode',
      })
    })

    it('a number outside the mainland is refused with 暂不支持境外手机号', async () => {
      double.registerPhoneCode('hk', { phoneNumber: '+85261234567', purePhoneNumber: '61234567', countryCode: '852' })

      const error = await refusal(wechat.phoneFromCode('hk', ''))

      expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'phoneCode', message: '暂不支持境外手机号' })
    })

    it('an exhausted phone-number quota (1400001) is our outage: a plain error, logged as INTERNAL upstream', async () => {
      double.registerPhoneCode('p1', PHONE)
      double.failNext('getuserphonenumber', 1400001, 'quota reached limit')

      const error = await wechat.phoneFromCode('p1', '').catch((e: unknown) => e)

      expect(error).toBeInstanceOf(Error)
      expect(error).not.toBeInstanceOf(AppError)
      expect((error as Error).message).toContain('1400001')
    })

    it('concurrent first calls share one token request', async () => {
      for (const code of ['a', 'b', 'c']) double.registerPhoneCode(code, PHONE)

      await Promise.all(['a', 'b', 'c'].map((code) => wechat.phoneFromCode(code, '')))

      expect(double.requests.filter((r) => r.api === 'stable_token')).toHaveLength(1)
    })
  })

  it('a WeChat that does not answer in time is a plain error naming the timeout', async () => {
    const slow = createWechatApi({
      ...double.options,
      timeoutMs: 50,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    })

    await expect(slow.openIdFromLoginCode('x')).rejects.toThrow(/jscode2session request failed: timed out after 50 ms/)
  })
})
