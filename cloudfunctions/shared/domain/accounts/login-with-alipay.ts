import type { LoginWithAlipayInput, Session } from '../../contracts/auth'
import type { ActionContext } from '../../core/action-context'
import { assertLoginConsent } from './consent-ledger'
import { assertMainlandPhone, findAccount, signIn } from './sign-in'
import type * as v from 'valibot'

/**
 * Alipay login: `my.getAuthCode` proves the Alipay user id; the `my.getPhoneNumber` response, whose RSA2
 * signature the driver verifies before decrypting it, proves the phone number.
 */
export async function loginWithAlipay(
  ctx: ActionContext,
  input: v.InferOutput<typeof LoginWithAlipayInput>,
): Promise<Session> {
  const { deps } = ctx
  const { userId } = await deps.alipay.userIdFromAuthCode(input.authCode)
  const { phone } = await deps.alipay.phoneFromResponse({ response: input.phone.response, sign: input.phone.sign })
  const account = await findAccount(deps, assertMainlandPhone(phone, 'phone'))
  const consent = assertLoginConsent(input.consents, account.ledger, deps.clock.now(), account.required)
  return signIn(ctx, {
    method: 'alipay',
    account,
    consent,
    decisions: input.consents,
    binding: { field: 'alipayUserId', value: userId },
    clientVersion: input.clientVersion,
  })
}
