import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import type * as v from 'valibot'
import { ErrorReason } from '../../contracts/common'
import type { SendSmsCodeInput, SmsCodeSent } from '../../contracts/auth'
import { Collections } from './collections'
import type { ActionContext } from '../../core/action-context'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { errorFields } from '../../core/logger'
import type { StoredDocument } from '../../ports/document-store'
import type { Secrets } from '../../ports/secrets'
import { chinaDay, nextChinaMidnight } from '../common/china-time'
import { MAX_RACES, tooManyConcurrentAttempts } from '../common/contention'
import { insertOnce } from '../common/insert-once'
import { deriveKey, phoneHash } from './phone-crypto'
import { smsCodeIdOf, type SmsPurpose } from './sms-code-ids'
import { assertHumanCheck, claimSmsSend, smsClient } from './sms-guard'

/**
 * SMS verification codes: 6 digits, valid 5 minutes, single use, at most 5 wrong guesses, resent no
 * sooner than 60 s (unless wrong guesses killed the code) and at most 10 times a day per phone. One
 * document per phone and purpose (`smsCodeId`) holds the current code (hashed) and the counters.
 * Every change is a compare-and-set on `rev`, so two requests racing on the same phone cannot both send,
 * both guess past the limit or both log in. The per-client and platform budgets are in sms-guard.ts.
 */
export const SMS_CODE_TTL_MS = 5 * 60 * 1000
export const SMS_RESEND_INTERVAL_MS = 60 * 1000
export const SMS_DAILY_LIMIT = 10
export const SMS_MAX_WRONG_ATTEMPTS = 5

export type SmsCodeState = {
  /** HMAC of the current code; null once it was used, killed by wrong guesses, or never sent. */
  codeHash: string | null
  sentAt: number
  expiresAt: number
  wrongAttempts: number
  /** China calendar day (UTC+8) that `sentToday` counts. */
  day: string
  sentToday: number
  usedAt: number | null
  /** Write counter: the precondition of every update. */
  rev: number
  /** After this the document says nothing the limits need; the retention job deletes it. */
  retainUntil: number
}

export type SmsCodeDoc = SmsCodeState & StoredDocument
/** A code that can still be used: sent, not used, not killed, not expired. */
type LiveCode = SmsCodeDoc & { codeHash: string }

/** The code document of a phone for a purpose (see sms-code-ids.ts). */
export function smsCodeId(secrets: Secrets, phone: string, purpose: SmsPurpose): string {
  return smsCodeIdOf(phoneHash(secrets, phone), purpose)
}

const codeDead = (message: string) => new AppError(ErrorCode.InvalidInput, message, 'code', ErrorReason.SmsCodeDead)
export const codeExpired = () => codeDead('验证码已失效，请重新获取')

/**
 * Sends a fresh code to the phone, or refuses with RATE_LIMITED saying how long to wait. In order: the
 * human check (over HTTP), the purpose's own check of the number (`vetPhone`), the phone's own rules, the
 * client's hourly budget, the platform's daily cap; so a refusal for the phone costs no budget and a
 * client over its budget costs the platform nothing.
 */
export async function sendSmsCode(
  ctx: ActionContext,
  input: v.InferOutput<typeof SendSmsCodeInput>,
  purpose: SmsPurpose = 'login',
  vetPhone?: () => Promise<void>,
): Promise<SmsCodeSent> {
  const { deps } = ctx
  const { phone } = input
  await assertHumanCheck(ctx, input.humanCheck)
  if (vetPhone) await vetPhone()
  const id = smsCodeId(deps.secrets, phone, purpose)
  assertMaySend(await deps.store.get<SmsCodeDoc>(Collections.smsCodes, id), deps.clock.now())
  await claimSmsSend(ctx, smsClient(ctx))
  for (let race = 0; race < MAX_RACES; race++) {
    const previous = await deps.store.get<SmsCodeDoc>(Collections.smsCodes, id)
    const now = deps.clock.now()
    const sentToday = assertMaySend(previous, now)
    const code = randomInt(0, 1_000_000).toString().padStart(6, '0')
    const next = nextCode(deps.secrets, id, code, now, sentToday + 1, (previous?.rev ?? 0) + 1)
    if (!(await reserve(deps, id, previous, next))) continue
    try {
      await deps.sms.sendVerificationCode(phone, code, SMS_CODE_TTL_MS / 60_000)
    } catch (error) {
      await release(deps, id, previous, next)
      if (error instanceof AppError) throw error
      deps.logger.error('sms send failed', errorFields(error))
      throw new AppError(ErrorCode.Internal, '验证码发送失败，请稍后再试')
    }
    return {
      resendAfterSeconds: SMS_RESEND_INTERVAL_MS / 1000,
      expiresInSeconds: SMS_CODE_TTL_MS / 1000,
      delivery: deps.sms.delivery,
    }
  }
  throw tooManyConcurrentAttempts()
}

/** Returns how many codes the phone has been sent today, or throws when another may not be sent now. */
function assertMaySend(previous: SmsCodeDoc | null, now: number): number {
  if (!previous) return 0
  // A code killed by wrong guesses cannot work, so the user may ask for the next one at once.
  const killed = previous.codeHash === null && previous.wrongAttempts >= SMS_MAX_WRONG_ATTEMPTS
  const wait = previous.sentAt + SMS_RESEND_INTERVAL_MS - now
  if (wait > 0 && !killed) {
    throw new AppError(ErrorCode.RateLimited, `验证码已发送，请 ${Math.ceil(wait / 1000)} 秒后再获取`)
  }
  const sentToday = previous.day === chinaDay(now) ? previous.sentToday : 0
  if (sentToday >= SMS_DAILY_LIMIT) {
    throw new AppError(ErrorCode.RateLimited, '该手机号今日获取验证码次数已达上限，请明天再试')
  }
  return sentToday
}

function nextCode(secrets: Secrets, id: string, code: string, now: number, sentToday: number, rev: number) {
  const expiresAt = now + SMS_CODE_TTL_MS
  return {
    codeHash: hashCode(secrets, id, now, code),
    sentAt: now,
    expiresAt,
    wrongAttempts: 0,
    day: chinaDay(now),
    sentToday,
    usedAt: null,
    rev,
    // The daily counter must outlive the code until the day is over.
    retainUntil: Math.max(expiresAt, nextChinaMidnight(now)),
  } satisfies SmsCodeState
}

/** Claims the send before sending, so racing requests cannot both send; false when another won. */
async function reserve(deps: Deps, id: string, previous: SmsCodeDoc | null, next: SmsCodeState): Promise<boolean> {
  if (previous) return deps.store.update(Collections.smsCodes, id, next, { rev: previous.rev })
  return insertOnce(deps, Collections.smsCodes, { _id: id, ...next })
}

/** The send failed: put back what was there, so an undelivered code neither counts nor works. */
async function release(deps: Deps, id: string, previous: SmsCodeDoc | null, reserved: SmsCodeState): Promise<void> {
  if (previous) {
    const { _id: _ignored, ...fields } = previous
    await deps.store.update(Collections.smsCodes, id, { ...fields, rev: reserved.rev + 1 }, { rev: reserved.rev })
    return
  }
  const current = await deps.store.get<SmsCodeDoc>(Collections.smsCodes, id)
  if (current?.rev === reserved.rev) await deps.store.delete(Collections.smsCodes, id)
}

/**
 * Checks a code without using it up: a login still has to pass its consent check, and a refused login
 * must not cost the user their code. A wrong code is counted (and `onWrong` told); the fifth kills it.
 * `id` is the code document of the phone and purpose (`smsCodeId`).
 */
export async function checkSmsCode(
  deps: Deps,
  id: string,
  code: string,
  onWrong: () => Promise<void>,
): Promise<LiveCode> {
  for (let race = 0; race < MAX_RACES; race++) {
    const doc = await loadLiveCode(deps, id)
    if (matches(deps.secrets, doc, code)) return doc
    const wrongAttempts = doc.wrongAttempts + 1
    const killed = wrongAttempts >= SMS_MAX_WRONG_ATTEMPTS
    const counted = await deps.store.update(
      Collections.smsCodes,
      doc._id,
      { wrongAttempts, rev: doc.rev + 1, ...(killed ? { codeHash: null } : {}) },
      { rev: doc.rev },
    )
    if (!counted) continue
    await onWrong()
    if (killed) throw codeDead('验证码错误次数过多，请重新获取')
    throw new AppError(
      ErrorCode.InvalidInput,
      `验证码错误，还可尝试 ${SMS_MAX_WRONG_ATTEMPTS - wrongAttempts} 次`,
      'code',
    )
  }
  throw codeExpired()
}

/** Uses the code up. Of two logins racing with the same code exactly one gets here; the other is refused. */
export async function useSmsCode(deps: Deps, checked: LiveCode, code: string): Promise<void> {
  let doc = checked
  for (let race = 0; race < MAX_RACES; race++) {
    const now = deps.clock.now()
    const used = await deps.store.update(
      Collections.smsCodes,
      doc._id,
      { codeHash: null, usedAt: now, rev: doc.rev + 1 },
      { rev: doc.rev },
    )
    if (used) return
    doc = await loadLiveCode(deps, doc._id)
    if (!matches(deps.secrets, doc, code)) throw codeExpired()
  }
  throw codeExpired()
}

async function loadLiveCode(deps: Deps, id: string): Promise<LiveCode> {
  const doc = await deps.store.get<SmsCodeDoc>(Collections.smsCodes, id)
  if (!doc) throw new AppError(ErrorCode.InvalidInput, '请先获取验证码', 'code')
  if (doc.codeHash === null || doc.expiresAt <= deps.clock.now()) throw codeExpired()
  return doc as LiveCode
}

function matches(secrets: Secrets, doc: LiveCode, code: string): boolean {
  const expected = Buffer.from(doc.codeHash)
  const given = Buffer.from(hashCode(secrets, doc._id, doc.sentAt, code))
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/**
 * Keyed, so a copy of the database does not reveal codes by trying all million; salted with the code
 * document's id (phone and purpose) and the send time, so equal codes never hash equal.
 */
function hashCode(secrets: Secrets, id: string, sentAt: number, code: string): string {
  return createHmac('sha256', deriveKey(secrets.phoneHashKey, 'sms-code'))
    .update(`${id}:${sentAt}:${code}`)
    .digest('hex')
}
