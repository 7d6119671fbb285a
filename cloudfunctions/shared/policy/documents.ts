import type { PolicyDocumentId } from '../contracts/consent'

/**
 * Our own 隐私政策 and 用户协议 as structured data, shared by the app (which renders them and asks for
 * consent) and the server (which checks that a login carries consent to the current versions). They
 * describe what this code does; the data inventory will generate the collection lists later.
 */
export interface PolicyChange {
  version: string
  date: string
  /** A material change asks every user to consent again; a minor one is only listed. */
  material: boolean
  summary: string[]
  /**
   * Privacy policy: the SHA-256 of the data inventory's policy facts this version describes
   * (domain/privacy/inventory.ts `policyFacts`). A test compares it with the code's.
   */
  inventoryDigest?: string
}

export interface PolicySection {
  heading: string
  paragraphs: string[]
}

/**
 * A document's identity and history without its text: what consent checks need (the server's login check,
 * the app's re-consent dialog). Kept apart from the text so that neither a cloud function bundle nor the
 * app's main package has to carry the full documents.
 */
export interface PolicyEdition {
  id: PolicyDocumentId
  title: string
  version: string
  effectiveDate: string
  /** Newest first. */
  changes: PolicyChange[]
}

export interface PolicyDocument extends PolicyEdition {
  sections: PolicySection[]
}

/** Version of the age-confirmation wording; raising it asks again. */
export const AGE_CONFIRMATION_VERSION = '1.0.0'

/** Numeric comparison of `major.minor.patch` (so 1.10.0 is newer than 1.9.0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (diff !== 0) return diff < 0 ? -1 : 1
  }
  return 0
}

export type PolicyEditions = Readonly<Record<PolicyDocumentId, PolicyEdition>>
