import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { Collections } from './collections'
import type { Platform } from '../../contracts/consent'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import type { Secrets } from '../../ports/secrets'
import { deriveKey } from './phone-crypto'

/**
 * Sessions of the HTTP transports (Alipay, H5, WeChat without CloudBase). The token is signed, so a forged
 * one is refused without a database read; it expires; and it names a stored session, so logout (or a
 * future account cancellation) revokes it at once.
 *
 * Token: `v1.<sessionId>.<expiresAt>.<signature>`, the signature an HMAC-SHA256 over everything before it.
 */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000

export interface SessionDoc extends StoredDocument {
  userId: string
  platform: Platform | 'unknown'
  createdAt: number
  expiresAt: number
  revokedAt: number | null
  /** The retention job deletes the session record once it can no longer be used. */
  retainUntil: number
}

export interface IssuedSession {
  token: string
  expiresAt: number
}

const VERSION = 'v1'
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/
const EXPIRES_AT = /^\d{1,15}$/

export function sessionExpired(): AppError {
  return new AppError(ErrorCode.Unauthenticated, '登录已失效，请重新登录')
}

export async function issueSession(
  deps: Pick<Deps, 'store' | 'clock' | 'secrets'>,
  userId: string,
  platform: SessionDoc['platform'],
): Promise<IssuedSession> {
  const now = deps.clock.now()
  const expiresAt = now + SESSION_TTL_MS
  const sessionId = randomBytes(16).toString('base64url')
  await deps.store.insert(Collections.sessions, {
    _id: sessionId,
    userId,
    platform,
    createdAt: now,
    expiresAt,
    revokedAt: null,
    retainUntil: expiresAt,
  } satisfies SessionDoc)
  const unsigned = `${VERSION}.${sessionId}.${expiresAt}`
  return { token: `${unsigned}.${sign(deps.secrets, unsigned)}`, expiresAt }
}

/**
 * The live session a token names. Forged, altered, expired and revoked tokens all fail alike with
 * UNAUTHENTICATED, so the client's answer is always the same: drop the token, log in again.
 */
export async function verifySession(
  deps: Pick<Deps, 'store' | 'clock' | 'secrets'>,
  token: string,
): Promise<SessionDoc> {
  const parts = token.split('.')
  if (parts.length !== 4) throw sessionExpired()
  const [version, sessionId, expiresText, signature] = parts
  if (version !== VERSION || !SESSION_ID.test(sessionId) || !EXPIRES_AT.test(expiresText)) throw sessionExpired()
  // Compared as text, not decoded: base64 decoding ignores stray bits, which would let variants pass.
  const expected = Buffer.from(sign(deps.secrets, `${version}.${sessionId}.${expiresText}`))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw sessionExpired()
  const expiresAt = Number(expiresText)
  const now = deps.clock.now()
  if (expiresAt <= now) throw sessionExpired()
  const session = await deps.store.get<SessionDoc>(Collections.sessions, sessionId)
  if (!session || session.revokedAt !== null || session.expiresAt !== expiresAt) throw sessionExpired()
  return session
}

/** Idempotent: revoking a revoked session changes nothing. */
export async function revokeSession(deps: Pick<Deps, 'store' | 'clock'>, sessionId: string): Promise<void> {
  await deps.store.update(Collections.sessions, sessionId, { revokedAt: deps.clock.now() }, { revokedAt: null })
}

function sign(secrets: Secrets, unsigned: string): string {
  return createHmac('sha256', deriveKey(secrets.sessionKey, 'session-token')).update(unsigned).digest('base64url')
}
