import { randomBytes } from 'node:crypto'
import { AppError, ErrorCode } from '@shared/core/app-error'
import type { AlipayApi, WechatApi } from '@shared/ports/platform-identity'

/**
 * Port-level stand-ins for WeChat and Alipay in handler stories. The test plays the platform: it issues
 * one-time codes bound to an identity or a phone number, as the real platform would hand them to the
 * app, and the fake redeems each once. Unknown, used or tampered input is refused the way the real
 * drivers refuse it (AppError INVALID_INPUT naming the field), so the stories exercise those paths.
 * The drivers' own wire formats are tested against wire doubles in their own suites.
 */
const newCode = (prefix: string) => `${prefix}-${randomBytes(9).toString('base64url')}`

export class FakeWechat implements WechatApi {
  private readonly loginCodes = new Map<string, string>()
  private readonly phoneCodes = new Map<string, { phone: string; openId?: string }>()
  /** Every phone-number exchange, in order (WeChat charges for each). */
  readonly phoneExchanges: Array<{ phoneCode: string; openId: string }> = []

  /** What `wx.login` gives the app of this WeChat user. */
  loginCode(openId: string): string {
    const code = newCode('wxlogin')
    this.loginCodes.set(code, openId)
    return code
  }

  /** What the getPhoneNumber button gives the app; bound to the user when `openId` is given. */
  phoneCode(phone: string, openId?: string): string {
    const code = newCode('wxphone')
    this.phoneCodes.set(code, { phone, openId })
    return code
  }

  async openIdFromLoginCode(loginCode: string): Promise<{ openId: string }> {
    const openId = this.loginCodes.get(loginCode)
    this.loginCodes.delete(loginCode)
    if (!openId) throw new AppError(ErrorCode.InvalidInput, '微信登录凭证无效或已过期，请重新登录', 'loginCode')
    return { openId }
  }

  async phoneFromCode(phoneCode: string, openId: string): Promise<{ phone: string }> {
    this.phoneExchanges.push({ phoneCode, openId })
    const entry = this.phoneCodes.get(phoneCode)
    this.phoneCodes.delete(phoneCode)
    if (!entry || (entry.openId !== undefined && entry.openId !== openId)) {
      throw new AppError(ErrorCode.InvalidInput, '手机号授权已失效，请重新授权', 'phoneCode')
    }
    return { phone: entry.phone }
  }
}

export class FakeAlipay implements AlipayApi {
  private readonly authCodes = new Map<string, string>()
  private readonly responses = new Map<string, { sign: string; phone: string }>()

  /** What `my.getAuthCode` gives the app of this Alipay user. */
  authCode(userId: string): string {
    const code = newCode('aliauth')
    this.authCodes.set(code, userId)
    return code
  }

  /** What `my.getPhoneNumber` gives the app: ciphertext and signature that only verify together. */
  phoneResponse(phone: string): { response: string; sign: string; sign_type: 'RSA2'; encrypt_type: 'AES' } {
    const response = randomBytes(24).toString('base64')
    const sign = randomBytes(32).toString('base64')
    this.responses.set(response, { sign, phone })
    return { response, sign, sign_type: 'RSA2', encrypt_type: 'AES' }
  }

  async userIdFromAuthCode(authCode: string): Promise<{ userId: string }> {
    const userId = this.authCodes.get(authCode)
    this.authCodes.delete(authCode)
    if (!userId) throw new AppError(ErrorCode.InvalidInput, '支付宝授权已失效，请重新登录', 'authCode')
    return { userId }
  }

  async phoneFromResponse(response: { response: string; sign: string }): Promise<{ phone: string }> {
    const entry = this.responses.get(response.response)
    if (!entry || entry.sign !== response.sign) {
      throw new AppError(ErrorCode.InvalidInput, '手机号授权数据校验失败', 'phone')
    }
    return { phone: entry.phone }
  }
}
