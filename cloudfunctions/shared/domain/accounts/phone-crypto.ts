import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import type { Secrets } from '../../ports/secrets'

/**
 * Phone numbers at rest: AES-256-GCM ciphertext (random 12-byte IV per value, so equal numbers never look
 * equal) plus a keyed HMAC-SHA256 hash to find an account by number without decrypting anything. A leaked
 * database file alone yields neither the numbers nor a way to test guesses against the hashes.
 *
 * Format `v1.<iv>.<ciphertext>.<tag>` (base64url): the version lets the key or cipher change later while
 * old values stay readable.
 */
const VERSION = 'v1'
const IV_BYTES = 12
// Binds ciphertexts to their purpose: a value cut from another encrypted field does not decrypt as a phone.
const AAD = Buffer.from('zhineng:phone:v1')

export function encryptPhone(secrets: Secrets, phone: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', secrets.phoneEncryptionKey, iv)
  cipher.setAAD(AAD)
  const ciphertext = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()])
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.')
}

/** Throws when the value was altered or encrypted under another key: never returns a wrong number. */
export function decryptPhone(secrets: Secrets, stored: string): string {
  const [version, iv, ciphertext, tag] = stored.split('.')
  if (version !== VERSION || iv === undefined || ciphertext === undefined || tag === undefined) {
    throw new Error('Unknown phone ciphertext format')
  }
  const decipher = createDecipheriv('aes-256-gcm', secrets.phoneEncryptionKey, Buffer.from(iv, 'base64url'))
  decipher.setAAD(AAD)
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
}

/** The lookup key of a phone number: equal numbers hash equal, and only the key holder can compute it. */
export function phoneHash(secrets: Secrets, phone: string): string {
  return createHmac('sha256', secrets.phoneHashKey).update(phone, 'utf8').digest('hex')
}

export { deriveKey } from '../common/derived-id'
