import type { LoginWithWechatInput, Session } from '../../contracts/auth'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { assertLoginConsent } from './consent-ledger'
import { assertMainlandPhone, findAccount, signIn } from './sign-in'
import type * as v from 'valibot'

/**
 * WeChat login: the identity is the OPENID the platform attached to the call (callFunction), or, over
 * HTTPS where nothing is attached, the one WeChat returns for the `wx.login` code. Never an id from the
 * payload. The phone number comes from the getPhoneNumber button's one-time code.
 */
export async function loginWithWechat(
  ctx: ActionContext,
  input: v.InferOutput<typeof LoginWithWechatInput>,
): Promise<Session> {
  const { deps } = ctx
  const openId = await wechatOpenId(ctx, input.loginCode)
  const { phone } = await deps.wechat.phoneFromCode(input.phoneCode, openId)
  const account = await findAccount(deps, assertMainlandPhone(phone, 'phoneCode'))
  const consent = assertLoginConsent(input.consents, account.ledger, deps.clock.now(), account.required)
  return signIn(ctx, {
    method: 'wechat',
    account,
    consent,
    decisions: input.consents,
    binding: { field: 'wechatOpenId', value: openId },
    clientVersion: input.clientVersion,
  })
}

async function wechatOpenId(ctx: ActionContext, loginCode: string | undefined): Promise<string> {
  if (ctx.identity.kind === 'wechat') return ctx.identity.openId
  if (!loginCode) throw new AppError(ErrorCode.InvalidInput, '缺少微信登录凭证，请重新登录', 'loginCode')
  return (await ctx.deps.wechat.openIdFromLoginCode(loginCode)).openId
}
