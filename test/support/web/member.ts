import type { Session } from '@shared/contracts'
import { loginWithSms } from '@/features/auth/login'
import { sendSmsCode } from '@/features/auth/sms-codes'
import { recordAgeChoice, recordPolicyChoice } from '@/features/consent/consent-store'
import { sessionStore } from '@/services/session'
import type { FakeNetwork } from './network'

/**
 * A member logged in on this device the way the app does it (agreed, confirmed their age, SMS code from
 * the outbox, loginWithSms), so a story can start from a page a member opens. The requests it took are
 * dropped from `network.sent`, which then holds only what the story itself caused.
 */
export async function logInOnDevice(network: FakeNetwork, phone: string): Promise<Session> {
  recordPolicyChoice('agree')
  recordAgeChoice('adult')
  await sendSmsCode(phone)
  const code = network.backend.outbox.lastCodeFor(phone)
  if (!code) throw new Error(`no SMS code for ${phone}`)
  const session = await loginWithSms(phone, code)
  network.sent.length = 0
  return session
}

/** Every request of one function and action that reached the network. */
export function sentActions(network: FakeNetwork, functionName: string, action?: string) {
  return network.sent.filter((r) => r.functionName === functionName && (!action || r.body.action === action))
}

/**
 * `m`'s session on this device, as if they had logged in here (agreed, age confirmed). Sessions come from
 * the API where the login UI is not what the story is about.
 */
export function sessionOnDevice<M extends { session: Session }>(network: FakeNetwork, m: M): M {
  recordPolicyChoice('agree')
  recordAgeChoice('adult')
  sessionStore.set(m.session)
  network.sent.length = 0
  return m
}
