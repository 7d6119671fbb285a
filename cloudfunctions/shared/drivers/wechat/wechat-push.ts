import { createHash, timingSafeEqual } from 'node:crypto'
import type { ImageVerdict } from '../../ports/image-checker'
import { isRecord } from '../http-errors'
import { labelNumber, WECHAT_LABELS } from './wechat-labels'

/**
 * WeChat's message push (消息推送) to the URL configured in the mini-program's console, plaintext mode
 * (明文模式), JSON format. Wire facts:
 *
 * - Every request carries `?signature&timestamp&nonce`; `signature` is the hex SHA-1 of the configured
 *   token, `timestamp` and `nonce`, sorted as strings and joined. The signature covers neither the body nor
 *   the URL: only HTTPS keeps a captured one from being replayed with another body, which is why a push
 *   whose timestamp is far from our clock is refused too, and why a verdict only ever settles an image
 *   still waiting for it (moderation/image-verdicts.ts).
 * - Saving the URL in the console sends `GET ?signature&timestamp&nonce&echostr`: answering `echostr` as it
 *   came proves we hold the token.
 * - Events arrive as `POST` with a JSON body (plus `&openid` in the query for user events). WeChat expects
 *   `success` (or an empty body) within 5 seconds and otherwise retries, so handling must be idempotent.
 * - Security mode (安全模式) encrypts the body as `{ToUserName, Encrypt}` with `msg_signature`: not
 *   supported here; such a push is refused so the misconfiguration shows in the log.
 *
 * `wxa_media_check` (mediaCheckAsync v2's verdict): `{ToUserName, FromUserName, CreateTime, MsgType:
 * 'event', Event: 'wxa_media_check', appid, trace_id, version: 2, detail: [{strategy, errcode, suggest,
 * label, prob}], errcode, errmsg, result: {suggest: 'risky' | 'pass' | 'review', label}}`; `label` comes as
 * a string ("100") here. A non-zero `errcode` means WeChat could not check the media (e.g. 40003: the
 * OPENID has not used the mini-program recently) and `result` says nothing.
 */
export const PUSH_MAX_SKEW_MS = 10 * 60 * 1000

export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex')
}

export type PushCheck = { ok: true } | { ok: false; reason: string }

/** Whether the query is signed with `token` and recent by `now`. */
export function checkPushSignature(query: Record<string, string | undefined>, token: string, now: number): PushCheck {
  const { signature, timestamp, nonce } = query
  if (!signature || !timestamp || !nonce) return { ok: false, reason: 'unsigned' }
  const expected = Buffer.from(pushSignature(token, timestamp, nonce), 'utf8')
  const given = Buffer.from(signature.toLowerCase(), 'utf8')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad signature' }
  }
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp) * 1000) > PUSH_MAX_SKEW_MS) {
    return { ok: false, reason: 'stale timestamp' }
  }
  return { ok: true }
}

export type PushEvent =
  | { kind: 'mediaCheck'; verdict: ImageVerdict }
  | { kind: 'other'; event: string }
  | { kind: 'unreadable'; reason: string }

/** What a push body says, for the events this back end handles. */
export function readPushBody(raw: string): PushEvent {
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    return { kind: 'unreadable', reason: 'the body is not JSON (is the console set to JSON, plaintext mode?)' }
  }
  if (!isRecord(body)) return { kind: 'unreadable', reason: 'the body is not a JSON object' }
  if (typeof body.Encrypt === 'string' && body.Event === undefined) {
    return { kind: 'unreadable', reason: 'the body is encrypted (security mode is not supported: use plaintext)' }
  }
  if (body.Event !== 'wxa_media_check') return { kind: 'other', event: String(body.Event ?? body.MsgType ?? '') }
  const traceId = body.trace_id
  if (typeof traceId !== 'string' || traceId === '') {
    return { kind: 'unreadable', reason: 'wxa_media_check without trace_id' }
  }
  return { kind: 'mediaCheck', verdict: mediaCheckVerdict(traceId, body) }
}

function mediaCheckVerdict(traceId: string, body: Record<string, unknown>): ImageVerdict {
  const errcode = typeof body.errcode === 'number' ? body.errcode : 0
  const result = body.result
  if (errcode !== 0 || !isRecord(result)) {
    const detail = `errcode ${errcode}${typeof body.errmsg === 'string' ? ` (${body.errmsg})` : ''}`
    return { traceId, verdict: 'failed', finding: null, label: null, detail }
  }
  const label = labelNumber(result.label)
  const known = WECHAT_LABELS[label]
  const labelText = Number.isNaN(label) ? null : String(label)
  switch (result.suggest) {
    case 'pass':
      return { traceId, verdict: 'pass', finding: null, label: labelText }
    case 'review':
      return { traceId, verdict: 'review', finding: known?.finding ?? 'other', label: labelText }
    case 'risky':
      return { traceId, verdict: 'risky', finding: known?.finding ?? 'other', label: labelText }
    default:
      return {
        traceId,
        verdict: 'failed',
        finding: null,
        label: labelText,
        detail: `suggest ${String(result.suggest)}`,
      }
  }
}
