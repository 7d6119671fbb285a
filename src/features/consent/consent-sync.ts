import { api } from '@/services/api'
import { currentSession } from '@/services/session'
import { markSynced, setPublishedVersions, unsyncedDecisions } from './consent-store'

let inFlight: Promise<boolean> | null = null

/**
 * Sends decisions made while logged in straight to the server's ledger. A failure leaves them marked
 * unsynced on the device; the next decision, the next app start or the next login sends them again, so
 * nothing is lost and nothing needs a retry loop here. Resolves whether the server now has them all.
 */
export function syncConsents(): Promise<boolean> {
  if (inFlight) return inFlight.then(() => syncConsents())
  const decisions = unsyncedDecisions()
  if (decisions.length === 0 || !currentSession()) return Promise.resolve(decisions.length === 0)
  inFlight = api.auth
    .recordConsents({ decisions })
    .then(() => {
      markSynced(decisions)
      return unsyncedDecisions().length === 0
    })
    .catch(() => false)
    .finally(() => {
      inFlight = null
    })
  return inFlight
}

let checked = false

/**
 * Once per launch, and only after the user answered the consent dialog (never before: nothing leaves the
 * device until then): which policy versions the server publishes now. Stored, so a newer one than the
 * device agreed to shows the dialog again (consent-store.ts), and the next first dialog asks for it.
 */
export function checkPublishedVersions(): void {
  if (checked) return
  checked = true
  api.auth
    .getPolicyVersions()
    .then(setPublishedVersions)
    .catch(() => {
      checked = false
    })
}
