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

/**
 * An array field queried with `{ all: [...] }` (keyword terms). CloudBase indexes it like any field (a
 * MongoDB multikey index, declared in `indexes`); SQLite cannot index inside a JSON array, so its driver
 * keeps a side table of (value, sort key, id) rows in step with the documents, in the same transaction,
 * and answers such queries from it newest first without a sort step.
 */
export interface MultiKeySpec {
  field: string
  /** The field queries on this array are ordered by (e.g. `publishedAt` for search results). */
  sortedBy: string
}

export interface CollectionSpec {
  indexes: IndexSpec[]
  clientRule: ClientRule
  multiKey?: MultiKeySpec[]
}

const ADMIN_ONLY: ClientRule = { read: false, write: false }

export const Collections = {
  listings: 'listings',
  categories: 'categories',
  users: 'users',
  sessions: 'sessions',
  smsCodes: 'sms_codes',
  humanChecks: 'human_checks',
  consentLedger: 'consent_ledger',
  securityLog: 'security_log',
  listingViews: 'listing_views',
  listingImages: 'listing_images',
  favourites: 'favourites',
  comments: 'comments',
  contactReveals: 'contact_reveals',
  rateCounters: 'rate_counters',
  reports: 'reports',
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
        name: 'feed_by_province',
        keys: [
          { field: 'status', direction: 1 },
          { field: 'province', direction: 1 },
          { field: 'publishedAt', direction: -1 },
        ],
      },
      // The poster's other listings on a detail page.
      {
        name: 'feed_by_poster',
        keys: [
          { field: 'status', direction: 1 },
          { field: 'posterId', direction: 1 },
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
      // Keyword search: `terms` holds the single characters and bigrams of the searchable text
      // (domain/listings/search-terms.ts). A multikey index on CloudBase; a side table on SQLite.
      {
        name: 'search_terms',
        keys: [
          { field: 'terms', direction: 1 },
          { field: 'publishedAt', direction: -1 },
        ],
      },
    ],
    multiKey: [{ field: 'terms', sortedBy: 'publishedAt' }],
  },
  // Markers that a member viewed a listing on a China day (id = keyed hash of listing, member, day; no other
  // field), so each member counts once a day; deleted the day after. Guests leave nothing here.
  listing_views: {
    clientRule: ADMIN_ONLY,
    indexes: [RETENTION_INDEX],
  },
  // Images members uploaded for listings: who uploaded which key, so a listing can only show its
  // poster's own uploads. Read by id only.
  listing_images: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_owner',
        keys: [
          { field: 'ownerId', direction: 1 },
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
  // Interactions (the interactions function). Favourites: one document per (member, listing).
  favourites: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_user',
        keys: [
          { field: 'userId', direction: 1 },
          { field: 'createdAt', direction: -1 },
        ],
      },
    ],
  },
  comments: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_listing',
        keys: [
          { field: 'listingId', direction: 1 },
          { field: 'status', direction: 1 },
          { field: 'createdAt', direction: -1 },
        ],
      },
      // Held comments, for the moderation queue.
      {
        name: 'by_status',
        keys: [
          { field: 'status', direction: 1 },
          { field: 'createdAt', direction: 1 },
        ],
      },
      // A member's own comments, for export and account deletion.
      {
        name: 'by_author',
        keys: [
          { field: 'authorId', direction: 1 },
          { field: 'createdAt', direction: -1 },
        ],
      },
    ],
  },
  // Who revealed which listing's contact, when: one document per (viewer, listing, China day). The poster
  // reads it (「谁看过我的联系方式」); the retention job deletes it after 180 days.
  contact_reveals: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_poster',
        keys: [
          { field: 'posterId', direction: 1 },
          { field: 'at', direction: -1 },
        ],
      },
      {
        name: 'by_listing',
        keys: [
          { field: 'listingId', direction: 1 },
          { field: 'at', direction: -1 },
        ],
      },
      {
        name: 'by_viewer_day',
        keys: [
          { field: 'viewerId', direction: 1 },
          { field: 'day', direction: 1 },
        ],
      },
      RETENTION_INDEX,
    ],
  },
  // Fixed-window quotas (reveals per day, comments per hour, SMS budgets), one document per (kind, subject,
  // window), claimed by compare-and-set so concurrent requests cannot overshoot. Read by id only.
  rate_counters: {
    clientRule: ADMIN_ONLY,
    indexes: [RETENTION_INDEX],
  },
  reports: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_reporter',
        keys: [
          { field: 'reporterId', direction: 1 },
          { field: 'createdAt', direction: -1 },
        ],
      },
      {
        name: 'by_reporter_target',
        keys: [
          { field: 'reporterId', direction: 1 },
          { field: 'targetId', direction: 1 },
          { field: 'createdAt', direction: -1 },
        ],
      },
      // The moderation queue.
      {
        name: 'by_status',
        keys: [
          { field: 'status', direction: 1 },
          { field: 'createdAt', direction: 1 },
        ],
      },
    ],
  },
}
