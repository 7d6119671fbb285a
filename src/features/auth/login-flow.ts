import { Routes } from '@/routes'
import Taro from '@tarojs/taro'
import {
  requireAgeConfirmation,
  requireCurrentVersions,
  requirePersonalData,
  settlePrompt,
  showPrompt,
} from '@/features/consent'
import { currentSession } from '@/services/session'

export const PROFILE_PAGE = Routes.profile

let refusal: 'age' | 'consents' | null = null

/**
 * Login on demand, for an action that needs it: consent (a guest is asked again, with `reason`), the
 * current policy versions, the age confirmation, then the login sheet, which can always be cancelled.
 * Resolves true once logged in.
 */
export async function ensureLoggedIn(reason: string): Promise<boolean> {
  if (currentSession()) return true
  if (!(await requirePersonalData(reason))) return false
  if (!(await requireCurrentVersions())) return false
  if (!(await requireAgeConfirmation())) return false
  // The server may still want a consent (its documents are newer than this build's, say): ask again
  // explicitly, once; a second refusal is shown in the sheet rather than looping.
  for (const retried of [false, true]) {
    refusal = null
    if (await showPrompt({ kind: 'login', reason, retried })) return true
    const wanted = takeRefusal()
    if (!wanted) return false
    const asked =
      wanted === 'age'
        ? await showPrompt({ kind: 'age' })
        : await showPrompt({ kind: 'consent', mode: 'update', reason: null })
    if (!asked) return false
  }
  return false
}

function takeRefusal(): 'age' | 'consents' | null {
  const taken = refusal
  refusal = null
  return taken
}

/** The sheet reports a CONSENT_REQUIRED answer: close it, and let the flow ask for that consent. */
export function reportConsentRefusal(kind: 'age' | 'consents'): void {
  refusal = kind
  settlePrompt(false)
}

/** 「登录」 in a header: log in, and stay where the user was. */
export async function logIn(): Promise<void> {
  if (await ensureLoggedIn('登录')) void Taro.showToast({ title: '登录成功', icon: 'success' })
}
