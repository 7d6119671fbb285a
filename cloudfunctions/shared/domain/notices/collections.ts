import { definePersonalData, SYSTEM } from '../common/personal-data'
import { ADMIN_ONLY, type CollectionSpec } from '../../ports/collection-spec'

/**
 * The collections the notices domain owns: it alone writes them, and other domains reach their data only
 * through what this domain exports. collections.ts merges every domain's declarations.
 */
export const Collections = {
  notices: 'notices',
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
}

/** What each collection holds, for whom and why (common/personal-data.ts); merged into the data inventory. */
export const noticesPersonalData = definePersonalData([
  {
    collection: Collections.notices,
    category: 'interaction',
    about: '站内通知：发给你的审核结果、处罚、申诉和举报处理结果等通知',
    purpose: '告诉你与你的内容和账号有关的处理结果、理由和申诉方式',
    basis: 'contract',
    retention: { kind: 'until-removed' },
    owners: ['userId'],
    sharedWith: [],
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
      createdAt: { label: '发送时间' },
      readAt: { label: '阅读时间' },
    },
  },
])
