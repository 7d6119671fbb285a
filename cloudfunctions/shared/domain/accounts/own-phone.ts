import type * as v from 'valibot'
import { Collections } from './collections'
import type { SmsCodeSent } from '../../contracts/auth'
import type { RequestAccountDeletionInput } from '../../contracts/privacy'
import type { ActionContext } from '../../core/action-context'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { eachBatch } from '../../ports/document-store'
import { loadMember } from './member'
import { decryptPhone } from './phone-crypto'
import { recordSecurityEvent } from './security-log'
import type { SessionDoc } from './sessions'
import { checkSmsCode, sendSmsCode, smsCodeId, useSmsCode } from './sms-codes'
import { assertMayGuess, countWrongGuess, smsClient } from './sms-guard'

/**
 * Proving the account's own number again before something that cannot be taken back (account deletion):
 * a code sent to it for that purpose only, or a fresh WeChat or Alipay phone authorization whose number
 * must be the account's. The number never comes from the request.
 */
export type OwnPhoneProof = v.InferOutput<typeof RequestAccountDeletionInput>

export async function sendOwnNumberCode(ctx: ActionContext, humanCheck: string | undefined): Promise<SmsCodeSent> {
  const user = await loadMember(ctx)
  const phone = decryptPhone(ctx.deps.secrets, user.phoneEnc)
  return sendSmsCode(ctx, { phone, ...(humanCheck === undefined ? {} : { humanCheck }) }, 'account-deletion')
}

/** Answers how the number was proven; throws INVALID_INPUT on the proof's field when it was not. */
export async function proveOwnPhone(ctx: ActionContext, proof: OwnPhoneProof): Promise<'sms' | 'wechat' | 'alipay'> {
  const { deps } = ctx
  const user = await loadMember(ctx)
  const phone = decryptPhone(deps.secrets, user.phoneEnc)
  if ('smsCode' in proof) {
    const client = smsClient(ctx)
    await assertMayGuess(ctx, client)
    const code = await checkSmsCode(deps, smsCodeId(deps.secrets, phone, 'account-deletion'), proof.smsCode, () =>
      countWrongGuess(ctx, client),
    )
    await useSmsCode(deps, code, proof.smsCode)
    return 'sms'
  }
  if ('wechatPhoneCode' in proof) {
    const openId = ctx.identity.kind === 'wechat' ? ctx.identity.openId : (user.wechatOpenId ?? '')
    const given = await deps.wechat.phoneFromCode(proof.wechatPhoneCode, openId).catch((error: unknown) => {
      // The platform names its own input (`phoneCode`); here the code came as `wechatPhoneCode`.
      if (error instanceof AppError && error.code === ErrorCode.InvalidInput) {
        throw new AppError(ErrorCode.InvalidInput, error.message, 'wechatPhoneCode')
      }
      throw error
    })
    if (given.phone !== phone) throw notTheAccountsNumber('wechatPhoneCode')
    return 'wechat'
  }
  const given = await deps.alipay.phoneFromResponse(proof.alipayPhone)
  if (given.phone !== phone) throw notTheAccountsNumber('alipayPhone')
  return 'alipay'
}

const notTheAccountsNumber = (field: string) =>
  new AppError(ErrorCode.InvalidInput, '授权的手机号与当前账号的手机号不一致', field)

/**
 * Ends every login of the account: every session revoked, the WeChat OPENID unbound (over callFunction
 * it alone made the caller a member). Logging in again works as before. Recorded in the security log.
 */
export async function endAllLogins(ctx: ActionContext, userId: string, event: 'account-deletion'): Promise<void> {
  const { deps } = ctx
  await revokeSessions(deps, userId)
  await deps.store.update(Collections.users, userId, { wechatOpenId: null })
  await recordSecurityEvent(deps, event, {
    userId,
    method: ctx.identity.kind === 'wechat' ? 'wechat' : 'sms',
    platform: ctx.request.platform,
    ip: ctx.request.ip,
  })
}

export async function revokeSessions(deps: Pick<Deps, 'store' | 'clock'>, userId: string): Promise<number> {
  const now = deps.clock.now()
  let revoked = 0
  const query = { where: { userId, revokedAt: null }, orderBy: [{ field: '_id', direction: 'asc' as const }] }
  for await (const batch of eachBatch<SessionDoc>(deps.store, Collections.sessions, query, 200)) {
    for (const session of batch) {
      if (await deps.store.update(Collections.sessions, session._id, { revokedAt: now }, { revokedAt: null })) revoked++
    }
  }
  return revoked
}
