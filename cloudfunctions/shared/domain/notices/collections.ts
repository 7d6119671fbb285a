import { definePersonalData, platformData, SYSTEM } from '../common/personal-data'
import { ADMIN_ONLY, type CollectionSpec } from '../../ports/collection-spec'

/**
 * The collections the notices domain owns: it alone writes them, and other domains reach their data only
 * through what this domain exports. collections.ts merges every domain's declarations.
 */
export const Collections = {
  notices: 'notices',
  preferences: 'notice_preferences',
  broadcasts: 'broadcasts',
} as const

export const collectionSpecs: Record<(typeof Collections)[keyof typeof Collections], CollectionSpec> = {
  notices: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_user',
        keys: [
          { field: 'userId', direction: 1 },
          { field: 'createdAt', direction: -1 },
        ],
      },
      {
        name: 'by_user_unread',
        keys: [
          { field: 'userId', direction: 1 },
          { field: 'readAt', direction: 1 },
        ],
      },
    ],
  },
  // One document per member who changed a preference or received a broadcast (id = user id).
  notice_preferences: { clientRule: ADMIN_ONLY, indexes: [] },
  broadcasts: {
    clientRule: ADMIN_ONLY,
    indexes: [{ name: 'by_created', keys: [{ field: 'createdAt', direction: 1 }] }],
  },
}

/** What each collection holds, for whom and why (common/personal-data.ts); merged into the data inventory. */
export const noticesPersonalData = definePersonalData([
  {
    collection: Collections.notices,
    category: 'interaction',
    about: '站内通知：发给你的审核结果、处罚、申诉和举报处理结果、评论、到期提醒、公告和安全事件告知',
    purpose: '告诉你与你的内容和账号有关的处理结果、理由和申诉方式',
    basis: 'contract',
    retention: { kind: 'until-removed' },
    owners: ['userId'],
    sharedWith: [
      {
        to: 'wechat',
        what: '你在微信中同意接收订阅消息时：通知的标题和摘要、你的微信用户标识（OpenID）',
        purpose: '发送微信订阅消息',
      },
    ],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      userId: { label: '接收者', export: 'member' },
      kind: { label: '通知类型', personal: false },
      title: { label: '标题' },
      body: { label: '内容' },
      targetKind: { label: '相关内容的类型', personal: false },
      targetId: { label: '相关内容的编号' },
      decisionId: { label: '相关处理编号' },
      ruleId: { label: '处理所依据的规则编号', personal: false },
      ruleTitle: { label: '处理所依据的规则名称', personal: false },
      service: { label: '是否为不可关闭的服务通知', personal: false },
      renewListingId: { label: '可一键续期的信息' },
      broadcastId: { label: '来自哪条公告', personal: false },
      createdAt: { label: '发送时间' },
      readAt: { label: '阅读时间' },
    },
  },
  {
    collection: Collections.preferences,
    category: 'interaction',
    about: '通知设置：你关闭的通知类型，以及已收到的公告的时间点',
    purpose: '按你的选择不再发送可关闭的通知',
    basis: 'contract',
    retention: { kind: 'account' },
    owners: ['_id'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: { label: '用户编号', export: 'member' },
      disabled: { label: '关闭的通知类型' },
      broadcastsUntil: { label: '已收到的公告截至', personal: false },
      pushes: { label: '同意接收的微信订阅消息（每种通知剩余的条数）' },
      rev: SYSTEM.rev,
    },
  },
  platformData(
    Collections.broadcasts,
    '公告：发给所有用户的公告和安全事件告知，平台数据，不含个人信息',
    '向所有用户发布公告',
    {
      kind: '类型',
      service: '是否为服务通知',
      title: '标题',
      body: '正文',
      createdAt: '发布时间',
    },
  ),
])
