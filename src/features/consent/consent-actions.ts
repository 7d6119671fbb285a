import { ageAllowsLogin, type AgeChoice } from './consent-model'
import { consentState, recordAgeChoice, recordPolicyChoice } from './consent-store'
import { syncConsents } from './consent-sync'
import { agreePlatformAuthorization, platformAuthorizationPending } from './platform-authorization'
import { currentPrompt, settlePrompt, showPrompt } from './prompt-store'

/** 「同意」 in any consent dialog. `buttonId`: the platform's agree button, when the platform asked. */
export function agreeToPolicies(buttonId?: string): void {
  if (platformAuthorizationPending()) agreePlatformAuthorization(buttonId)
  else recordPolicyChoice('agree')
  settlePrompt(true)
  void syncConsents()
}

/**
 * 「不同意」. Recorded, except when the platform asked on its own account: declining a WeChat privacy
 * request only makes that one API fail; it does not withdraw what the user agreed to in our dialog.
 */
export function declinePolicies(): void {
  const prompt = currentPrompt()
  const platformOnly = prompt?.kind === 'consent' && prompt.mode === 'platform' && consentState().status === 'agreed'
  if (!platformOnly) recordPolicyChoice('disagree')
  settlePrompt(false)
  void syncConsents()
}

export function confirmAge(choice: AgeChoice): void {
  recordAgeChoice(choice)
  void syncConsents()
}

/**
 * For every action that needs personal data (login; later publish, reveal, comment, favourite, report):
 * resolves true at once when the user has agreed, otherwise explains `reason` in the consent dialog and
 * resolves with their answer. Guests are asked again each time; they are never forced.
 */
export async function requirePersonalData(reason: string): Promise<boolean> {
  const state = consentState()
  if (state.status === 'agreed') return true
  return showPrompt({ kind: 'consent', mode: 'ask', reason })
}

/** Before a login: the server wants agreement to the current texts, so minor updates are confirmed here. */
export async function requireCurrentVersions(): Promise<boolean> {
  if (consentState().upToDate) return true
  return showPrompt({ kind: 'consent', mode: 'update', reason: null })
}

/** Before the first login (PIPL Art. 31): 14 or older, or a guardian's consent. */
export async function requireAgeConfirmation(): Promise<boolean> {
  if (ageAllowsLogin(consentState().age)) return true
  return showPrompt({ kind: 'age' })
}
