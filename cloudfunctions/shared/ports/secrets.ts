/**
 * Keys the back end needs. The self-hosted server generates and persists them on first start when the
 * environment gives none; on CloudBase they come from the function's environment variables.
 */
export interface Secrets {
  /** HMAC key signing session tokens. */
  sessionKey: Buffer
  /** AES-256-GCM key encrypting phone numbers at rest (32 bytes). */
  phoneEncryptionKey: Buffer
  /** HMAC key of the phone lookup hash (so equal phones are found without decrypting). */
  phoneHashKey: Buffer
}
