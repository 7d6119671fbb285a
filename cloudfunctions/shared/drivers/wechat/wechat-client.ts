/**
 * What every driver of WeChat's HTTPS server API (api.weixin.qq.com) shares: the HTTP call with a
 * timeout and JSON checks, the access token, and redaction of secrets from errors. The login driver
 * (wechat-api.ts) and the content-security driver (wechat-content-check.ts) sit on one client, so they
 * share one token. Wire facts:
 *
 * - access token: `POST /cgi-bin/stable_token` `{grant_type:'client_credential', appid, secret}` →
 *   `{access_token, expires_in}`. WeChat recommends it over `GET /cgi-bin/token`: it is isolated from
 *   other callers of the old API (whose every call would invalidate our token) and, in normal mode,
 *   returns the current token instead of minting one. WeChat renews it 5 minutes before it expires, so
 *   the cache lets it go that much earlier.
 * - 40001 / 40014 / 42001: the access token is invalid or expired → fetch the current one and retry once.
 * - errors come back as HTTP 200 with `{errcode, errmsg}`.
 */
import { describeError, isRecord, isTimeout } from '../http-errors'
export interface WechatClientOptions {
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

export interface WechatReply {
  errcode?: number
  errmsg?: string
  [key: string]: unknown
}

export interface WechatClient {
  readonly appId: string
  /** For the few APIs that take the secret itself (jscode2session) instead of a token. */
  readonly secret: string
  /** One request to `path` (with its query string); the parsed reply, whatever its errcode. */
  call(api: string, path: string, init?: RequestInit): Promise<WechatReply>
  /** A request to an API that takes `?access_token=`, refreshing the token once if WeChat rejects it. */
  withToken(api: string, path: string, init: RequestInit): Promise<WechatReply>
  /** The error for a reply whose errcode the caller does not handle, secrets removed. */
  failure(api: string, reply: WechatReply): Error
}

/** Errcodes that mean "this access token is no good": invalid credential, invalid token, token expired. */
const TOKEN_REJECTED = new Set([40001, 40014, 42001])
/** WeChat renews a stable token this long before it expires; stop using ours by then. */
const RENEW_MARGIN_MS = 5 * 60 * 1000

export function createWechatClient(options: WechatClientOptions): WechatClient {
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

  const call = async (api: string, path: string, init: RequestInit = {}): Promise<WechatReply> => {
    let res: Response
    try {
      res = await doFetch(`${baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    } catch (error) {
      const reason = isTimeout(error) ? `timed out after ${timeoutMs} ms` : describeError(error)
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
    const reply = await call('stable_token', '/cgi-bin/stable_token', {
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

  const withToken = async (api: string, path: string, init: RequestInit): Promise<WechatReply> => {
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken()
      const reply = await call(api, `${path}?access_token=${encodeURIComponent(token)}`, init)
      if (reply.errcode !== undefined && TOKEN_REJECTED.has(reply.errcode) && attempt === 0) {
        if (cached?.token === token) cached = null
        continue
      }
      return reply
    }
  }

  return { appId, secret, call, withToken, failure }
}
