import type { ActionContext } from '../../core/action-context'
import { addressBlock } from './address-block'
import { keyedHash } from './derived-id'

/**
 * The keyed hash that stands for a caller who may not be logged in, in per-client budgets: the caller's
 * address over HTTP (as the host established it: the socket peer, or the forwarded address from a trusted
 * proxy) and the OPENID over WeChat `callFunction`, which carries no trustworthy address. Only the hash is
 * stored; `purpose` keeps one budget's keys from matching another's.
 */
export function clientKey(ctx: ActionContext, purpose: string): string {
  const raw =
    ctx.identity.kind === 'wechat'
      ? `openid:${ctx.identity.openId}`
      : ctx.request.ip
        ? `ip:${addressBlock(ctx.request.ip)}`
        : `${ctx.request.channel}:unknown`
  return keyedHash(ctx.deps.secrets.phoneHashKey, purpose, raw)
}
