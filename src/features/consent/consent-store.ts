import * as v from 'valibot'
import { ConsentDecisionSchema, type ConsentDecision } from '@shared/contracts'
// The editions (versions and change lists), not the texts: those stay in the account subpackage.
import { AGE_CONFIRMATION_VERSION } from '@shared/policy/documents'
import { policyEditions } from '@shared/policy/editions'
import { CLIENT_PLATFORM } from '@/services/client-info'
import { storedValue } from '@/services/device-storage'
import {
  compareVersions,
  deriveConsentState,
  type AgeChoice,
  type ConsentState,
  type PolicyEditions,
} from './consent-model'

/**
 * The device's consent ledger: every choice the user made, in order, each marked once the server's
 * ledger has it. Until login it exists only here; the login carries it to the server. The server's first
 * screen asks whether it is there (`@shared/contracts/first-screen`; a test holds the two keys equal).
 */
export const CONSENT_STORAGE_KEY = 'zn.consent.v1'

/** What one login or one `recordConsents` call may carry (the contract's limit). */
export const MAX_DECISIONS_PER_CALL = 50
/** Old, already synced entries beyond this are dropped; the server keeps the full ledger. */
const MAX_ENTRIES = 200

export interface LedgerEntry {
  decision: ConsentDecision
  synced: boolean
}

const ledger = storedValue<LedgerEntry[]>(CONSENT_STORAGE_KEY, parseLedger)

/**
 * The policy versions the server had published when the app last asked (auth.getPolicyVersions, asked only
 * after the first consent). Nothing stored: the newest editions in this build count.
 */
export const PUBLISHED_STORAGE_KEY = 'zn.policy-published.v1'
const published = storedValue<Partial<Record<'privacy' | 'terms', string>>>(PUBLISHED_STORAGE_KEY, parsePublished)

/**
 * The editions the device asks consent to: per document the newest in this build, unless the server last
 * said an older one is published (an edition in code waits for an admin to publish it in the console).
 */
export function effectiveEditions(): PolicyEditions {
  const known = published.get()
  const pick = (id: 'privacy' | 'terms') => {
    const edition = policyEditions[id]
    const version = known[id]
    const inBuild = version !== undefined && edition.changes.some((c) => c.version === version)
    return inBuild && compareVersions(version, edition.version) < 0 ? { ...edition, version } : edition
  }
  return { privacy: pick('privacy'), terms: pick('terms') }
}

/** Stores what the server publishes; the consent state follows (a newer one asks again). */
export function setPublishedVersions(versions: Record<'privacy' | 'terms', string>): void {
  const known = published.get()
  if (known.privacy !== versions.privacy || known.terms !== versions.terms) published.set(versions)
}

let memo: { entries: LedgerEntry[]; known: unknown; state: ConsentState } | null = null

/** The current consent state; the same object until the ledger changes (for useSyncExternalStore). */
export function consentState(): ConsentState {
  const entries = ledger.get()
  const known = published.get()
  if (memo?.entries !== entries || memo.known !== known) {
    const decisions = entries.map((entry) => entry.decision)
    memo = { entries, known, state: deriveConsentState(decisions, effectiveEditions(), AGE_CONFIRMATION_VERSION) }
  }
  return memo.state
}

export function subscribeConsent(listener: () => void): () => void {
  const offLedger = ledger.subscribe(listener)
  const offPublished = published.subscribe(listener)
  return () => {
    offLedger()
    offPublished()
  }
}

/** 「同意」 or 「不同意」 to the current privacy policy and user agreement: one decision per document. */
export function recordPolicyChoice(choice: 'agree' | 'disagree', at: number = Date.now()): ConsentDecision[] {
  const decisions = policyDecisions(choice, at)
  append(decisions)
  return decisions
}

/** The decisions a choice about the current texts makes, without recording them. */
export function policyDecisions(choice: 'agree' | 'disagree', at: number): ConsentDecision[] {
  const editions = effectiveEditions()
  return [
    { document: 'privacy', version: editions.privacy.version, choice, at, platform: CLIENT_PLATFORM },
    { document: 'terms', version: editions.terms.version, choice, at, platform: CLIENT_PLATFORM },
  ]
}

export function recordAgeChoice(choice: AgeChoice, at: number = Date.now()): ConsentDecision {
  const decision: ConsentDecision = {
    document: 'age',
    version: AGE_CONFIRMATION_VERSION,
    choice,
    at,
    platform: CLIENT_PLATFORM,
  }
  append([decision])
  return decision
}

/**
 * What a login carries: the newest decisions, synced or not. A device may have synced them to another
 * account before, and the server stores each decision once (its id derives from its content).
 */
export function decisionsForLogin(): ConsentDecision[] {
  return ledger
    .get()
    .slice(-MAX_DECISIONS_PER_CALL)
    .map((entry) => entry.decision)
}

export function unsyncedDecisions(): ConsentDecision[] {
  return ledger
    .get()
    .filter((entry) => !entry.synced)
    .slice(-MAX_DECISIONS_PER_CALL)
    .map((entry) => entry.decision)
}

export function markSynced(decisions: readonly ConsentDecision[]): void {
  const sent = new Set(decisions.map(decisionKey))
  const entries = ledger.get()
  if (!entries.some((entry) => !entry.synced && sent.has(decisionKey(entry.decision)))) return
  ledger.set(entries.map((entry) => (sent.has(decisionKey(entry.decision)) ? { ...entry, synced: true } : entry)))
}

/** All of the device's ledger, oldest first (for the privacy centre and for tests). */
export function deviceLedger(): LedgerEntry[] {
  return ledger.get()
}

function append(decisions: ConsentDecision[]): void {
  const entries = [...ledger.get(), ...decisions.map((decision) => ({ decision, synced: false }))]
  ledger.set(trim(entries))
}

/** Drops the oldest synced entries first: an unsynced one is the only copy of the user's choice. */
function trim(entries: LedgerEntry[]): LedgerEntry[] {
  let excess = entries.length - MAX_ENTRIES
  if (excess <= 0) return entries
  return entries.filter((entry) => !(entry.synced && excess-- > 0))
}

function decisionKey(d: ConsentDecision): string {
  return [d.document, d.version, d.choice, d.at, d.platform].join('|')
}

/** Whatever is in storage is checked against the contract: a damaged entry is dropped, not trusted. */
function parseLedger(stored: unknown): LedgerEntry[] {
  if (!Array.isArray(stored)) return []
  return stored.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return []
    const { decision, synced } = item as { decision?: unknown; synced?: unknown }
    const parsed = v.safeParse(ConsentDecisionSchema, decision)
    return parsed.success ? [{ decision: parsed.output, synced: synced === true }] : []
  })
}

function parsePublished(stored: unknown): Partial<Record<'privacy' | 'terms', string>> {
  if (typeof stored !== 'object' || stored === null) return {}
  const { privacy, terms } = stored as { privacy?: unknown; terms?: unknown }
  const valid = (value: unknown) => (typeof value === 'string' && /^\d+\.\d+\.\d+$/.test(value) ? value : undefined)
  return { ...(valid(privacy) ? { privacy: valid(privacy) } : {}), ...(valid(terms) ? { terms: valid(terms) } : {}) }
}
