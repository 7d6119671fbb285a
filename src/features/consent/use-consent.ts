import { useSyncExternalStore } from 'react'
import { mayUseNetwork, type ConsentState } from './consent-model'
import { consentState, subscribeConsent } from './consent-store'
import { currentPrompt, subscribePrompt, type Prompt } from './prompt-store'

/** The consent state, shared by every page and updated the moment a choice is recorded. */
export function useConsent(): ConsentState {
  return useSyncExternalStore(subscribeConsent, consentState, consentState)
}

/**
 * Whether data hooks may talk to the server yet. False until the user has answered the dialog (first
 * launch, or a material change): before that, not one request leaves the device.
 */
export function useNetworkAllowed(): boolean {
  return mayUseNetwork(useConsent().status)
}

/** The question the app is asking right now (consent again, age, login), if any. */
export function usePrompt(): Prompt | null {
  return useSyncExternalStore(subscribePrompt, currentPrompt, currentPrompt)
}
