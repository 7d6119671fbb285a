import {
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
} from 'node:crypto'
import { AppError, ErrorCode } from '../../core/app-error'
import { createLogger, type Logger } from '../../core/logger'
import type { AlipayApi } from '../../ports/platform-identity'
import { describeError, isRecord, isTimeout } from '../http-errors'

/**
 * The AlipayApi port over Alipay's OpenAPI gateway (v1, `gateway.do`) and the `my.getPhoneNumber`
 * envelope, with node:crypto only. Wire facts (Alipay open docs and alipay-sdk-nodejs-all's
 * `sign` / `getSignStr` / `checkNotifySign`):
 *
 * - Request: common parameters `app_id, method, format=JSON, charset=utf-8, sign_type=RSA2,
 *   timestamp='yyyy-MM-dd HH:mm:ss' (Beijing time), version=1.0` plus the API's own (`grant_type`,
 *   `code`). The signed content is every parameter except `sign` (sign_type included), empty values
 *   dropped, sorted by name, joined as raw `k=v&k=v` (no URL encoding); signature = base64
 *   SHA256withRSA with the app private key. Common parameters travel in the URL, the rest as a form body.
 * - Response: `{"alipay_system_oauth_token_response":{…},"sign":"…"}` or `{"error_response":{code,
 *   msg, sub_code, sub_msg},"sign":"…"}`. The signature covers the response member's value exactly as
 *   the bytes appear in the body, so it is verified on the raw text, never on a re-serialisation.
 *   Apps on the openid standard get `open_id` instead of `user_id`.
 * - `my.getPhoneNumber` → `{response, sign, sign_type:'RSA2', encrypt_type:'AES'}`: the signature
 *   covers the ciphertext *with its JSON quotes* (`"` + response + `"`; unencrypted content is signed
 *   bare); the ciphertext is base64 AES-CBC with the app's AES key, a zero IV and PKCS#5 padding, and
 *   decrypts to `{code:'10000', msg:'Success', mobile}`.
 */
export interface AlipayApiOptions {
  appId: string
  /** The app's private key (signs requests). PEM, or a KeyObject from {@link loadPrivateKey}. */
  privateKey: KeyObject | string
  /** Alipay's public key (verifies responses and phone envelopes). PEM, or from {@link loadPublicKey}. */
  alipayPublicKey: KeyObject | string
  /** The app's content-encryption (AES) key, 16, 24 or 32 bytes. */
  aesKey: Buffer
  /** Defaults to https://openapi.alipay.com/gateway.do; tests point it at a loopback double. */
  gatewayUrl?: string
  fetch?: typeof fetch
  timeoutMs?: number
  now?: () => number
  /** Where refusals that carry Alipay's reasons are logged (the client only gets a generic message). */
  logger?: Logger
}

export const ALIPAY_GATEWAY_URL = 'https://openapi.alipay.com/gateway.do'
const OAUTH_METHOD = 'alipay.system.oauth.token'
/** The parameters alipay-sdk sends in the URL; everything else goes in the form body. */
const URL_PARAMS = new Set(['app_id', 'method', 'format', 'charset', 'sign_type', 'sign', 'timestamp', 'version'])
const MAINLAND_MOBILE = /^1\d{10}$/
const PHONE_CHECK_FAILED = '手机号授权数据校验失败'

export function createAlipayApi(options: AlipayApiOptions): AlipayApi {
  const { appId, aesKey } = options
  const privateKey = typeof options.privateKey === 'string' ? loadPrivateKey(options.privateKey) : options.privateKey
  const alipayPublicKey =
    typeof options.alipayPublicKey === 'string' ? loadPublicKey(options.alipayPublicKey) : options.alipayPublicKey
  const aesAlgorithm = aesCbcFor(aesKey)
  const gatewayUrl = options.gatewayUrl ?? ALIPAY_GATEWAY_URL
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 5000
  const now = options.now ?? Date.now
  const logger = options.logger ?? createLogger()

  const verify = (content: string, signature: string): boolean => {
    try {
      return createVerify('RSA-SHA256').update(content, 'utf8').verify(alipayPublicKey, signature, 'base64')
    } catch {
      return false
    }
  }

  /** Calls one gateway method and returns its verified response member. */
  const execute = async (method: string, apiParams: Record<string, string>): Promise<Record<string, unknown>> => {
    const params: Record<string, string> = {
      app_id: appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: beijingTimestamp(now()),
      version: '1.0',
      ...apiParams,
    }
    params.sign = createSign('RSA-SHA256').update(signContent(params), 'utf8').sign(privateKey, 'base64')

    const url = new URL(gatewayUrl)
    const form = new URLSearchParams()
    for (const [key, value] of Object.entries(params)) {
      if (URL_PARAMS.has(key)) url.searchParams.set(key, value)
      else form.set(key, value)
    }

    let res: Response
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      const reason = isTimeout(error) ? `timed out after ${timeoutMs} ms` : describeError(error)
      throw new Error(`Alipay ${method} request failed: ${reason}`)
    }
    const text = await res.text()
    if (!res.ok) throw new Error(`Alipay ${method} answered HTTP ${res.status}`)

    const responseKey = `${method.replace(/\./g, '_')}_response`
    let member = rawTopLevelMember(text, responseKey)
    let isError = false
    if (member === null) {
      member = rawTopLevelMember(text, 'error_response')
      isError = true
    }
    if (member === null) throw new Error(`Alipay ${method} answered without ${responseKey}`)
    const sign = rawTopLevelMember(text, 'sign')
    const signature = sign === null ? null : (JSON.parse(sign) as unknown)
    if (typeof signature === 'string') {
      if (!verify(member, signature)) throw new Error(`Alipay ${method} answered with a signature that does not verify`)
    } else if (!isError) {
      // An unsigned error changes nothing (it is refused either way); an unsigned success is not believed.
      throw new Error(`Alipay ${method} answered without a signature`)
    }
    const value = JSON.parse(member) as unknown
    if (!isRecord(value)) throw new Error(`Alipay ${method} answered ${responseKey} that is not an object`)
    return value
  }

  return {
    async userIdFromAuthCode(authCode) {
      const reply = await execute(OAUTH_METHOD, { grant_type: 'authorization_code', code: authCode })
      // A success carries no `code`; errors carry code 40002 etc. with a sub_code naming the reason.
      if (reply.code !== undefined && reply.code !== '10000') {
        if (reply.sub_code === 'isv.code-invalid') {
          throw new AppError(ErrorCode.InvalidInput, '支付宝授权已失效，请重新登录', 'authCode')
        }
        throw new Error(
          `Alipay ${OAUTH_METHOD} failed: ${String(reply.code)} ${String(reply.msg ?? '')}` +
            (reply.sub_code ? ` [${String(reply.sub_code)}]` : ''),
        )
      }
      // Each app is on one standard: userid apps get user_id, openid apps get open_id. Should both ever
      // come, user_id wins so accounts already keyed by it keep their identity.
      const id = nonEmpty(reply.user_id) ?? nonEmpty(reply.open_id)
      if (!id) throw new Error(`Alipay ${OAUTH_METHOD} answered without user_id or open_id`)
      return { userId: id }
    },

    async phoneFromResponse({ response, sign }) {
      const encrypted = !response.trimStart().startsWith('{')
      if (!verify(encrypted ? `"${response}"` : response, sign)) {
        throw new AppError(ErrorCode.InvalidInput, PHONE_CHECK_FAILED, 'phone')
      }
      let plain = response
      if (encrypted) {
        try {
          const decipher = createDecipheriv(aesAlgorithm, aesKey, Buffer.alloc(16))
          plain = Buffer.concat([decipher.update(Buffer.from(response, 'base64')), decipher.final()]).toString('utf8')
        } catch {
          // Bad padding: the ciphertext was signed by Alipay but not for our AES key (another app's data).
          throw new AppError(ErrorCode.InvalidInput, PHONE_CHECK_FAILED, 'phone')
        }
      }
      let content: unknown
      try {
        content = JSON.parse(plain)
      } catch {
        throw new AppError(ErrorCode.InvalidInput, PHONE_CHECK_FAILED, 'phone')
      }
      if (!isRecord(content)) throw new AppError(ErrorCode.InvalidInput, PHONE_CHECK_FAILED, 'phone')
      if (content.code !== '10000') {
        logger.warn('alipay phone refused', {
          code: String(content.code),
          subCode: content.subCode ?? content.sub_code,
          subMsg: content.subMsg ?? content.sub_msg,
        })
        throw new AppError(ErrorCode.InvalidInput, PHONE_CHECK_FAILED, 'phone')
      }
      const mobile = content.mobile
      if (typeof mobile !== 'string' || !MAINLAND_MOBILE.test(mobile)) {
        throw new AppError(ErrorCode.InvalidInput, '暂不支持境外手机号', 'phone')
      }
      return { phone: mobile }
    },
  }
}

/** The string Alipay signs: parameters sorted by name, `sign` and empty values left out, raw `k=v&…`. */
export function signContent(params: Record<string, string | undefined>): string {
  return Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== undefined && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&')
}

/** Alipay wants the caller's clock in China Standard Time (UTC+8, no daylight saving). */
export function beijingTimestamp(epochMs: number): string {
  const d = new Date(epochMs + 8 * 60 * 60 * 1000)
  const p = (n: number) => String(n).padStart(2, '0')
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
  )
}

/**
 * The raw JSON text of a top-level member's value, exactly as it appears in `text`, or null when the
 * body is not a JSON object or lacks the member. A small scanner rather than a substring search, so a
 * key or a `"sign"` that appears inside a string value cannot shift what gets verified.
 */
export function rawTopLevelMember(text: string, key: string): string | null {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++
  }
  const skipString = () => {
    if (text[i] !== '"') throw new SyntaxError('expected a string')
    i++
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    if (i >= text.length) throw new SyntaxError('unterminated string')
    i++
  }
  const skipValue = () => {
    ws()
    if (text[i] === '"') return skipString()
    if (text[i] === '{' || text[i] === '[') {
      let depth = 0
      while (i < text.length) {
        const c = text[i]
        if (c === '"') {
          skipString()
          continue
        }
        if (c === '{' || c === '[') depth++
        else if (c === '}' || c === ']') depth--
        i++
        if (depth === 0) return
      }
      throw new SyntaxError('unterminated value')
    }
    const start = i
    while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++
    if (i === start) throw new SyntaxError('expected a value')
  }
  try {
    ws()
    if (text[i] !== '{') return null
    i++
    ws()
    if (text[i] === '}') return null
    for (;;) {
      ws()
      const keyStart = i
      skipString()
      const name = JSON.parse(text.slice(keyStart, i)) as string
      ws()
      if (text[i] !== ':') return null
      i++
      ws()
      const valueStart = i
      skipValue()
      if (name === key) return text.slice(valueStart, i)
      ws()
      if (text[i] === ',') {
        i++
        continue
      }
      return null
    }
  } catch {
    return null
  }
}

/**
 * The app private key from an environment value: PEM (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`)
 * or the bare base64 body Alipay's key tool shows (PKCS#8 by default, PKCS#1 after its conversion).
 */
export function loadPrivateKey(text: string): KeyObject {
  const value = unescapeNewlines(text)
  if (value.includes('-----BEGIN')) return createPrivateKey(value)
  const der = Buffer.from(value.replace(/\s+/g, ''), 'base64')
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' })
  }
}

/** Alipay's public key: PEM, or the bare base64 (X.509 SubjectPublicKeyInfo) the console shows. */
export function loadPublicKey(text: string): KeyObject {
  const value = unescapeNewlines(text)
  if (value.includes('-----BEGIN')) return createPublicKey(value)
  const der = Buffer.from(value.replace(/\s+/g, ''), 'base64')
  try {
    return createPublicKey({ key: der, format: 'der', type: 'spki' })
  } catch {
    return createPublicKey({ key: der, format: 'der', type: 'pkcs1' })
  }
}

function aesCbcFor(key: Buffer): 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' {
  if (key.length === 16) return 'aes-128-cbc'
  if (key.length === 24) return 'aes-192-cbc'
  if (key.length === 32) return 'aes-256-cbc'
  throw new Error(`The Alipay AES key must be 16, 24 or 32 bytes, not ${key.length}`)
}

/** A PEM pasted into a one-line .env value usually arrives with literal `\n`. */
function unescapeNewlines(text: string): string {
  return text.replace(/\\n/g, '\n').trim()
}

function nonEmpty(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value
  return typeof value === 'number' ? String(value) : undefined
}
