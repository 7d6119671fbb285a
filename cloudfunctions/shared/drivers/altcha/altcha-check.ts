import { createHmac } from 'node:crypto'
import { createChallenge, randomInt, verifySolution } from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/sha'
import type { PowChallenge } from '../../contracts/auth'
import type { Clock } from '../../ports/clock'
import type { HumanCheck, HumanCheckVerdict } from '../../ports/human-check'

/**
 * The self-hosted proof of work (ALTCHA v2, deterministic mode): the server picks a secret counter, signs
 * the challenge and the key that counter derives, and the client finds the counter by trying them from 0
 * up. Nothing about the user leaves the device and no third party is involved; verifying is one HMAC.
 *
 * Work: SHA-256 over `salt ‖ nonce ‖ counter`, with the counter drawn from [WORK_MIN, WORK_MAX]. About
 * 35,000 hashes on average: well under a second in a browser, a real cost for a script asking for
 * thousands of codes. It is a speed bump; the per-client and daily SMS budgets are the limit.
 */
export const POW_ALGORITHM = 'SHA-256'
const WORK_MIN = 20_000
const WORK_MAX = 50_000
/** Long enough to type a phone number after the sheet opens; the solved check is single-use anyway. */
export const CHALLENGE_TTL_MS = 10 * 60 * 1000

interface Token {
  challenge: PowChallenge
  solution: { counter: number; derivedKey: string }
}

export function createAltchaCheck(options: {
  key: Buffer
  clock: Clock
  work?: { min: number; max: number }
}): HumanCheck {
  // Two keys from one: the challenge's signature and the derived key's signature.
  const sub = (purpose: string) => createHmac('sha256', options.key).update(`altcha:${purpose}`).digest('hex')
  const hmacSignatureSecret = sub('challenge')
  const hmacKeySignatureSecret = sub('derived-key')
  const work = options.work ?? { min: WORK_MIN, max: WORK_MAX }
  return {
    async challenge() {
      const challenge = await createChallenge({
        algorithm: POW_ALGORITHM,
        cost: 1,
        counter: randomInt(work.max, work.min),
        deriveKey,
        // Expiry is checked against the host's clock below, not by the library's Date.now().
        data: { exp: options.clock.now() + CHALLENGE_TTL_MS },
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      })
      return { kind: 'pow', challenge }
    },
    async verify(text): Promise<HumanCheckVerdict> {
      if (!text) return { ok: false, reason: 'missing' }
      const token = parseToken(text)
      if (!token) return { ok: false, reason: 'invalid' }
      const result = await verifySolution({
        challenge: token.challenge as Parameters<typeof verifySolution>[0]['challenge'],
        solution: token.solution,
        deriveKey,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      }).catch(() => null)
      if (!result?.verified || !token.challenge.signature) return { ok: false, reason: 'invalid' }
      // Signed, so `exp` is the server's own value.
      const expiresAt = Number(token.challenge.parameters.data?.exp)
      if (!Number.isFinite(expiresAt) || expiresAt <= options.clock.now()) return { ok: false, reason: 'expired' }
      return { ok: true, id: token.challenge.signature, expiresAt }
    },
  }
}

/** The client sends `base64url(JSON({ challenge, solution }))`; anything else is not a solution. */
function parseToken(text: string): Token | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Token
    const { challenge, solution } = value
    if (typeof challenge?.parameters !== 'object' || challenge.parameters === null) return null
    if (typeof solution?.counter !== 'number' || typeof solution.derivedKey !== 'string') return null
    return value
  } catch {
    return null
  }
}

/** `SMS_CAPTCHA=off`: nothing is asked (a trusted network, or tests that are not about the check). */
export const noHumanCheck: HumanCheck = {
  async challenge() {
    return { kind: 'none' }
  },
  async verify() {
    return { ok: true, id: null, expiresAt: 0 }
  },
}
