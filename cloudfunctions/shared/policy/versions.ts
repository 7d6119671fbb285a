import type { PolicyDocumentId } from '../contracts/consent'
import { AGE_CONFIRMATION_VERSION } from './documents'
import { privacyEdition, termsEdition } from './editions'

/**
 * The versions a login must carry consent to. The server refuses a login that does not agree to these;
 * the app asks for re-consent when the device's ledger holds an older one. Read off the editions, the
 * one place versions are written, so a cloud function imports a few strings and not the whole texts.
 */
export const CURRENT_POLICY_VERSIONS: Readonly<Record<PolicyDocumentId, string>> = {
  privacy: privacyEdition.version,
  terms: termsEdition.version,
}

export { AGE_CONFIRMATION_VERSION }
