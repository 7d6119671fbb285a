import type { PrivacyResolve } from '@/features/consent/platform-authorization'

declare const my: {
  canIUse?: (api: string) => boolean
  onNeedPrivacyAuthorization?: (listener: (resolve: PrivacyResolve) => void) => void
}

/** Alipay (base library ≥ 2.9.7) may ask before a privacy API runs; older clients simply never ask. */
export function listenForPrivacyAuthorization(listener: (resolve: PrivacyResolve) => void): boolean {
  if (typeof my.onNeedPrivacyAuthorization !== 'function') return false
  if (typeof my.canIUse === 'function' && !my.canIUse('onNeedPrivacyAuthorization')) return false
  my.onNeedPrivacyAuthorization(listener)
  return true
}
