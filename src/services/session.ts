import type { Profile, Session } from '@shared/contracts'
import { storedValue } from './device-storage'

/**
 * The member's session on this device: the token HTTP transports send as `Authorization: Bearer`, and the
 * profile last seen. Versioned key: a future change of shape starts from a clean slate instead of
 * misreading an old one.
 */
export const SESSION_STORAGE_KEY = 'zn.session.v1'

export const sessionStore = storedValue<Session | null>(SESSION_STORAGE_KEY, parseSession)

/** A stored session past its expiry is no session: the member logs in again. */
export function currentSession(now: number = Date.now()): Session | null {
  const session = sessionStore.get()
  return session && session.expiresAt > now ? session : null
}

/** After a profile edit: the stored session shows the new profile at once, on every page. */
export function replaceSessionProfile(profile: Profile): void {
  const session = sessionStore.get()
  if (session) sessionStore.set({ ...session, profile })
}

/** Clears the session only if it is still the one a failed call was made with (a newer login survives). */
export function clearSessionIfToken(token: string): void {
  if (sessionStore.get()?.token === token) sessionStore.clear()
}

function parseSession(stored: unknown): Session | null {
  if (typeof stored !== 'object' || stored === null) return null
  const s = stored as Partial<Session>
  if (typeof s.token !== 'string' || typeof s.expiresAt !== 'number') return null
  if (typeof s.profile !== 'object' || s.profile === null || typeof s.profile.userId !== 'string') return null
  return s as Session
}
