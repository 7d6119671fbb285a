import { HUMAN_CHECK_FIELD } from '../../contracts/auth'
import { Collections } from './collections'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { HOUR_MS, chinaDay, nextChinaMidnight } from '../common/china-time'
import { clientKey } from '../common/client-key'
import { derivedId, hourWindow } from '../common/derived-id'
import { insertOnce } from '../common/insert-once'
import { claimQuota, countQuota, peekQuota } from '../common/quotas'

/**
 * What keeps SMS login from being turned into a bill or a guessing machine, beyond the per-phone rules of
 * sms-codes.ts: a human check before every code requested over HTTP, a budget of codes per client per
 * hour, a platform-wide daily cap, and a budget of wrong codes per client per hour.
 *
 * A client is the caller's address over HTTP (as the host established it: the socket peer, or the
 * forwarded address from a trusted proxy) and the OPENID over WeChat `callFunction`, which carries no
 * trustworthy address. Only a keyed hash of it is stored.
 */
/** Share of the daily cap at which the log warns, once, that it is running out. */
const DAILY_WARNING_SHARE = 0.8

/** The keyed hash that stands for the caller in the per-client budgets. */
export function smsClient(ctx: ActionContext): string {
  return clientKey(ctx, 'sms-client')
}

/**
 * Over HTTP a code is sent only for a solved, unexpired, unused challenge. Over callFunction WeChat
 * vouches for the caller and the budgets count per OPENID, so nothing is asked.
 */
export async function assertHumanCheck(ctx: ActionContext, token: string | undefined): Promise<void> {
  if (ctx.request.channel !== 'http') return
  const verdict = await ctx.deps.humanCheck.verify(token)
  if (!verdict.ok) {
    const message =
      verdict.reason === 'missing'
        ? '请先完成安全验证'
        : verdict.reason === 'expired'
          ? '安全验证已过期，请重新获取验证码'
          : '安全验证未通过，请重新获取验证码'
    throw new AppError(ErrorCode.InvalidInput, message, HUMAN_CHECK_FIELD)
  }
  if (verdict.id === null) return
  // Single use: the first request to present it records it; a replay finds it there.
  const fresh = await insertOnce(ctx.deps, Collections.humanChecks, {
    _id: derivedId('hc', verdict.id),
    retainUntil: verdict.expiresAt,
  })
  if (!fresh) throw new AppError(ErrorCode.InvalidInput, '安全验证已使用过，请重新获取验证码', HUMAN_CHECK_FIELD)
}

/** Takes one code from the client's hourly budget, then one from the day's; refuses when either is spent. */
export async function claimSmsSend(ctx: ActionContext, client: string): Promise<void> {
  const { deps } = ctx
  const { limits } = deps
  const now = deps.clock.now()
  await claimClientSend(ctx, client)
  const { remaining } = await claimQuota(deps, {
    kind: 'sms-day',
    subject: 'platform',
    window: chinaDay(now),
    limit: limits.smsSendsPerDay,
    retainUntil: nextChinaMidnight(now),
    message: '今日短信验证码发送量已达上限，请明天再试',
  })
  const used = limits.smsSendsPerDay - remaining
  if (used === Math.ceil(limits.smsSendsPerDay * DAILY_WARNING_SHARE)) {
    deps.logger.warn('sms daily cap 80% used', { used, limit: limits.smsSendsPerDay, day: chinaDay(now) })
  }
}

/**
 * Takes one code from the client's hourly budget only: also what an answer costs that says something
 * about a number without sending to it (a phone change refused because the number has an account).
 */
export async function claimClientSend(ctx: ActionContext, client: string): Promise<void> {
  const now = ctx.deps.clock.now()
  await claimQuota(ctx.deps, {
    kind: 'sms-send',
    subject: client,
    window: hourWindow(now),
    limit: ctx.deps.limits.smsSendsPerClientPerHour,
    retainUntil: hourEnd(now),
    message: `获取验证码过于频繁，请 ${minutesLeftInHour(now)} 分钟后再试`,
  })
}

/** Refuses a login attempt from a client that has used up its wrong codes for this hour. */
export async function assertMayGuess(ctx: ActionContext, client: string): Promise<void> {
  const now = ctx.deps.clock.now()
  const { remaining } = await peekQuota(ctx.deps, wrongCodes(ctx, client, now))
  if (remaining === 0) {
    throw new AppError(ErrorCode.RateLimited, `验证码错误次数过多，请 ${minutesLeftInHour(now)} 分钟后再试`)
  }
}

export async function countWrongGuess(ctx: ActionContext, client: string): Promise<void> {
  const now = ctx.deps.clock.now()
  await countQuota(ctx.deps, { ...wrongCodes(ctx, client, now), retainUntil: hourEnd(now) })
}

function wrongCodes(ctx: ActionContext, client: string, now: number) {
  return {
    kind: 'sms-wrong' as const,
    subject: client,
    window: hourWindow(now),
    limit: ctx.deps.limits.smsWrongCodesPerClientPerHour,
  }
}

function hourEnd(now: number): number {
  return (Math.floor(now / HOUR_MS) + 1) * HOUR_MS
}

function minutesLeftInHour(now: number): number {
  return Math.max(1, Math.ceil((hourEnd(now) - now) / 60_000))
}
