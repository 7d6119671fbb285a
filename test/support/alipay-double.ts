/**
 * A wire-level stand-in for Alipay's OpenAPI gateway (`gateway.do`) on 127.0.0.1, and a maker of real
 * `my.getPhoneNumber` envelopes, for tests that run the real Alipay driver against it.
 *
 * Gateway: `POST /gateway.do`, common parameters in the query string and the API's own in an
 * x-www-form-urlencoded body (as alipay-sdk sends them). It checks the request the way Alipay does:
 * every parameter but `sign`, empty ones left out, sorted, joined raw as `k=v&…`, verified as
 * SHA256withRSA against the app public key the test registered. Replies are
 * `{"<method>_response":{…},"sign":"…"}` or `{"error_response":{code,msg,sub_code,sub_msg},"sign":"…"}`,
 * signed over the member's exact JSON text with the double's own "Alipay" private key.
 *
 * Phone envelopes: `{response, sign, sign_type:'RSA2', encrypt_type:'AES'}` where `response` is base64
 * AES-CBC (zero IV, PKCS#5) of `{"code":"10000","msg":"Success","mobile":"…"}` with the app's AES key,
 * and `sign` covers the ciphertext wrapped in double quotes.
 *
 * This file deliberately shares no code with the driver, so a mistake in one is not mirrored in the other.
 */
import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { startLoopback } from './loopback-double'

export interface AlipayDoubleOptions {
  appId?: string
  /** The app's public key: requests must be signed with the matching private key. */
  appPublicKey: KeyObject
  /** 16 bytes (AES-128) unless given. */
  aesKey?: Buffer
}

export interface AlipayPhoneEnvelope {
  response: string
  sign: string
  sign_type: 'RSA2'
  encrypt_type: 'AES'
}

export interface AlipayDouble {
  /** The driver's `gatewayUrl`. */
  url: string
  appId: string
  /** What the app configures as ALIPAY_PUBLIC_KEY (PEM). */
  alipayPublicKeyPem: string
  /** The same key as the bare base64 the Alipay console shows. */
  alipayPublicKeyBase64: string
  aesKey: Buffer
  /** An auth code from `my.getAuthCode`, single use for 5 minutes; `openId` for apps on the openid standard. */
  registerAuthCode(code: string, user: { userId?: string; openId?: string }): void
  /** A real `my.getPhoneNumber` envelope for this mobile. */
  phoneEnvelope(mobile: string): AlipayPhoneEnvelope
  /** An envelope carrying an error (e.g. 40003 isv.invalid-auth-relations: the user gave no consent). */
  phoneErrorEnvelope(error: { code: string; msg: string; subCode: string; subMsg: string }): AlipayPhoneEnvelope
  /** Signs any content with the double's "Alipay" private key (to build deliberately wrong envelopes). */
  signAsAlipay(content: string): string
  /** The next reply's signed member is altered after signing, as a tampering proxy would. */
  tamperNextReply(): void
  requests: Array<{ params: Record<string, string>; signatureValid: boolean }>
  close(): Promise<void>
}

const CODE_LIFETIME_MS = 5 * 60 * 1000
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
const REQUIRED = ['app_id', 'method', 'charset', 'sign_type', 'timestamp', 'version'] as const

export async function startAlipayDouble(opts: AlipayDoubleOptions): Promise<AlipayDouble> {
  const appId = opts.appId ?? '2021000000000001'
  const aesKey = opts.aesKey ?? randomBytes(16)
  const alipayKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const alipayPublicKeyPem = alipayKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const alipayPublicKeyBase64 = alipayKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')

  const codes = new Map<string, { user: { userId?: string; openId?: string }; issuedAt: number; used: boolean }>()
  const requests: AlipayDouble['requests'] = []
  let tamper = false

  const alipaySign = (content: string) =>
    createSign('RSA-SHA256').update(content, 'utf8').sign(alipayKeys.privateKey, 'base64')

  /** Builds the body by hand so the signed bytes are exactly the bytes sent. */
  const reply = (memberKey: string, member: Record<string, unknown>): string => {
    const text = JSON.stringify(member)
    const sign = alipaySign(text)
    const sent = tamper
      ? text.replace(/"(user_id|open_id|code)":"(\d)/, (_m, k: string, d: string) => `"${k}":"${(Number(d) + 1) % 10}`)
      : text
    tamper = false
    return `{"${memberKey}":${sent},"sign":"${sign}"}`
  }
  const fail = (code: string, msg: string, subCode: string, subMsg: string) =>
    reply('error_response', { code, msg, sub_code: subCode, sub_msg: subMsg })

  const gateway = (params: Record<string, string>): string => {
    for (const name of REQUIRED) {
      if (!params[name])
        return fail('40001', 'Missing Required Arguments', `isv.missing-${name.replace(/_/g, '-')}`, `缺少${name}参数`)
    }
    if (!params.sign) return fail('40001', 'Missing Required Arguments', 'isv.missing-signature', '缺少签名参数')
    if (params.app_id !== appId) return fail('40002', 'Invalid Arguments', 'isv.invalid-app-id', '无效的AppID参数')
    if (params.sign_type !== 'RSA2')
      return fail('40002', 'Invalid Arguments', 'isv.invalid-signature-type', '无效的签名类型')
    if (params.version !== '1.0') return fail('40002', 'Invalid Arguments', 'isv.invalid-version', '无效的版本')
    if (params.format !== undefined && params.format.toUpperCase() !== 'JSON') {
      return fail('40002', 'Invalid Arguments', 'isv.invalid-format', '无效的数据格式')
    }
    if (!TIMESTAMP.test(params.timestamp) || Math.abs(beijingEpoch(params.timestamp) - Date.now()) > 15 * 60 * 1000) {
      return fail('40002', 'Invalid Arguments', 'isv.invalid-timestamp', '非法的时间戳参数')
    }
    const content = Object.keys(params)
      .filter((k) => k !== 'sign' && params[k] !== '')
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&')
    let valid = false
    try {
      valid = createVerify('RSA-SHA256').update(content, 'utf8').verify(opts.appPublicKey, params.sign, 'base64')
    } catch {
      valid = false
    }
    requests.push({ params, signatureValid: valid })
    if (!valid) {
      return fail('40002', 'Invalid Arguments', 'isv.invalid-signature', `验签出错，网关生成的验签字符串为：${content}`)
    }

    if (params.method !== 'alipay.system.oauth.token') {
      return fail('40002', 'Invalid Arguments', 'isv.invalid-method', '不存在的方法名')
    }
    if (params.grant_type !== 'authorization_code') {
      return fail('40002', 'Invalid Arguments', 'isv.grant-type-invalid', 'grant_type参数不正确')
    }
    const record = codes.get(params.code ?? '')
    if (!record || record.used || Date.now() - record.issuedAt > CODE_LIFETIME_MS) {
      return fail('40002', 'Invalid Arguments', 'isv.code-invalid', '授权码code无效')
    }
    record.used = true
    const member: Record<string, unknown> = {}
    if (record.user.userId) member.user_id = record.user.userId
    if (record.user.openId) member.open_id = record.user.openId
    Object.assign(member, {
      access_token: `authbseB${randomBytes(16).toString('hex')}`,
      expires_in: 1296000,
      refresh_token: `authbseB${randomBytes(16).toString('hex')}`,
      re_expires_in: 2592000,
      auth_start: params.timestamp,
    })
    return reply('alipay_system_oauth_token_response', member)
  }

  const serve = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', 'http://double')
    const send = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/html;charset=utf-8' })
      res.end(text)
    }
    if (url.pathname !== '/gateway.do') return send(404, 'not found')
    if (req.method !== 'POST') return send(405, 'method not allowed')
    const params: Record<string, string> = Object.fromEntries(url.searchParams)
    const contentType = String(req.headers['content-type'] ?? '')
    if (raw !== '') {
      if (!contentType.startsWith('application/x-www-form-urlencoded')) return send(400, 'form body expected')
      for (const [key, value] of new URLSearchParams(raw)) params[key] = value
    }
    send(200, gateway(params))
  }

  const server = await startLoopback((req, res, body) => serve(req, res, body.toString('utf8')))

  const envelope = (plain: Record<string, unknown>): AlipayPhoneEnvelope => {
    const algorithm = `aes-${aesKey.length * 8}-cbc`
    const cipher = createCipheriv(algorithm, aesKey, Buffer.alloc(16))
    const response = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]).toString('base64')
    return { response, sign: alipaySign(`"${response}"`), sign_type: 'RSA2', encrypt_type: 'AES' }
  }

  return {
    url: `${server.origin}/gateway.do`,
    appId,
    alipayPublicKeyPem,
    alipayPublicKeyBase64,
    aesKey,
    registerAuthCode(code, user) {
      codes.set(code, { user, issuedAt: Date.now(), used: false })
    },
    phoneEnvelope: (mobile) => envelope({ code: '10000', msg: 'Success', mobile }),
    phoneErrorEnvelope: (error) => envelope(error),
    signAsAlipay: alipaySign,
    tamperNextReply() {
      tamper = true
    },
    requests,
    close: server.close,
  }
}

/** The app side of the key pair an Alipay app registers: for tests. */
export function generateAppKeys(): { privateKeyPem: string; privateKeyBase64: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateKeyBase64: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    publicKey,
  }
}

function beijingEpoch(timestamp: string): number {
  return Date.parse(`${timestamp.replace(' ', 'T')}+08:00`)
}
