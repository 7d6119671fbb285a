import type { PrivacyResolve } from '@/features/consent/platform-authorization'

declare const wx: { onNeedPrivacyAuthorization?: (listener: (resolve: PrivacyResolve) => void) => void }

/** With `__usePrivacyCheck__`, WeChat asks us (not its own popup) whenever a privacy API needs consent. */
export function listenForPrivacyAuthorization(listener: (resolve: PrivacyResolve) => void): boolean {
  // Base library < 2.32.3 has no privacy authorization at all: nothing to listen to.
  if (typeof wx.onNeedPrivacyAuthorization !== 'function') return false
  wx.onNeedPrivacyAuthorization(listener)
  return true
}
