import { AppError, ErrorCode } from '../../core/app-error'
import type { WechatApi } from '../../ports/platform-identity'

/**
 * The WechatApi port over WeChat's HTTPS server API (api.weixin.qq.com), so the same driver serves the
 * CloudBase functions and the self-hosted server. Wire facts (WeChat's server API docs):
 *
 * - access token: `POST /cgi-bin/stable_token` `{grant_type:'client_credential', appid, secret}` →
 *   `{access_token, expires_in}`. WeChat recommends it over `GET /cgi-bin/token`: it is isolated from
 *   other callers of the old API (whose every call would invalidate our token) and, in normal mode,
 *   returns the current token instead of minting one. WeChat renews it 5 minutes before it expires, so
 *   the cache lets it go that much earlier.
 * - `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code` → `{openid, unionid?,
 *   session_key}`; errors 40029 (invalid code), 40163 (code been used), 40226 (high-risk user
 *   blocked), 45011 (rate limited), -1 (busy).
 * - `POST /wxa/business/getuserphonenumber?access_token=…` `{code, openid?}` → `{errcode:0, phone_info:
 *   {phoneNumber, purePhoneNumber, countryCode, watermark}}`; a code is single use and lives 5 minutes;
 *   1400001 means the paid quota is used up. `openid` makes WeChat check the code belongs to that user.
 * - 40001 / 40014 / 42001: the access token is invalid or expired → fetch the current one and retry once.
 */
export interface WechatApiOptions {
  appId: string
  secret: string
  /** Defaults to https://api.weixin.qq.com; tests point it at a loopback double. */
  baseUrl?: string
  fetch?: typeof fetch
  /** Per request. */
  timeoutMs?: number
  now?: () => number
}

export const WECHAT_BASE_URL = 'https://api.weixin.qq.com'

/** Errcodes that mean "this access token is no good": invalid credential, invalid token, token expired. */
const TOKEN_REJECTED = new Set([40001, 40014, 42001])
const INVALID_CODE = 40029
const CODE_USED = 40163
const CODE_BLOCKED = 40226
const RATE_LIMITED = 45011
const PHONE_QUOTA_EXHAUSTED = 1400001
/** WeChat renews a stable token this long before it expires; stop using ours by then. */
const RENEW_MARGIN_MS = 5 * 60 * 1000
const MAINLAND_MOBILE = /^1\d{10}$/

interface WechatReply {
  errcode?: number
  errmsg?: string
  [key: string]: unknown
}

export function createWechatApi(options: WechatApiOptions): WechatApi {
  const { appId, secret } = options
  const baseUrl = (options.baseUrl ?? WECHAT_BASE_URL).replace(/\/+$/, '')
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 5000
  const now = options.now ?? Date.now

  let cached: { token: string; renewAt: number } | null = null
  let pending: Promise<string> | null = null

  // Secrets travel in query strings and bodies: nothing WeChat or the network says about a request is
  // repeated without them.
  const redact = (text: string): string => {
    let out = text.split(secret).join('***')
    if (cached) out = out.split(cached.token).join('***')
    return out
  }

  const call = async (api: string, url: string, init: RequestInit = {}): Promise<WechatReply> => {
    let res: Response
    try {
      res = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    } catch (error) {
      const reason = isTimeout(error) ? `timed out after ${timeoutMs} ms` : describe(error)
      throw new Error(`WeChat ${api} request failed: ${redact(reason)}`)
    }
    const text = await res.text()
    if (!res.ok) throw new Error(`WeChat ${api} answered HTTP ${res.status}`)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new Error(`WeChat ${api} answered with a body that is not JSON`)
    }
    if (!isRecord(body)) throw new Error(`WeChat ${api} answered with an unexpected body`)
    const errcode = body.errcode
    if (errcode !== undefined && typeof errcode !== 'number')
      throw new Error(`WeChat ${api} answered a non-numeric errcode`)
    return body as WechatReply
  }

  const failure = (api: string, reply: WechatReply): Error =>
    new Error(
      `WeChat ${api} failed: errcode ${reply.errcode}${reply.errmsg ? ` (${redact(String(reply.errmsg))})` : ''}`,
    )

  const fetchToken = async (): Promise<string> => {
    const reply = await call('stable_token', `${baseUrl}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret }),
    })
    if (reply.errcode) throw failure('stable_token', reply)
    const { access_token: token, expires_in: expiresIn } = reply
    if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number') {
      throw new Error('WeChat stable_token answered without access_token / expires_in')
    }
    cached = { token, renewAt: now() + Math.max(0, expiresIn * 1000 - RENEW_MARGIN_MS) }
    return token
  }

  const accessToken = (): Promise<string> => {
    if (cached && now() < cached.renewAt) return Promise.resolve(cached.token)
    // Concurrent callers share one token request rather than racing each other for the same token.
    pending ??= fetchToken().finally(() => {
      pending = null
    })
    return pending
  }

  /** Calls an API that takes `?access_token=`, refreshing the token once if WeChat rejects it. */
  const withToken = async (api: string, path: string, init: RequestInit): Promise<WechatReply> => {
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken()
      const reply = await call(api, `${baseUrl}${path}?access_token=${encodeURIComponent(token)}`, init)
      if (reply.errcode !== undefined && TOKEN_REJECTED.has(reply.errcode) && attempt === 0) {
        if (cached?.token === token) cached = null
        continue
      }
      return reply
    }
  }

  return {
    async openIdFromLoginCode(loginCode) {
      const query = new URLSearchParams({
        appid: appId,
        secret,
        js_code: loginCode,
        grant_type: 'authorization_code',
      })
      const reply = await call('jscode2session', `${baseUrl}/sns/jscode2session?${query}`)
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

/** AbortSignal.timeout rejects with a DOMException, which is not an Error in every realm. */
function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TimeoutError'
}

function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error)
  const { message, cause } = error as { message?: unknown; cause?: unknown }
  const causeMessage =
    typeof cause === 'object' && cause !== null ? (cause as { message?: unknown }).message : undefined
  return `${String(message ?? error)}${typeof causeMessage === 'string' ? ` (${causeMessage})` : ''}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
