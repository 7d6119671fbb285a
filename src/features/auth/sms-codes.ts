import type { SmsCodeSent } from '@shared/contracts'
import { api } from '@/services/api'
import { solveHumanChallenge } from './human-check'

/**
 * Asking for an SMS code: the server's human check solved on the device, then the code sent. Apart from
 * login.ts so that a build whose login needs no code (WeChat, Alipay) carries the solver only where a code
 * is asked for (the phone change, in the account subpackage).
 */
export async function sendSmsCode(phone: string): Promise<SmsCodeSent> {
  return api.auth.sendSmsCode({ phone, ...(await passHumanCheck()) })
}

/** Moving the account to another number: the code goes to the new one (`changePhone` confirms it). */
export async function sendPhoneChangeCode(phone: string): Promise<SmsCodeSent> {
  return api.auth.sendPhoneChangeCode({ phone, ...(await passHumanCheck()) })
}

/**
 * The `humanCheck` field of a request for an SMS code: nothing when the server asks for no check. Also for
 * the codes other features ask for (account deletion's, to the account's own number).
 */
export async function passHumanCheck(): Promise<{ humanCheck?: string }> {
  const humanCheck = await solveHumanChallenge(await api.auth.getSmsChallenge({}))
  return humanCheck === undefined ? {} : { humanCheck }
}
