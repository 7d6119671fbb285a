import { definePersonalData, SYSTEM } from '../common/personal-data'
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
      // The dashboard's reveals per day.
      { name: 'by_at', keys: [{ field: 'at', direction: 1 }] },
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
      // The open reports of one target: the moderation queue groups them, the threshold counts them.
      {
        name: 'by_target_status',
        keys: [
          { field: 'targetId', direction: 1 },
          { field: 'status', direction: 1 },
          { field: 'createdAt', direction: 1 },
        ],
      },
      // Reports about one member's content, cut from them when the account is purged.
      { name: 'by_target_owner', keys: [{ field: 'targetOwnerId', direction: 1 }] },
      // The dashboard's reports per day and reason (a count per China day).
      { name: 'by_created', keys: [{ field: 'createdAt', direction: 1 }] },
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

/** What each collection holds, for whom and why (common/personal-data.ts); merged into the data inventory. */
export const interactionsPersonalData = definePersonalData([
  {
    collection: Collections.favourites,
    category: 'interaction',
    about: '收藏：收藏的信息、当时的标题和收藏时间',
    purpose: '让你在「我的收藏」中找回感兴趣的信息',
    basis: 'contract',
    retention: { kind: 'until-removed' },
    owners: ['userId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      userId: { label: '收藏者', export: 'member' },
      listingId: { label: '信息编号' },
      title: { label: '收藏时的标题' },
      createdAt: { label: '收藏时间' },
    },
  },
  {
    collection: Collections.comments,
    category: 'interaction',
    about: '评论：评论的信息、内容、IP属地和时间',
    purpose: '在信息下展示你的评论及其 IP属地',
    basis: 'contract',
    retention: { kind: 'until-removed' },
    owners: ['authorId'],
    sharedWith: [
      {
        to: 'wechat',
        what: '在微信中评论时：评论内容和你的微信用户标识（OpenID）',
        purpose: '内容安全检测（微信内容安全接口）',
      },
    ],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      authorId: { label: '评论者', export: 'member' },
      listingId: { label: '信息编号' },
      content: { label: '评论内容' },
      ipRegion: { label: 'IP属地（评论时网络地址所在的省份或国家，不保存地址）' },
      status: { label: '状态（展示 / 待审核 / 因举报隐藏 / 被平台删除）', personal: false },
      createdAt: { label: '评论时间' },
    },
  },
  {
    collection: Collections.contactReveals,
    category: 'interaction',
    about: '查看联系方式记录：谁在何时查看了哪条信息的联系方式，以及查看者选择一并发送的名片项目',
    purpose: '防止骚扰和恶意抓取联系方式，并让发布者知道谁查看过自己的联系方式、收到查看者选择发送的名片',
    basis: 'contract',
    retention: { kind: 'period', days: 180, then: 'delete' },
    // The viewer's record of whom they looked up, and the poster's record of who looked at them.
    owners: ['viewerId', 'posterId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      viewerId: { label: '查看者', export: 'member' },
      posterId: { label: '发布者', export: 'member' },
      listingId: { label: '信息编号' },
      listingTitle: { label: '信息标题' },
      day: { label: '查看日期' },
      at: { label: '查看时间' },
      card: { label: '查看时一并发给发布者的名片（仅查看者勾选的项目）', category: 'contact', basis: 'consent' },
      cardSeenAt: { label: '发布者看到名片的时间' },
      retainUntil: SYSTEM.retainUntil,
    },
  },
  {
    collection: Collections.reports,
    category: 'interaction',
    about: '举报：举报的对象、原因、说明和处理结果',
    purpose: '处理你举报的违规内容，并告诉你处理进度',
    basis: 'legal-duty',
    retention: { kind: 'until-removed' },
    owners: ['reporterId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      reporterId: { label: '举报者', export: 'member' },
      targetType: { label: '举报对象类型' },
      targetId: { label: '举报对象编号' },
      listingId: { label: '所在信息' },
      targetOwnerId: { label: '被举报内容的发布者', export: 'member' },
      targetSummary: { label: '被举报内容摘要' },
      reason: { label: '举报原因' },
      note: { label: '举报说明' },
      status: { label: '处理状态', personal: false },
      outcome: { label: '处理结果' },
      createdAt: { label: '举报时间' },
      updatedAt: { label: '更新时间' },
    },
  },
])
