import { useEffect } from 'react'
import { checkPublishedVersions, mayUseNetwork, syncConsents, useConsent } from '@/features/consent'
import { logout } from './login'
import { useSession } from './use-session'

let leaving = false

/**
 * Keeps the account in step with the user's choices, on whichever page is open:
 * - decisions made while logged in that did not reach the server yet are sent again;
 * - once per launch, after the first consent, the server's published policy versions are read, so the
 *   dialog asks again when the device's consent is older;
 * - a member who withdraws consent (「不同意」 after an update) is logged out, after the server's ledger
 *   has the withdrawal: their data is no longer processed for them as a member.
 */
export function useAccountUpkeep(): void {
  const consent = useConsent()
  const session = useSession()
  const token = session?.token ?? null

  useEffect(() => {
    if (mayUseNetwork(consent.status)) checkPublishedVersions()
  }, [consent.status])

  useEffect(() => {
    if (!token || !mayUseNetwork(consent.status)) return
    if (consent.status === 'guest') {
      if (leaving) return
      leaving = true
      void syncConsents()
        .then(() => logout())
        .finally(() => {
          leaving = false
        })
      return
    }
    void syncConsents()
  }, [token, consent])
}
