import { Collections as accountCollections, collectionSpecs as accountSpecs } from './domain/accounts/collections'
import { Collections as cardCollections, collectionSpecs as cardSpecs } from './domain/cards/collections'
import { Collections as commonCollections, collectionSpecs as commonSpecs } from './domain/common/collections'
import {
  Collections as interactionCollections,
  collectionSpecs as interactionSpecs,
} from './domain/interactions/collections'
import { Collections as listingCollections, collectionSpecs as listingSpecs } from './domain/listings/collections'
import {
  Collections as moderationCollections,
  collectionSpecs as moderationSpecs,
} from './domain/moderation/collections'
import { Collections as messageCollections, collectionSpecs as messageSpecs } from './domain/messages/collections'
import { Collections as noticeCollections, collectionSpecs as noticeSpecs } from './domain/notices/collections'
import { Collections as privacyCollections, collectionSpecs as privacySpecs } from './domain/privacy/collections'
import { Collections as supportCollections, collectionSpecs as supportSpecs } from './domain/support/collections'
import type { CollectionSpec } from './ports/collection-spec'

export type { ClientRule, CollectionSpec, IndexKey, IndexSpec, MultiKeySpec } from './ports/collection-spec'

/**
 * Every collection the back end stores, with its indexes and its CloudBase client-access rule: the merge
 * of what each domain declares next to its code (domain/<name>/collections.ts), for the parts that serve
 * every collection alike. The SQLite driver creates tables and expression indexes from this;
 * scripts/cloudbase-setup.ts creates the CloudBase collections, indexes and security rules from it. The
 * domain never imports this file: each domain names only its own collections (a dependency rule).
 */
export const Collections = {
  ...listingCollections,
  ...accountCollections,
  ...interactionCollections,
  ...commonCollections,
  ...privacyCollections,
  ...moderationCollections,
  ...noticeCollections,
  ...messageCollections,
  ...supportCollections,
  ...cardCollections,
} as const
export type CollectionName = (typeof Collections)[keyof typeof Collections]

export const collectionSpecs: Record<CollectionName, CollectionSpec> = {
  ...listingSpecs,
  ...accountSpecs,
  ...interactionSpecs,
  ...commonSpecs,
  ...privacySpecs,
  ...moderationSpecs,
  ...noticeSpecs,
  ...messageSpecs,
  ...supportSpecs,
  ...cardSpecs,
}
