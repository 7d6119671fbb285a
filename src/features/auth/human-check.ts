import { sha256 } from '@noble/hashes/sha2.js'
import { solveChallenge } from 'altcha-lib'
import type { HumanChallenge, PowChallenge } from '@shared/contracts'
import { UserNotice } from './user-notice'

/**
 * The human check before an SMS code is sent: the server's challenge is solved on the device and the
 * solution goes back with `sendSmsCode`. The proof of work runs in plain JavaScript (no Web Crypto: a page
 * opened over plain HTTP on a LAN has none), and nothing about the user is sent anywhere.
 *
 * The `humanCheck` text for a challenge; undefined when the server asks for nothing.
 */
export async function solveHumanChallenge(asked: HumanChallenge): Promise<string | undefined> {
  if (asked.kind === 'none') return undefined
  const solution = await solvePow(asked.challenge)
  if (!solution) throw new UserNotice('安全验证超时，请重试')
  return encodeToken({ challenge: asked.challenge, solution })
}

const SOLVE_TIMEOUT_MS = 60_000

async function solvePow(challenge: PowChallenge) {
  const found = await solveChallenge({
    challenge: challenge as Parameters<typeof solveChallenge>[0]['challenge'],
    deriveKey: shaDeriveKey,
    timeout: SOLVE_TIMEOUT_MS,
  })
  return found ? { counter: found.counter, derivedKey: found.derivedKey } : null
}

/** ALTCHA's iterated SHA-256 key derivation (`cost` rounds over `salt ‖ password`), synchronous. */
async function shaDeriveKey(parameters: { cost: number; keyLength?: number }, salt: Uint8Array, password: Uint8Array) {
  let data = new Uint8Array(salt.length + password.length)
  data.set(salt, 0)
  data.set(password, salt.length)
  for (let round = 0; round < Math.max(1, parameters.cost); round++) data = sha256(data)
  return { parameters: {}, derivedKey: data.slice(0, parameters.keyLength ?? 32) }
}

/** base64url of the JSON, which is ASCII only (hex strings and numbers). */
function encodeToken(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
