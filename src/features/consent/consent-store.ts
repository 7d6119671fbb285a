import * as v from 'valibot'
import { ConsentDecisionSchema, type ConsentDecision } from '@shared/contracts'
// The editions (versions and change lists), not the texts: those stay in the account subpackage.
import { AGE_CONFIRMATION_VERSION } from '@shared/policy/documents'
import { policyEditions } from '@shared/policy/editions'
import { CLIENT_PLATFORM } from '@/services/client-info'
import { storedValue } from '@/services/device-storage'
import { deriveConsentState, type AgeChoice, type ConsentState } from './consent-model'

/**
 * The device's consent ledger: every choice the user made, in order, each marked once the server's
 * ledger has it. Until login it exists only here; the login carries it to the server.
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

let memo: { entries: LedgerEntry[]; state: ConsentState } | null = null

/** The current consent state; the same object until the ledger changes (for useSyncExternalStore). */
export function consentState(): ConsentState {
  const entries = ledger.get()
  if (memo?.entries !== entries) {
    const decisions = entries.map((entry) => entry.decision)
    memo = { entries, state: deriveConsentState(decisions, policyEditions, AGE_CONFIRMATION_VERSION) }
  }
  return memo.state
}

export const subscribeConsent = ledger.subscribe

/** 「同意」 or 「不同意」 to the current privacy policy and user agreement: one decision per document. */
export function recordPolicyChoice(choice: 'agree' | 'disagree', at: number = Date.now()): ConsentDecision[] {
  const decisions = policyDecisions(choice, at)
  append(decisions)
  return decisions
}

/** The decisions a choice about the current texts makes, without recording them. */
export function policyDecisions(choice: 'agree' | 'disagree', at: number): ConsentDecision[] {
  return [
    { document: 'privacy', version: policyEditions.privacy.version, choice, at, platform: CLIENT_PLATFORM },
    { document: 'terms', version: policyEditions.terms.version, choice, at, platform: CLIENT_PLATFORM },
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
