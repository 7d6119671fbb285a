import { AppError, ErrorCode } from '../../core/app-error'
import type { WechatApi } from '../../ports/platform-identity'
import { isRecord } from '../http-errors'
import { createWechatClient, type WechatClient, type WechatClientOptions } from './wechat-client'

/**
 * The WechatApi port over WeChat's HTTPS server API (api.weixin.qq.com), so the same driver serves the
 * CloudBase functions and the self-hosted server. The HTTP call and the access token are the shared
 * client's (wechat-client.ts). Wire facts (WeChat's server API docs):
 *
 * - `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code` → `{openid, unionid?,
 *   session_key}`; errors 40029 (invalid code), 40163 (code been used), 40226 (high-risk user
 *   blocked), 45011 (rate limited), -1 (busy).
 * - `POST /wxa/business/getuserphonenumber?access_token=…` `{code, openid?}` → `{errcode:0, phone_info:
 *   {phoneNumber, purePhoneNumber, countryCode, watermark}}`; a code is single use and lives 5 minutes;
 *   1400001 means the paid quota is used up. `openid` makes WeChat check the code belongs to that user.
 */
export type WechatApiOptions = WechatClientOptions
export { WECHAT_BASE_URL } from './wechat-client'

const INVALID_CODE = 40029
const CODE_USED = 40163
const CODE_BLOCKED = 40226
const RATE_LIMITED = 45011
const PHONE_QUOTA_EXHAUSTED = 1400001
const MAINLAND_MOBILE = /^1\d{10}$/

/** Over its own client, or over one shared with the other WeChat drivers (one access token for all). */
export function createWechatApi(options: WechatApiOptions | WechatClient): WechatApi {
  const client = 'withToken' in options ? options : createWechatClient(options)
  const { appId, secret, call, withToken, failure } = client

  return {
    async openIdFromLoginCode(loginCode) {
      const query = new URLSearchParams({
        appid: appId,
        secret,
        js_code: loginCode,
        grant_type: 'authorization_code',
      })
      const reply = await call('jscode2session', `/sns/jscode2session?${query}`)
      if (reply.errcode) {
        switch (reply.errcode) {
          case INVALID_CODE:
            throw new AppError(ErrorCode.InvalidInput, '微信登录凭证无效或已过期，请重新登录', 'loginCode')
          case CODE_USED:
            throw new AppError(ErrorCode.InvalidInput, '微信登录凭证已使用，请重新登录', 'loginCode')
          case CODE_BLOCKED:
            throw new AppError(ErrorCode.NotAllowed, '当前微信账号存在安全风险，暂时无法登录', 'loginCode')
          case RATE_LIMITED:
            throw new AppError(ErrorCode.RateLimited, '登录过于频繁，请稍后再试')
          default:
            throw failure('jscode2session', reply)
        }
      }
      const { openid, unionid } = reply
      if (typeof openid !== 'string' || openid === '') throw new Error('WeChat jscode2session answered without openid')
      // session_key is deliberately dropped: nothing here decrypts wx.getUserInfo data.
      return typeof unionid === 'string' && unionid !== '' ? { openId: openid, unionId: unionid } : { openId: openid }
    },

    async phoneFromCode(phoneCode, openId) {
      const body: Record<string, string> = { code: phoneCode }
      if (openId) body.openid = openId
      const reply = await withToken('getuserphonenumber', '/wxa/business/getuserphonenumber', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (reply.errcode) {
        switch (reply.errcode) {
          case INVALID_CODE:
          case CODE_USED:
            throw new AppError(ErrorCode.InvalidInput, '手机号授权已失效，请重新授权', 'phoneCode')
          case RATE_LIMITED:
            throw new AppError(ErrorCode.RateLimited, '操作过于频繁，请稍后再试')
          case PHONE_QUOTA_EXHAUSTED:
            // Our outage, not the user's mistake: the paid phone-number quota of the mini-program ran out.
            throw new Error('WeChat getuserphonenumber failed: errcode 1400001 (phone-number quota used up)')
          default:
            throw failure('getuserphonenumber', reply)
        }
      }
      const info = reply.phone_info
      if (!isRecord(info)) throw new Error('WeChat getuserphonenumber answered without phone_info')
      // Documented as a string, shown as a number in WeChat's own example: accept both.
      if (String(info.countryCode) !== '86') {
        throw new AppError(ErrorCode.InvalidInput, '暂不支持境外手机号', 'phoneCode')
      }
      const phone = info.purePhoneNumber
      if (typeof phone !== 'string' || !MAINLAND_MOBILE.test(phone)) {
        throw new Error('WeChat getuserphonenumber answered a purePhoneNumber that is not a mainland mobile number')
      }
      return { phone }
    },
  }
}
