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
} as const
export type CollectionName = (typeof Collections)[keyof typeof Collections]

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
}
