import type { ConsentDecision, PolicyDocumentId } from '@shared/contracts'
import { compareVersions, type PolicyChange, type PolicyEdition, type PolicyEditions } from '@shared/policy/documents'

export { compareVersions, type PolicyEditions }

/**
 * Where the user stands with our documents, from nothing but the decisions recorded on the device and the
 * documents as they are now. Pure: no storage, no clock, no React.
 *
 * - undecided: never chose. The first-launch dialog shows and nothing may be sent.
 * - guest: said 「不同意」 (to the latest document they were asked about). Browsing works; anything that
 *   needs personal data asks again.
 * - agreed: agreed, and nothing material changed since.
 * - reconsent-needed: agreed to an older version, and a change since then is material. The dialog shows
 *   again, listing those changes, and nothing is sent until the user chooses.
 */
export type ConsentStatus = 'undecided' | 'agreed' | 'guest' | 'reconsent-needed'

export type AgeChoice = Extract<ConsentDecision, { document: 'age' }>['choice']

export interface ChangeNotice extends PolicyChange {
  document: PolicyDocumentId
  title: string
}

export interface ConsentState {
  status: ConsentStatus
  /** reconsent-needed: what changed materially since the versions agreed to, per document, newest first. */
  materialChanges: ChangeNotice[]
  /** Minor changes since the versions agreed to: no dialog for them, but a login confirms the current text. */
  minorChanges: ChangeNotice[]
  /** The device holds agreement to the current version of every document: what a login must carry. */
  upToDate: boolean
  /** The age confirmation on the current wording, if any. */
  age: AgeChoice | null
}

export function deriveConsentState(
  decisions: readonly ConsentDecision[],
  documents: PolicyEditions,
  ageVersion: string,
): ConsentState {
  const ids = Object.keys(documents) as PolicyDocumentId[]
  // The ledger is append-only on the device, so its order is the order of the user's choices; the
  // recorded times are not used for ordering because a device clock can jump backwards.
  const latest = new Map<PolicyDocumentId, ConsentDecision>()
  for (const decision of decisions) {
    if (decision.document !== 'age') latest.set(decision.document, decision)
  }
  const age = lastAgeChoice(decisions, ageVersion)

  if (ids.every((id) => !latest.has(id))) {
    return { status: 'undecided', materialChanges: [], minorChanges: [], upToDate: false, age }
  }
  if (ids.some((id) => latest.get(id)?.choice === 'disagree')) {
    return { status: 'guest', materialChanges: [], minorChanges: [], upToDate: false, age }
  }

  const changes = ids.flatMap((id) => changesSince(documents[id], latest.get(id)?.version ?? null))
  const materialChanges = changes.filter((c) => c.material)
  const minorChanges = changes.filter((c) => !c.material)
  const upToDate = ids.every((id) => latest.get(id)?.version === documents[id].version)
  return {
    status: materialChanges.length > 0 ? 'reconsent-needed' : 'agreed',
    materialChanges,
    minorChanges,
    upToDate,
    age,
  }
}

/** Changes after `agreedVersion` up to the current one; a document never agreed to counts from its start. */
export function changesSince(document: PolicyEdition, agreedVersion: string | null): ChangeNotice[] {
  return document.changes
    .filter((change) => compareVersions(change.version, document.version) <= 0)
    .filter((change) => agreedVersion === null || compareVersions(change.version, agreedVersion) > 0)
    .map((change) => ({ ...change, document: document.id, title: document.title }))
}

function lastAgeChoice(decisions: readonly ConsentDecision[], ageVersion: string): AgeChoice | null {
  for (let i = decisions.length - 1; i >= 0; i--) {
    const decision = decisions[i]
    if (decision.document === 'age' && decision.version === ageVersion) return decision.choice
  }
  return null
}

/** Browsing may reach the network only once the user has chosen, either way, on the current documents. */
export function mayUseNetwork(status: ConsentStatus): boolean {
  return status === 'agreed' || status === 'guest'
}

/** Only an adult, or a minor with a guardian's consent, may log in and publish (PIPL Art. 31). */
export function ageAllowsLogin(age: AgeChoice | null): boolean {
  return age === 'adult' || age === 'guardian'
}
