import { consentState, recordPolicyChoice } from './consent-store'
import { showPrompt } from './prompt-store'

/** What WeChat's (and Alipay's) onNeedPrivacyAuthorization hands us to answer with. */
export type PrivacyResolve = (option: {
  event: 'exposureAuthorization' | 'agree' | 'disagree'
  buttonId?: string
}) => void

/** Every paused privacy API waits for one answer; several can be waiting for the same dialog. */
let pending: PrivacyResolve[] = []

/**
 * The platform paused a privacy API (getPhoneNumber, chooseImage, setClipboardData …) until the user
 * agrees to the privacy guide: show OUR dialog, not the platform's, and answer with the user's choice.
 * The paused API fails with 「privacy permission is not authorized」 if they decline.
 */
export function onNeedPrivacyAuthorization(resolve: PrivacyResolve): void {
  pending.push(resolve)
  if (pending.length === 1) {
    void showPrompt({ kind: 'consent', mode: 'platform', reason: null }).then((agreed) => {
      // Agreement is answered by the agree button's own event, which carries the id WeChat checks.
      if (!agreed) answerAll({ event: 'disagree' })
    })
  }
  // Tells the platform our dialog is on screen, as it asks custom privacy dialogs to do.
  resolve({ event: 'exposureAuthorization' })
}

/**
 * The user agreed in our dialog and the platform confirmed the tap (WeChat's agreePrivacyAuthorization
 * event). That agreement is consent to our privacy policy as well, so the ledger records it when the
 * device did not already hold it.
 */
export function agreePlatformAuthorization(buttonId?: string): void {
  if (consentState().status !== 'agreed') recordPolicyChoice('agree')
  answerAll(buttonId ? { event: 'agree', buttonId } : { event: 'agree' })
}

/** Whether a platform privacy request is waiting for the user. */
export function platformAuthorizationPending(): boolean {
  return pending.length > 0
}

function answerAll(option: Parameters<PrivacyResolve>[0]): void {
  const waiting = pending
  pending = []
  waiting.forEach((resolve) => resolve(option))
}
