import { definePersonalData, platformData, SYSTEM, type Share } from '../common/personal-data'
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
  duplicateAttempts: 'duplicate_attempts',
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
      // 最多浏览: the feed and a category's feed by view count, ties newest first (listing-queries.ts ORDERS).
      {
        name: 'feed_by_views',
        keys: [
          { field: 'status', direction: 1 },
          { field: 'viewCount', direction: -1 },
          { field: 'publishedAt', direction: -1 },
        ],
      },
      {
        name: 'feed_by_category_views',
        keys: [
          { field: 'status', direction: 1 },
          { field: 'category', direction: 1 },
          { field: 'viewCount', direction: -1 },
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
      // Listings about to expire, for the reminder job. On the end date alone: with the status first,
      // SQLite's planner would take it for the feed (status, expiresAt > now) over feed_latest and sort.
      { name: 'by_expires', keys: [{ field: 'expiresAt', direction: 1 }] },
      // The dashboard's listings posted per day (a count per China day).
      { name: 'by_created', keys: [{ field: 'createdAt', direction: 1 }] },
      // The moderation queue of listings waiting for review, oldest first.
      {
        name: 'by_status_updated',
        keys: [
          { field: 'status', direction: 1 },
          { field: 'updatedAt', direction: 1 },
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
      // A search 最多浏览 on CloudBase; SQLite's side table is in publishing order only, so there the views
      // order walks feed_by_views and checks the terms by primary key.
      {
        name: 'search_terms_views',
        keys: [
          { field: 'terms', direction: 1 },
          { field: 'viewCount', direction: -1 },
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
  // poster's own uploads. Read by id, by owner for the upload limit, and unbound oldest first for the
  // retention job (uploads no listing took).
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
      {
        name: 'unbound',
        keys: [
          { field: 'listingId', direction: 1 },
          { field: 'createdAt', direction: 1 },
        ],
      },
      // Held images, for the moderation queue.
      {
        name: 'by_check',
        keys: [
          { field: 'check', direction: 1 },
          { field: 'createdAt', direction: 1 },
        ],
      },
      // The image a checker's verdict names (WeChat's trace_id).
      { name: 'by_check_trace', keys: [{ field: 'checkTraceId', direction: 1 }] },
    ],
  },
  // Submissions refused as a repeat within 24 hours: counted in the poster's history for moderators.
  duplicate_attempts: {
    clientRule: ADMIN_ONLY,
    indexes: [{ name: 'by_poster', keys: [{ field: 'posterId', direction: 1 }] }, RETENTION_INDEX],
  },
}

const CONTENT_CHECK: Share = {
  to: 'wechat',
  what: '在微信中发布时：标题、描述、公司、品牌等文字，以及你的微信用户标识（OpenID）',
  purpose: '内容安全检测（微信内容安全接口）',
}

const IMAGE_CHECK: Share = {
  to: 'wechat',
  what: '在微信中上传信息图片时：图片的下载地址和你的微信用户标识（OpenID）',
  purpose: '图片内容安全检测（微信内容安全接口），检测结果返回前图片暂不展示',
}

/** What each collection holds, for whom and why (common/personal-data.ts); merged into the data inventory. */
export const listingsPersonalData = definePersonalData([
  {
    collection: Collections.listings,
    category: 'content',
    about: '发布的合作信息：内容、图片、公司与品牌、地区、IP属地，以及联系人、电话、微信、QQ 和各自的公开同意',
    purpose: '向访问者展示你发布的合作信息及其 IP属地（《互联网用户账号信息管理规定》第十二条），让有意合作的人联系你',
    basis: 'contract',
    retention: { kind: 'until-removed' },
    owners: ['posterId'],
    sharedWith: [CONTENT_CHECK],
    onDelete: { action: 'delete' },
    fields: {
      _id: { label: '信息编号' },
      posterId: { label: '发布者', export: 'member' },
      category: { label: '分类' },
      title: { label: '标题' },
      description: { label: '合作需求描述' },
      province: { label: '省份' },
      city: { label: '城市' },
      company: { label: '公司名称' },
      brand: { label: '品牌名称' },
      ipRegion: { label: 'IP属地（发布或修改时网络地址所在的省份或国家，不保存地址）' },
      images: { label: '图片地址' },
      imageKeys: { label: '图片文件位置' },
      thumbnails: { label: '缩略图地址（图片的小尺寸版本，用于列表）' },
      thumbnailKeys: { label: '缩略图文件位置' },
      hiddenImages: { label: '审核中或被下架、暂不展示的图片', personal: false },
      extra: { label: '分类补充信息' },
      contact: {
        label: '联系人、电话、微信号、QQ 号及每一项的公开同意',
        category: 'contact',
        basis: 'separate-consent',
      },
      status: { label: '状态', personal: false },
      withheldFrom: { label: '注销申请前的状态（撤销注销时恢复）', personal: false },
      hiddenFrom: { label: '因举报暂时隐藏前的状态', personal: false },
      reviewReason: { label: '审核说明', personal: false },
      createdAt: { label: '创建时间' },
      updatedAt: { label: '修改时间' },
      publishedAt: { label: '发布时间' },
      refreshedAt: { label: '刷新时间' },
      validityDays: { label: '有效期（天）' },
      expiresAt: { label: '到期时间' },
      remindedFor: { label: '已提醒的到期时间', personal: false },
      viewCount: { label: '浏览次数', personal: false },
      clientRequestId: { label: '提交编号（防止重复提交）', personal: false },
      rev: SYSTEM.rev,
      terms: { label: '搜索索引（由标题、描述、公司和品牌计算）', export: 'omit' },
    },
  },
  {
    collection: Collections.listingImages,
    category: 'content',
    about: '上传的图片及其缩略图（设备生成的小尺寸版本，各为一条记录）：存储位置、地址、所属信息和上传时间',
    purpose: '保证信息只展示发布者本人上传、且已通过检测或审核的图片',
    basis: 'contract',
    retention: { kind: 'until-removed' },
    owners: ['ownerId'],
    sharedWith: [IMAGE_CHECK],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      ownerId: { label: '上传者', export: 'member' },
      key: { label: '文件位置' },
      url: { label: '图片地址' },
      listingId: { label: '所属信息' },
      createdAt: { label: '上传时间' },
      check: { label: '图片审核状态', personal: false },
      checkTraceId: { label: '图片检测任务编号（等待检测结果时）', personal: false },
      checkReason: { label: '图片待人工审核的原因', personal: false },
    },
  },
  {
    collection: Collections.duplicateAttempts,
    category: 'operations',
    about: '重复发布记录：被拒绝的重复提交的时间',
    purpose: '让审核员了解发布者是否反复发布相同信息',
    basis: 'legal-duty',
    retention: { kind: 'period', days: 180, then: 'delete' },
    owners: ['posterId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      posterId: { label: '发布者', export: 'member' },
      at: { label: '提交时间' },
      retainUntil: SYSTEM.retainUntil,
    },
  },
  platformData(Collections.categories, '分类：平台数据，不含个人信息', '发布和浏览时的分类与填写项', {
    name: '名称',
    order: '排序',
    fields: '填写项',
    extraFields: '补充填写项',
    hidden: '是否隐藏',
  }),
  {
    collection: Collections.listingViews,
    category: 'operations',
    about: '浏览计数标记：以信息、会员和日期的密钥散列为编号，不含其他内容，次日删除',
    purpose: '同一会员一天内多次浏览只计一次浏览量',
    basis: 'contract',
    retention: { kind: 'window', text: '次日删除' },
    owners: [],
    sharedWith: [],
    onDelete: { action: 'none', why: '编号是不可逆的散列，无法按人查找，次日自动删除' },
    fields: { _id: { label: '信息、会员和日期的密钥散列' }, retainUntil: SYSTEM.retainUntil },
  },
])
