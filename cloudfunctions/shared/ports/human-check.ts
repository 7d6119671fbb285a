import type { HumanChallenge } from '../contracts/auth'

/**
 * A check that a person, not a script, asks for an SMS code over HTTP (where no platform vouches for the
 * caller). Drivers: a self-hosted proof of work (ALTCHA, the default) and `off` for trusted networks and
 * tests; a hosted captcha (e.g. Tencent's) would be another driver behind the same two calls.
 */
export interface HumanCheck {
  /** What the client must solve; `{ kind: 'none' }` when nothing is asked. */
  challenge(): Promise<HumanChallenge>
  /**
   * Checks a solved challenge (the opaque `humanCheck` text of `sendSmsCode`). A pass names the challenge
   * (`id`) and when it stops being valid, so the caller can make it single-use; a fail says why.
   */
  verify(token: string | undefined): Promise<HumanCheckVerdict>
}

export type HumanCheckVerdict =
  { ok: true; id: string | null; expiresAt: number } | { ok: false; reason: 'missing' | 'expired' | 'invalid' }
