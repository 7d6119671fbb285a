import Taro from '@tarojs/taro'
import { recordAgeChoice, recordPolicyChoice } from '@/features/consent/consent-store'
import { loginWithAlipayPhone, loginWithWechatPhone, parseAlipayPhoneResponse } from '@/features/auth/login'
import { describeLoginError } from '@/features/auth/login-errors'
import { currentSession } from '@/services/session'
import { installFakeNetwork, type FakeNetwork } from '../../../support/web/network'

// The WeChat and Alipay login steps, platform-neutral, against the real auth function over HTTP (the
// path a WeChat build without CloudBase, and every Alipay build, takes). The platform files only hand
// these the button's result.

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork()
  // What the consent dialog and the age confirmation would have recorded.
  recordPolicyChoice('agree')
  recordAgeChoice('adult')
})

afterEach(async () => {
  jest.restoreAllMocks()
  await network.restore()
})

async function failure(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return describeLoginError(error)
  }
  throw new Error('expected the login to fail')
}

describe('WeChat phone login', () => {
  it('over HTTPS, the button code and a wx.login code log the user in; the server learns the OPENID from the latter', async () => {
    const loginCode = network.backend.wechat.loginCode('oWechatUser-1')
    const phoneCode = network.backend.wechat.phoneCode('13600136000', 'oWechatUser-1')

    const session = await loginWithWechatPhone({ code: phoneCode, errMsg: 'getPhoneNumber:ok' }, async () => loginCode)

    expect(session.profile.maskedPhone).toBe('136****6000')
    expect(currentSession()?.token).toBe(session.token)
    expect(network.backend.wechat.phoneExchanges).toEqual([{ phoneCode, openId: 'oWechatUser-1' }])
    const login = network.sent.find((r) => r.body.action === 'loginWithWechat')
    expect(login?.body.payload).toMatchObject({ phoneCode, loginCode })
  })

  it.each([
    ['getPhoneNumber:fail user deny', '你已取消手机号授权，需要时可以再次点击登录'],
    ['getPhoneNumber:fail privacy permission is not authorized', '需要先同意隐私政策，才能使用手机号快捷登录'],
    ['getPhoneNumber:fail no permission', '暂时无法获取手机号，请稍后再试'],
  ])('a refusal (%s) is explained and nothing is sent', async (errMsg, message) => {
    const getLoginCode = jest.fn(async () => 'unused')

    expect(await failure(loginWithWechatPhone({ errMsg }, getLoginCode))).toEqual({ message })
    expect(getLoginCode).not.toHaveBeenCalled()
    expect(network.sent).toHaveLength(0)
  })

  it('a used phone code is refused by the server, and no session is stored', async () => {
    const phoneCode = network.backend.wechat.phoneCode('13600136000')
    await loginWithWechatPhone({ code: phoneCode }, async () => network.backend.wechat.loginCode('oWechatUser-1'))
    localStorage.clear()
    recordPolicyChoice('agree')
    recordAgeChoice('adult')

    const error = await failure(
      loginWithWechatPhone({ code: phoneCode }, async () => network.backend.wechat.loginCode('oWechatUser-1')),
    )

    expect(error).toMatchObject({ field: 'phoneCode', message: '手机号授权已失效，请重新授权' })
    expect(currentSession()).toBeNull()
  })
})

describe('Alipay phone login', () => {
  it('the signed, encrypted response and the auth code log the user in', async () => {
    const authCode = network.backend.alipay.authCode('2088000000000001')
    jest.spyOn(Taro, 'login').mockResolvedValue({ code: authCode, errMsg: 'login:ok' })
    // my.getPhoneNumber hands back the whole response as JSON text, with fields the server does not need.
    const response = JSON.stringify({ ...network.backend.alipay.phoneResponse('13500135000'), charset: 'UTF-8' })

    const session = await loginWithAlipayPhone(async () => ({ response }))

    expect(session.profile.maskedPhone).toBe('135****5000')
    const login = network.sent.find((r) => r.body.action === 'loginWithAlipay')
    expect(login?.body).toMatchObject({ action: 'loginWithAlipay', payload: { authCode } })
    expect((login?.body.payload as { phone: object }).phone).not.toHaveProperty('charset')
  })

  it('a response that is not what Alipay sends is refused on the device', async () => {
    jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'unused', errMsg: 'login:ok' })

    expect(await failure(loginWithAlipayPhone(async () => ({ response: 'not json' })))).toEqual({
      message: '暂时无法获取手机号，请稍后再试',
    })
    expect(network.sent).toHaveLength(0)
  })

  it('only the fields the contract knows are passed on', () => {
    expect(parseAlipayPhoneResponse('{"response":"abc","sign":"def","sign_type":"RSA2","charset":"UTF-8"}')).toEqual({
      response: 'abc',
      sign: 'def',
      sign_type: 'RSA2',
    })
  })
})
