/**
 * Every collection the back end stores, with its indexes and its CloudBase client-access rule.
 * The SQLite driver creates tables and expression indexes from this; scripts/cloudbase-setup.ts creates
 * the CloudBase collections, indexes and security rules from it. Nothing else names a collection.
 */
export interface IndexKey {
  field: string
  direction: 1 | -1
}

export interface IndexSpec {
  name: string
  keys: IndexKey[]
  unique?: boolean
}

/**
 * CloudBase database security rule for requests made directly by clients. Cloud functions have admin
 * access regardless; no collection grants clients write access.
 */
export type ClientRule = { read: false; write: false } | { read: true; write: false }

export interface CollectionSpec {
  indexes: IndexSpec[]
  clientRule: ClientRule
}

const ADMIN_ONLY: ClientRule = { read: false, write: false }

export const Collections = {
  listings: 'listings',
  categories: 'categories',
  users: 'users',
  sessions: 'sessions',
  smsCodes: 'sms_codes',
  consentLedger: 'consent_ledger',
  securityLog: 'security_log',
} as const
export type CollectionName = (typeof Collections)[keyof typeof Collections]

/** Documents the retention job deletes once `retainUntil` has passed. */
const RETENTION_INDEX: IndexSpec = { name: 'by_retain_until', keys: [{ field: 'retainUntil', direction: 1 }] }

export const collectionSpecs: Record<CollectionName, CollectionSpec> = {
  listings: {
    // Contact fields live in listing documents, so clients never read this collection directly:
    // listings reach them only through the listings function, which masks contacts.
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'feed_latest',
        keys: [
          { field: 'status', direction: 1 },
          { field: 'publishedAt', direction: -1 },
        ],
      },
      {
        name: 'feed_by_category',
        keys: [
          { field: 'status', direction: 1 },
          { field: 'category', direction: 1 },
          { field: 'publishedAt', direction: -1 },
        ],
      },
      {
        name: 'feed_by_city',
        keys: [
          { field: 'status', direction: 1 },
          { field: 'city', direction: 1 },
          { field: 'publishedAt', direction: -1 },
        ],
      },
      {
        name: 'by_poster',
        keys: [
          { field: 'posterId', direction: 1 },
          { field: 'createdAt', direction: -1 },
        ],
      },
    ],
  },
  categories: {
    clientRule: ADMIN_ONLY,
    indexes: [{ name: 'by_order', keys: [{ field: 'order', direction: 1 }] }],
  },
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
