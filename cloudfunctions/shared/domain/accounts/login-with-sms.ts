import type { LoginWithSmsInput, Session } from '../../contracts/auth'
import type { ActionContext } from '../../core/action-context'
import { assertLoginConsent } from './consent-ledger'
import { findAccount, signIn } from './sign-in'
import { checkSmsCode, smsCodeId, useSmsCode } from './sms-codes'
import { assertMayGuess, countWrongGuess, smsClient } from './sms-guard'
import type * as v from 'valibot'

/**
 * H5 / self-hosted login: phone + SMS code. A client that has tried too many wrong codes this hour (on
 * any phones) is refused first. The code is checked next (so nobody without it learns whether the number
 * has an account), then consent, and only then is the code used up, so a login refused for consent can
 * be retried with the same code.
 */
export async function loginWithSms(
  ctx: ActionContext,
  input: v.InferOutput<typeof LoginWithSmsInput>,
): Promise<Session> {
  const { deps } = ctx
  const client = smsClient(ctx)
  await assertMayGuess(ctx, client)
  const code = await checkSmsCode(deps, smsCodeId(deps.secrets, input.phone, 'login'), input.code, () =>
    countWrongGuess(ctx, client),
  )
  const account = await findAccount(deps, input.phone)
  const consent = assertLoginConsent(input.consents, account.ledger, deps.clock.now(), account.required)
  await useSmsCode(deps, code, input.code)
  return signIn(ctx, {
    method: 'sms',
    account,
    consent,
    decisions: input.consents,
    clientVersion: input.clientVersion,
  })
}
