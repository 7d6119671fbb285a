import type { PolicyDocumentId } from '../contracts/consent'
import type { PolicyDocument } from './documents'
import { privacyPolicy } from './privacy'
import { termsOfService } from './terms'

export * from './documents'
export { policyEditions, privacyEdition, termsEdition } from './editions'
export { CURRENT_POLICY_VERSIONS } from './versions'
export { privacyPolicy, termsOfService }

/** Every document a user consents to, in full, by id: what the policy pages render. */
export const policyDocuments: Readonly<Record<PolicyDocumentId, PolicyDocument>> = {
  privacy: privacyPolicy,
  terms: termsOfService,
}
