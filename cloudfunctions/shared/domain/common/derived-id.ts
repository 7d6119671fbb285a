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
 */
export function derivedId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32)}`
}

/** A separate key per purpose from one secret, so no key is used for two things. */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`zhineng:${purpose}`, 'utf8').digest()
}
