import type { PrivacyResolve } from '@/features/consent/platform-authorization'

/** Browsers have no platform privacy authorization: our own dialog is the only one. */
export function listenForPrivacyAuthorization(_listener: (resolve: PrivacyResolve) => void): boolean {
  return false
}
