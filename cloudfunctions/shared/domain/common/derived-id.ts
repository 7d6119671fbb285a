import { createHash, createHmac } from 'node:crypto'
import { HOUR_MS } from '../common/china-time'

/** The clock hour of a moment, as an hour number: the window hourly limits count in. */
export function hourWindow(at: number): string {
  return `h${Math.floor(at / HOUR_MS)}`
}

/**
 * An id derived from what makes a document unique (member, listing, day…), so that a retried or
 * concurrent request lands on the same document and the store's unique `_id` decides, instead of
 * a read-then-write race. Hashed to keep ids short and free of the parts' characters.
 *
 * The recipe is part of the stored data: favourites, counters, reveals, reports and SMS codes are found
 * again by recomputing their id, so changing it orphans every document already stored
 * (test/cloudfunctions/domain/common/derived-id.test.ts pins it).
 */
export function derivedId(prefix: string, ...parts: string[]): string {
  return idFrom(prefix, createHash('sha256').update(parts.join('\n')).digest('base64url'))
}

/**
 * The keyed counterpart of `derivedId`, for an id that must say nothing about its parts to whoever
 * lacks the secret (a view marker of member, listing and day): the same shape, an HMAC under the key
 * for `purpose` instead of a plain hash, so guessing the parts and hashing them finds nothing.
 */
export function keyedId(secret: Buffer, purpose: string, prefix: string, ...parts: string[]): string {
  return idFrom(prefix, keyedHash(secret, purpose, parts.join('\n')))
}

/** A keyed hash of `data` under the key for `purpose` (base64url): a pseudonym only the secret links back. */
export function keyedHash(secret: Buffer, purpose: string, data: string): string {
  return createHmac('sha256', deriveKey(secret, purpose)).update(data, 'utf8').digest('base64url')
}

/** A separate key per purpose from one secret, so no key is used for two things. */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`zhineng:${purpose}`, 'utf8').digest()
}

function idFrom(prefix: string, digest: string): string {
  return `${prefix}_${digest.slice(0, 32)}`
}
