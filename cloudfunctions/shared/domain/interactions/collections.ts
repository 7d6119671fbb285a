import { definePersonalData } from '../common/personal-data'
import { ADMIN_ONLY, RETENTION_INDEX, type CollectionSpec } from '../../ports/collection-spec'

/**
 * The collections the interactions domain owns: it alone writes them, and other domains reach their data only
 * through what this domain exports. collections.ts merges every domain's declarations.
 */
export const Collections = {
  favourites: 'favourites',
  comments: 'comments',
  contactReveals: 'contact_reveals',
  reports: 'reports',
} as const

export const collectionSpecs: Record<(typeof Collections)[keyof typeof Collections], CollectionSpec> = {
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

/** Whose records these are, and what in them is personal (common/personal-data.ts). */
export const interactionsPersonalData = definePersonalData([
  {
    collection: Collections.favourites,
    owners: ['userId'],
    fields: ['listingId', 'title', 'createdAt'],
    about: '收藏：收藏的信息和时间',
  },
  {
    collection: Collections.comments,
    owners: ['authorId'],
    fields: ['listingId', 'content', 'createdAt'],
    about: '评论：评论内容和时间',
  },
  {
    collection: Collections.contactReveals,
    // The viewer's record of whom they looked up, and the poster's record of who looked at them.
    owners: ['viewerId', 'posterId'],
    fields: ['listingId', 'listingTitle', 'viewerId', 'posterId', 'at'],
    about: '查看联系方式记录：谁在何时查看了哪条信息的联系方式',
  },
  {
    collection: Collections.reports,
    owners: ['reporterId'],
    fields: ['targetType', 'targetId', 'targetSummary', 'reason', 'note', 'createdAt'],
    about: '举报：举报的对象、原因、说明和处理状态',
  },
])
