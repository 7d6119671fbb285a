import { definePersonalData, type UnlinkedDataSpec } from '../common/personal-data'
import { ADMIN_ONLY, RETENTION_INDEX, type CollectionSpec } from '../../ports/collection-spec'

/**
 * The collections the listings domain owns: it alone writes them, and other domains reach their data only
 * through what this domain exports. collections.ts merges every domain's declarations.
 */
export const Collections = {
  listings: 'listings',
  categories: 'categories',
  listingViews: 'listing_views',
  listingImages: 'listing_images',
} as const

export const collectionSpecs: Record<(typeof Collections)[keyof typeof Collections], CollectionSpec> = {
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
  categories: {
    clientRule: ADMIN_ONLY,
    indexes: [{ name: 'by_order', keys: [{ field: 'order', direction: 1 }] }],
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
}

/** Whose records these are, and what in them is personal (common/personal-data.ts). */
export const listingsPersonalData = definePersonalData([
  {
    collection: Collections.listings,
    owners: ['posterId'],
    fields: [
      'title',
      'description',
      'company',
      'brand',
      'images',
      'contact',
      'province',
      'city',
      'createdAt',
      'publishedAt',
    ],
    about: '发布的合作信息：内容、图片、公司与品牌、地区，以及联系人、电话、微信、QQ 和各自的公开同意',
  },
  {
    collection: Collections.listingImages,
    owners: ['ownerId'],
    fields: ['key', 'url', 'createdAt'],
    about: '上传的图片：存储位置和上传时间',
  },
])

export const listingsUnlinkedData: UnlinkedDataSpec[] = [
  { collection: Collections.categories, about: '分类：平台数据，不含个人信息' },
  { collection: Collections.listingViews, about: '浏览计数标记：以信息、会员和日期的密钥哈希为编号，次日删除' },
]
