/**
 * A wire-level stand-in for WeChat's server API (api.weixin.qq.com) on 127.0.0.1, for tests that run
 * the real WeChat driver (or the whole auth function) against it. It speaks the documented formats:
 *
 *   POST /cgi-bin/stable_token        {grant_type:'client_credential', appid, secret, force_refresh?}
 *                                     → {access_token, expires_in}
 *   GET  /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code
 *                                     → {openid, session_key, unionid?}
 *   POST /wxa/business/getuserphonenumber?access_token=…   {code, openid?}
 *                                     → {errcode:0, errmsg:'ok', phone_info:{phoneNumber, purePhoneNumber,
 *                                        countryCode, watermark:{timestamp, appid}}}
 *   POST /wxa/msg_sec_check?access_token=…   {content, version:2, scene:1–4, openid}
 *                                     → {errcode:0, errmsg:'ok', result:{suggest, label}, detail:[…], trace_id}
 *   POST /cgi-bin/message/subscribe/send?access_token=…   {touser, template_id, page, data, miniprogram_state, lang}
 *                                     → {errcode:0, errmsg:'ok'}; 43101 when the user has no subscription left
 *                                       for that template, 47003 for a `thing` value over 20 characters
 *   POST /wxa/media_check_async?access_token=…   {media_url, media_type:1|2, version:2, scene:1–4, openid}
 *                                     → {errcode:0, errmsg:'ok', trace_id}
 *
 * and, as WeChat's message push does, it calls the URL a test configures (`configurePush`, the console's
 * 消息推送 settings): `GET ?signature&timestamp&nonce&echostr` to verify it, and the `wxa_media_check`
 * event as a signed JSON `POST` when the test delivers a verdict (`pushMediaCheck`), with the fields of
 * WeChat's mediaCheckAsync v2 result push (`label` as a string, as WeChat sends it there).
 *
 * Errors come back the way WeChat sends them: HTTP 200 with `{errcode, errmsg}`. Codes are what WeChat
 * answers: 40013 invalid appid, 40125 invalid appsecret, 40001 invalid access token, 42001 expired access
 * token, 40029 invalid code (unknown, expired or — for phone codes — already used), 40163 login code
 * already used, 40226 login blocked for a high-risk user, 1400001 phone-number quota used up; for
 * msg_sec_check, 47001 for a malformed body and (the double's choice: WeChat's code for it is not
 * verified here) 40003 for an openid that has not used the mini-program in the last 2 hours.
 *
 * Codes are registered by the test (the double cannot know what a client would have obtained), are
 * single use and live five minutes on the double's clock, which `advance()` moves.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { startLoopback } from './loopback-double'

export interface WechatDoubleOptions {
  appId?: string
  secret?: string
}

export interface PhoneOnRecord {
  /** With the country code for numbers outside the mainland, e.g. '+85261234567'. */
  phoneNumber: string
  purePhoneNumber: string
  countryCode: string
}

export interface WechatDouble {
  /** The driver's `baseUrl`. */
  url: string
  appId: string
  secret: string
  /** `createWechatApi(double.options)` talks to this double. */
  options: { appId: string; secret: string; baseUrl: string }
  /** A `wx.login` code for this user. `blocked` makes WeChat refuse it as a high-risk login (40226). */
  registerLoginCode(code: string, user: { openId: string; unionId?: string; blocked?: boolean }): void
  /**
   * A `getPhoneNumber` button code. A mainland number may be given as its 11 digits. With `openId`, the
   * code is bound to that user and a request naming another openid is refused.
   */
  registerPhoneCode(code: string, phone: string | PhoneOnRecord, opts?: { openId?: string }): void
  /** Invalidates every access token issued so far (as a forced refresh elsewhere would): 40001 next. */
  revokeAccessTokens(): void
  /** This user opened the mini-program now: msg_sec_check accepts their openid for the next 2 hours. */
  registerActiveUser(openId: string): void
  /** Text containing `word` is judged `suggest` with `label` (anything else passes with label 100). */
  flagText(word: string, suggest: 'risky' | 'review', label: number): void
  /** The user tapped 「允许」 for this template once: one subscription message may be sent. */
  acceptSubscription(openId: string, templateId: string): void
  /** Subscription messages WeChat accepted, in order. */
  sentMessages: Array<{ touser: string; template_id: string; page: string; data: Record<string, { value: string }> }>
  /** Moves the double's clock: codes older than 5 minutes and tokens older than expires_in go stale. */
  advance(ms: number): void
  /** The next request to `api` is answered with this errcode instead of being served. */
  failNext(api: WechatApiName, errcode: number, errmsg?: string): void
  /** The console's message-push settings: where WeChat pushes, and the token it signs with. */
  configurePush(push: { url: string; token: string }): void
  /** Saving the push settings: the signed GET with an `echostr`; true when the URL echoed it back. */
  verifyPushUrl(): Promise<boolean>
  /**
   * The verdict of a media check, pushed as WeChat pushes it. For a check whose openid had not used the
   * mini-program in the last 2 hours, the push carries errcode 40003 and no result instead (the double's
   * model of what WeChat reports then: not verified here).
   */
  pushMediaCheck(
    traceId: string,
    result: { suggest: 'pass' | 'review' | 'risky'; label: number },
  ): Promise<{ status: number; body: string }>
  /** Every media check received, in order. */
  mediaChecks: Array<{ traceId: string; mediaUrl: string; mediaType: number; scene: number; openId: string }>
  /** Phone numbers handed out so far, as WeChat bills them (¥0.03 each after the free 1,000). */
  phoneLookups: number
  /** Access tokens issued (stable_token calls that returned a new token). */
  tokensIssued: number
  requests: Array<{ api: WechatApiName | 'unknown'; method: string; query: Record<string, string>; body: unknown }>
  close(): Promise<void>
}

export type WechatApiName =
  'stable_token' | 'jscode2session' | 'getuserphonenumber' | 'msg_sec_check' | 'subscribe_send' | 'media_check_async'

const CODE_LIFETIME_MS = 5 * 60 * 1000
const TOKEN_LIFETIME_S = 7200
const ACTIVE_USER_MS = 2 * 60 * 60 * 1000
const MSG_SEC_MAX_CHARS = 2500

interface CodeRecord<T> {
  value: T
  issuedAt: number
  used: boolean
}

export async function startWechatDouble(opts: WechatDoubleOptions = {}): Promise<WechatDouble> {
  const appId = opts.appId ?? 'wx0123456789abcdef'
  const secret = opts.secret ?? randomBytes(16).toString('hex')
  let offset = 0
  const now = () => Date.now() + offset

  const loginCodes = new Map<string, CodeRecord<{ openId: string; unionId?: string; blocked?: boolean }>>()
  const phoneCodes = new Map<string, CodeRecord<{ phone: PhoneOnRecord; openId?: string }>>()
  // Every token ever issued, with when it stops working; revoked ones are dropped.
  const tokens = new Map<string, number>()
  let current: string | null = null
  const injected = new Map<WechatApiName, { errcode: number; errmsg: string }>()
  const requests: WechatDouble['requests'] = []
  const activeUsers = new Map<string, number>()
  const flagged: Array<{ word: string; suggest: 'risky' | 'review'; label: number }> = []
  const subscriptions = new Map<string, number>()
  const sentMessages: WechatDouble['sentMessages'] = []
  const state = { phoneLookups: 0, tokensIssued: 0 }
  const mediaChecks: WechatDouble['mediaChecks'] = []
  const inactiveChecks = new Set<string>()
  let push: { url: string; token: string } | null = null

  const rid = () => `rid: ${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`
  const err = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg}, ${rid()}` })

  const take = <T>(codes: Map<string, CodeRecord<T>>, code: unknown): CodeRecord<T> | 'invalid' | 'used' => {
    const record = typeof code === 'string' ? codes.get(code) : undefined
    if (!record || now() - record.issuedAt > CODE_LIFETIME_MS) return 'invalid'
    if (record.used) return 'used'
    record.used = true
    return record
  }

  const checkApp = (appid: unknown, appSecret: unknown) => {
    if (appid !== appId) return err(40013, 'invalid appid')
    if (appSecret !== secret) return err(40125, 'invalid appsecret')
    return null
  }

  const handlers: Record<WechatApiName, (query: Record<string, string>, body: unknown) => Record<string, unknown>> = {
    stable_token: (_query, body) => {
      if (!isRecord(body)) return err(47001, 'data format error')
      if (body.grant_type !== 'client_credential') return err(40002, 'invalid grant_type')
      const refused = checkApp(body.appid, body.secret)
      if (refused) return refused
      const live = current !== null && (tokens.get(current) ?? 0) > now()
      // Normal mode hands back the current token; force_refresh retires it and mints another.
      if (!live || body.force_refresh === true) {
        if (current) tokens.delete(current)
        current = randomBytes(24).toString('base64url')
        tokens.set(current, now() + TOKEN_LIFETIME_S * 1000)
        state.tokensIssued += 1
      }
      const expiresAt = tokens.get(current as string) as number
      return { access_token: current, expires_in: Math.round((expiresAt - now()) / 1000) }
    },

    jscode2session: (query) => {
      if (query.grant_type !== 'authorization_code') return err(40002, 'invalid grant_type')
      const refused = checkApp(query.appid, query.secret)
      if (refused) return refused
      const record = take(loginCodes, query.js_code)
      if (record === 'invalid') return err(40029, 'invalid code')
      if (record === 'used') return err(40163, 'code been used')
      if (record.value.blocked) return err(40226, 'code blocked')
      const reply: Record<string, unknown> = {
        session_key: randomBytes(16).toString('base64'),
        openid: record.value.openId,
      }
      if (record.value.unionId) reply.unionid = record.value.unionId
      return reply
    },

    msg_sec_check: (query, body) => msgSecCheck(query, body),

    subscribe_send: (query, body) => {
      const expiresAt = tokens.get(query.access_token ?? '')
      if (expiresAt === undefined) return err(40001, 'invalid credential, access_token is invalid or not latest')
      if (expiresAt <= now()) return err(42001, 'access_token expired')
      if (!isRecord(body) || typeof body.touser !== 'string' || typeof body.template_id !== 'string') {
        return err(47001, 'data format error')
      }
      const data = isRecord(body.data) ? body.data : {}
      for (const [key, field] of Object.entries(data)) {
        const value = isRecord(field) ? field.value : undefined
        if (typeof value !== 'string' || (key.startsWith('thing') && Array.from(value).length > 20)) {
          return err(47003, `argument invalid! data.${key}.value invalid`)
        }
      }
      const key = `${body.touser}:${body.template_id}`
      const left = subscriptions.get(key) ?? 0
      if (left === 0) return err(43101, 'user refuse to accept the msg')
      subscriptions.set(key, left - 1)
      sentMessages.push(body as WechatDouble['sentMessages'][number])
      return { errcode: 0, errmsg: 'ok' }
    },

    media_check_async: (query, body) => {
      const expiresAt = tokens.get(query.access_token ?? '')
      if (expiresAt === undefined) return err(40001, 'invalid credential, access_token is invalid or not latest')
      if (expiresAt <= now()) return err(42001, 'access_token expired')
      if (!isRecord(body) || typeof body.media_url !== 'string' || !/^https?:\/\//.test(body.media_url)) {
        return err(47001, 'data format error')
      }
      if (![1, 2].includes(body.media_type as number) || body.version !== 2) return err(47001, 'data format error')
      if (![1, 2, 3, 4].includes(body.scene as number) || typeof body.openid !== 'string') {
        return err(47001, 'data format error')
      }
      // Accepted at once; WeChat only finds out later whether it can check (an inactive openid, below).
      const traceId = [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-')
      const activeAt = activeUsers.get(body.openid)
      if (activeAt === undefined || now() - activeAt > ACTIVE_USER_MS) inactiveChecks.add(traceId)
      mediaChecks.push({
        traceId,
        mediaUrl: body.media_url,
        mediaType: body.media_type as number,
        scene: body.scene as number,
        openId: body.openid,
      })
      return { errcode: 0, errmsg: 'ok', trace_id: traceId }
    },

    getuserphonenumber: (query, body) => {
      const expiresAt = tokens.get(query.access_token ?? '')
      if (expiresAt === undefined) return err(40001, 'invalid credential, access_token is invalid or not latest')
      if (expiresAt <= now()) return err(42001, 'access_token expired')
      if (!isRecord(body) || typeof body.code !== 'string') return err(47001, 'data format error')
      const record = phoneCodes.get(body.code)
      if (record && typeof body.openid === 'string' && record.value.openId && body.openid !== record.value.openId) {
        return err(40029, 'invalid code')
      }
      // WeChat answers an expired, unknown and already used phone code alike.
      const taken = take(phoneCodes, body.code)
      if (taken === 'invalid' || taken === 'used') return err(40029, 'invalid code')
      state.phoneLookups += 1
      const { phone } = taken.value
      return {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: phone.phoneNumber,
          purePhoneNumber: phone.purePhoneNumber,
          // WeChat's own example shows the country code as a number although its table says string.
          countryCode: Number(phone.countryCode),
          watermark: { timestamp: Math.floor(now() / 1000), appid: appId },
        },
      }
    },
  }

  function msgSecCheck(query: Record<string, string>, body: unknown): Record<string, unknown> {
    const expiresAt = tokens.get(query.access_token ?? '')
    if (expiresAt === undefined) return err(40001, 'invalid credential, access_token is invalid or not latest')
    if (expiresAt <= now()) return err(42001, 'access_token expired')
    if (!isRecord(body) || typeof body.content !== 'string' || body.version !== 2) {
      return err(47001, 'data format error')
    }
    if (![1, 2, 3, 4].includes(body.scene as number) || Array.from(body.content).length > MSG_SEC_MAX_CHARS) {
      return err(47001, 'data format error')
    }
    const activeAt = typeof body.openid === 'string' ? activeUsers.get(body.openid) : undefined
    if (activeAt === undefined || now() - activeAt > ACTIVE_USER_MS) return err(40003, 'invalid openid')
    const content = body.content
    const hits = flagged.filter((f) => content.includes(f.word))
    const worst = hits.find((h) => h.suggest === 'risky') ?? hits[0]
    return {
      errcode: 0,
      errmsg: 'ok',
      result: worst ? { suggest: worst.suggest, label: worst.label } : { suggest: 'pass', label: 100 },
      detail: hits.map((h) => ({
        strategy: 'keyword',
        errcode: 0,
        suggest: h.suggest,
        label: h.label,
        keyword: h.word,
      })),
      trace_id: randomBytes(8).toString('hex'),
    }
  }

  const routes: Record<string, { method: string; api: WechatApiName }> = {
    '/cgi-bin/stable_token': { method: 'POST', api: 'stable_token' },
    '/sns/jscode2session': { method: 'GET', api: 'jscode2session' },
    '/wxa/business/getuserphonenumber': { method: 'POST', api: 'getuserphonenumber' },
    '/wxa/msg_sec_check': { method: 'POST', api: 'msg_sec_check' },
    '/cgi-bin/message/subscribe/send': { method: 'POST', api: 'subscribe_send' },
    '/wxa/media_check_async': { method: 'POST', api: 'media_check_async' },
  }

  /** The query WeChat signs every push with: sha1 of the sorted token, timestamp and nonce. */
  const signedQuery = (extra: Record<string, string> = {}) => {
    if (!push) throw new Error('configurePush first: WeChat pushes nowhere until the console names a URL')
    const timestamp = String(Math.floor(now() / 1000))
    const nonce = String(randomBytes(4).readUInt32BE())
    const signature = createHash('sha1').update([push.token, timestamp, nonce].sort().join('')).digest('hex')
    return new URLSearchParams({ signature, timestamp, nonce, ...extra })
  }

  const serve = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', 'http://double')
    const query = Object.fromEntries(url.searchParams)
    const route = routes[url.pathname]
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(payload))
    }
    let body: unknown = undefined
    if (raw !== '') {
      try {
        body = JSON.parse(raw)
      } catch {
        body = raw
      }
    }
    requests.push({ api: route?.api ?? 'unknown', method: req.method ?? '', query, body })
    if (!route) return send(404, { errcode: 404, errmsg: 'not found' })
    if (req.method !== route.method) return send(200, err(43001, `require ${route.method} method`))
    const failure = injected.get(route.api)
    if (failure) {
      injected.delete(route.api)
      return send(200, err(failure.errcode, failure.errmsg))
    }
    send(200, handlers[route.api](query, body))
  }

  const server = await startLoopback((req, res, body) => serve(req, res, body.toString('utf8')))
  const url = server.origin

  return {
    url,
    appId,
    secret,
    options: { appId, secret, baseUrl: url },
    registerLoginCode(code, user) {
      loginCodes.set(code, { value: user, issuedAt: now(), used: false })
    },
    registerPhoneCode(code, phone, codeOpts = {}) {
      const record: PhoneOnRecord =
        typeof phone === 'string' ? { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86' } : phone
      phoneCodes.set(code, { value: { phone: record, openId: codeOpts.openId }, issuedAt: now(), used: false })
    },
    registerActiveUser(openId) {
      activeUsers.set(openId, now())
    },
    flagText(word, suggest, label) {
      flagged.push({ word, suggest, label })
    },
    acceptSubscription(openId, templateId) {
      const key = `${openId}:${templateId}`
      subscriptions.set(key, (subscriptions.get(key) ?? 0) + 1)
    },
    sentMessages,
    revokeAccessTokens() {
      tokens.clear()
      current = null
    },
    advance(ms) {
      offset += ms
    },
    failNext(api, errcode, errmsg = 'injected failure') {
      injected.set(api, { errcode, errmsg })
    },
    get phoneLookups() {
      return state.phoneLookups
    },
    get tokensIssued() {
      return state.tokensIssued
    },
    configurePush(settings) {
      push = settings
    },
    async verifyPushUrl() {
      const echostr = String(randomBytes(8).readBigUInt64BE())
      const res = await fetch(`${push?.url ?? ''}?${signedQuery({ echostr })}`)
      return res.status === 200 && (await res.text()) === echostr
    },
    async pushMediaCheck(traceId, result) {
      const check = mediaChecks.find((c) => c.traceId === traceId)
      if (!check) throw new Error(`no media check ${traceId}`)
      const head = {
        ToUserName: 'gh_0123456789ab',
        FromUserName: check.openId,
        CreateTime: Math.floor(now() / 1000),
        MsgType: 'event',
        Event: 'wxa_media_check',
        appid: appId,
        trace_id: traceId,
        version: 2,
      }
      const event = inactiveChecks.has(traceId)
        ? { ...head, errcode: 40003, errmsg: 'invalid openid' }
        : {
            ...head,
            detail: [
              { strategy: 'content_model', errcode: 0, suggest: result.suggest, label: String(result.label), prob: 90 },
            ],
            errcode: 0,
            errmsg: 'ok',
            result: { suggest: result.suggest, label: String(result.label) },
          }
      const res = await fetch(`${push?.url ?? ''}?${signedQuery()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
      })
      return { status: res.status, body: await res.text() }
    },
    mediaChecks,
    requests,
    close: server.close,
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
