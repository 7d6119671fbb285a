import { ADMIN_ONLY, RETENTION_INDEX, type CollectionSpec } from '../../ports/collection-spec'

/**
 * The collections the accounts domain owns: it alone writes them, and other domains reach their data only
 * through what this domain exports. collections.ts merges every domain's declarations.
 */
export const Collections = {
  users: 'users',
  sessions: 'sessions',
  smsCodes: 'sms_codes',
  humanChecks: 'human_checks',
  consentLedger: 'consent_ledger',
  securityLog: 'security_log',
} as const

export const collectionSpecs: Record<(typeof Collections)[keyof typeof Collections], CollectionSpec> = {
  // Accounts: all personal data, reached only through the auth function.
  users: {
    clientRule: ADMIN_ONLY,
    indexes: [
      // One account per phone number; the keyed hash finds it without decrypting anything.
      { name: 'by_phone_hash', keys: [{ field: 'phoneHash', direction: 1 }], unique: true },
      // Not unique: a user without a WeChat or Alipay identity has none, and a unique index would allow
      // only one such user on CloudBase (missing counts as null there).
      { name: 'by_wechat_openid', keys: [{ field: 'wechatOpenId', direction: 1 }] },
      { name: 'by_alipay_user_id', keys: [{ field: 'alipayUserId', direction: 1 }] },
    ],
  },
  sessions: {
    clientRule: ADMIN_ONLY,
    indexes: [{ name: 'by_user', keys: [{ field: 'userId', direction: 1 }] }, RETENTION_INDEX],
  },
  // One document per phone (its id is the phone's keyed hash): the current code, hashed, and the counters
  // that limit sending and guessing. Read by id, so only the retention job needs an index.
  sms_codes: {
    clientRule: ADMIN_ONLY,
    indexes: [RETENTION_INDEX],
  },
  // Human checks already used to send an SMS code (id derived from the challenge's signature; no other
  // field), so a solved challenge cannot be replayed; deleted once the challenge has expired.
  human_checks: {
    clientRule: ADMIN_ONLY,
    indexes: [RETENTION_INDEX],
  },
  consent_ledger: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_user',
        keys: [
          { field: 'userId', direction: 1 },
          { field: 'at', direction: -1 },
        ],
      },
    ],
  },
  security_log: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_user',
        keys: [
          { field: 'userId', direction: 1 },
          { field: 'at', direction: -1 },
        ],
      },
      RETENTION_INDEX,
    ],
  },
}
