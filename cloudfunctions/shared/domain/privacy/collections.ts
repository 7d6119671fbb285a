import { definePersonalData, SYSTEM } from '../common/personal-data'
import { ADMIN_ONLY, RETENTION_INDEX, type CollectionSpec } from '../../ports/collection-spec'

/**
 * The collections the privacy domain owns: pending account deletions (the purge's queue and progress
 * marker) and the receipts of finished ones. collections.ts merges every domain's declarations.
 */
export const Collections = {
  accountDeletions: 'account_deletions',
  deletionReceipts: 'deletion_receipts',
} as const

export const collectionSpecs: Record<(typeof Collections)[keyof typeof Collections], CollectionSpec> = {
  // One document per member who asked to cancel their account (its id is the member's id).
  account_deletions: {
    clientRule: ADMIN_ONLY,
    indexes: [{ name: 'by_purge_at', keys: [{ field: 'purgeAt', direction: 1 }] }],
  },
  // What a finished deletion removed and kept, without anything that names the person.
  deletion_receipts: {
    clientRule: ADMIN_ONLY,
    indexes: [RETENTION_INDEX],
  },
}

/** Receipts are kept this long, to answer a regulator or the former member quoting the receipt id. */
export const RECEIPT_RETENTION_DAYS = 3 * 365

export const privacyPersonalData = definePersonalData([
  {
    collection: Collections.accountDeletions,
    category: 'account',
    about: '注销申请：申请时间、计划删除时间、验证方式和删除进度',
    purpose: '在冷静期结束后删除你的账号，冷静期内可以撤销',
    basis: 'legal-duty',
    retention: { kind: 'process', text: '删除完成或撤销申请时删除' },
    owners: ['_id'],
    sharedWith: [],
    // The purge's own progress marker: it removes the request itself once the receipt is written.
    onDelete: { action: 'none', why: '删除完成、写入回执后由删除流程移除' },
    fields: {
      _id: { label: '用户编号' },
      requestedAt: { label: '申请时间' },
      purgeAt: { label: '计划删除时间' },
      method: { label: '验证方式' },
      receiptId: { label: '删除回执编号' },
      phoneHash: { label: '手机号的密钥散列（删除进行中用于找到验证码记录）', export: 'omit' },
      step: { label: '删除进度', personal: false },
      removed: { label: '已删除的记录数', personal: false },
      startedAt: { label: '开始删除时间', personal: false },
      cancelledAt: { label: '撤销时间', personal: false },
    },
  },
  {
    collection: Collections.deletionReceipts,
    category: 'platform',
    about: '删除回执：删除了哪些类别的多少条记录、保留了什么及保留到何时，不含任何能识别你的信息',
    purpose: '证明账号已按要求删除',
    basis: 'none',
    retention: { kind: 'window', text: `保存 ${RECEIPT_RETENTION_DAYS / 365} 年` },
    owners: [],
    sharedWith: [],
    onDelete: { action: 'none', why: '不指向任何人' },
    fields: {
      _id: { label: '回执编号', personal: false },
      requestedAt: { label: '申请时间', personal: false },
      completedAt: { label: '完成时间', personal: false },
      removed: { label: '各类别删除的记录数', personal: false },
      kept: { label: '保留的记录及保留期限', personal: false },
      retainUntil: SYSTEM.retainUntil,
    },
  },
])
