export {
  ageAllowsLogin,
  compareVersions,
  deriveConsentState,
  mayUseNetwork,
  type AgeChoice,
  type ChangeNotice,
  type ConsentState,
  type ConsentStatus,
} from './consent-model'
export {
  consentState,
  deviceLedger,
  decisionsForLogin,
  markSynced,
  policyDecisions,
  recordPolicyChoice,
  CONSENT_STORAGE_KEY,
} from './consent-store'
export {
  agreeToPolicies,
  confirmAge,
  declinePolicies,
  requireAgeConfirmation,
  requireCurrentVersions,
  requirePersonalData,
} from './consent-actions'
export { checkPublishedVersions, syncConsents } from './consent-sync'
export { onNeedPrivacyAuthorization, type PrivacyResolve } from './platform-authorization'
export { settlePrompt, showPrompt, type Prompt } from './prompt-store'
export { useConsent, useNetworkAllowed, usePrompt } from './use-consent'
export { ConsentDialog } from './components/ConsentDialog'
export { AgeGate } from './components/AgeGate'
export { openPolicy } from './open-policy'
