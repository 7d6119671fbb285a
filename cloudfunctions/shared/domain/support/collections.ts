import { definePersonalData, SYSTEM } from '../common/personal-data'
import { ADMIN_ONLY, RETENTION_INDEX, type CollectionSpec } from '../../ports/collection-spec'

/** The collection the support domain owns: feedback, complaints and privacy requests, with their answers. */
export const Collections = {
  supportRequests: 'support_requests',
} as const

/** Requests (and their answers) are kept this long from receipt, then deleted by the retention job. */
export const REQUEST_RETENTION_DAYS = 3 * 365

export const collectionSpecs: Record<(typeof Collections)[keyof typeof Collections], CollectionSpec> = {
  support_requests: {
    clientRule: ADMIN_ONLY,
    indexes: [
      // 我的请求, newest first.
      {
        name: 'by_user',
        keys: [
          { field: 'userId', direction: 1 },
          { field: 'createdAt', direction: -1 },
        ],
      },
      // The operators' queue: one state, the earliest due first.
      {
        name: 'by_state_due',
        keys: [
          { field: 'state', direction: 1 },
          { field: 'dueAt', direction: 1 },
        ],
      },
      RETENTION_INDEX,
    ],
  },
}

/** What each collection holds, for whom and why (common/personal-data.ts); merged into the data inventory. */
export const supportPersonalData = definePersonalData([
  {
    collection: Collections.supportRequests,
    category: 'interaction',
    about: '意见反馈、投诉和隐私请求：你写的内容、留下的联系方式、处理状态和我们的答复',
    purpose: '处理你的反馈、投诉和行使个人信息权利的请求，并在期限内答复你',
    basis: 'legal-duty',
    retention: { kind: 'period', days: REQUEST_RETENTION_DAYS, then: 'delete' },
    owners: ['userId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      userId: { label: '提交者（未登录时为空）', export: 'member' },
      kind: { label: '类型（意见反馈 / 投诉 / 隐私请求）', personal: false },
      topic: { label: '隐私请求事项（查阅 / 更正 / 删除 / 撤回同意 / 其他）', personal: false },
      text: { label: '你写的内容' },
      contact: { label: '你留下的联系方式', category: 'contact' },
      platform: { label: '提交时使用的平台', personal: false },
      createdAt: { label: '提交时间' },
      dueAt: { label: '答复期限' },
      dueEstimated: { label: '答复期限是否按未公布的节假日安排估算', personal: false },
      state: { label: '状态（处理中 / 已答复 / 已拒绝）', personal: false },
      answer: { label: '我们的答复' },
      reason: { label: '拒绝的理由' },
      answeredAt: { label: '答复时间' },
      answeredBy: { label: '答复的审核人员（匿名代号）', personal: false },
      retainUntil: SYSTEM.retainUntil,
    },
  },
])
