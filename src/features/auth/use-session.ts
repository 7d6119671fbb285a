import { useSyncExternalStore } from 'react'
import type { Session } from '@shared/contracts'
import { currentSession, sessionStore } from '@/services/session'

const snapshot = () => currentSession()

/** The member's session, or null for a guest; every page re-renders when it changes. */
export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, snapshot, snapshot)
}
