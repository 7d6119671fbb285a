import { definePersonalData } from '../common/personal-data'
import { ADMIN_ONLY, type CollectionSpec } from '../../ports/collection-spec'

/**
 * The collection the cards domain owns: each member's business card (名片). Sending one is the caller's
 * domain's business (a conversation's message, a contact reveal), which keeps a snapshot of the fields chosen.
 */
export const Collections = {
  businessCards: 'business_cards',
} as const

export const collectionSpecs: Record<(typeof Collections)[keyof typeof Collections], CollectionSpec> = {
  // One per member; the id is the member's.
  business_cards: { clientRule: ADMIN_ONLY, indexes: [] },
}

/** What the collection holds, for whom and why (common/personal-data.ts); merged into the data inventory. */
export const cardsPersonalData = definePersonalData([
  {
    collection: Collections.businessCards,
    category: 'contact',
    about: '名片：你填写的姓名、公司、职务、手机号和微信号（每项可不填）',
    purpose: '在你每次选择时，把你勾选的名片项目发送给会话的另一方，或你查看其联系方式的发布者',
    basis: 'consent',
    retention: { kind: 'until-removed' },
    owners: ['_id'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: { label: '用户编号', export: 'member' },
      name: { label: '姓名' },
      company: { label: '公司' },
      title: { label: '职务' },
      phone: { label: '手机号' },
      wechat: { label: '微信号' },
      updatedAt: { label: '更新时间' },
    },
  },
])
