import { definePersonalData, platformData, SYSTEM } from '../common/personal-data'
import { ADMIN_ONLY, RETENTION_INDEX, type CollectionSpec } from '../../ports/collection-spec'

/**
 * The collections the moderation domain owns: it alone writes them, and other domains reach their data only
 * through what this domain exports. collections.ts merges every domain's declarations.
 */
export const Collections = {
  rules: 'moderation_rules',
  decisions: 'moderation_decisions',
  appeals: 'moderation_appeals',
  claims: 'moderation_claims',
  auditLog: 'audit_log',
  refs: 'moderation_refs',
} as const

/** How long the audit log keeps an entry (it names no person, only pseudonymous references and ids). */
export const AUDIT_RETENTION_DAYS = 3 * 365

export const collectionSpecs: Record<(typeof Collections)[keyof typeof Collections], CollectionSpec> = {
  moderation_rules: {
    clientRule: ADMIN_ONLY,
    indexes: [{ name: 'by_order', keys: [{ field: 'order', direction: 1 }] }],
  },
  moderation_decisions: {
    clientRule: ADMIN_ONLY,
    indexes: [
      // 处理记录 (a member's decisions) and the poster's history beside a queue item.
      {
        name: 'by_subject',
        keys: [
          { field: 'subjectUserId', direction: 1 },
          { field: 'at', direction: -1 },
        ],
      },
      // The dashboard's decisions per moderator over its days.
      { name: 'by_at', keys: [{ field: 'at', direction: 1 }] },
    ],
  },
  moderation_appeals: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_status',
        keys: [
          { field: 'status', direction: 1 },
          { field: 'createdAt', direction: 1 },
        ],
      },
    ],
  },
  // One document per claimed item (id from the target), gone when decided or when the claim has lapsed.
  moderation_claims: { clientRule: ADMIN_ONLY, indexes: [RETENTION_INDEX] },
  audit_log: {
    clientRule: ADMIN_ONLY,
    indexes: [
      { name: 'by_at', keys: [{ field: 'at', direction: -1 }] },
      {
        name: 'by_action',
        keys: [
          { field: 'action', direction: 1 },
          { field: 'at', direction: -1 },
        ],
      },
      {
        name: 'by_target',
        keys: [
          { field: 'targetId', direction: 1 },
          { field: 'at', direction: -1 },
        ],
      },
      RETENTION_INDEX,
    ],
  },
  // A member's pseudonymous reference in moderation records (id = user id): deleting it cuts the link.
  moderation_refs: { clientRule: ADMIN_ONLY, indexes: [{ name: 'by_ref', keys: [{ field: 'ref', direction: 1 }] }] },
}

/** What each collection holds, for whom and why (common/personal-data.ts); merged into the data inventory. */
export const moderationPersonalData = definePersonalData([
  {
    collection: Collections.decisions,
    category: 'interaction',
    about: '处理记录：平台对你的内容或账号作出的审核和处罚决定、所依据的规则和事实说明',
    purpose: '向你说明处理结果和理由，并让你可以申诉',
    basis: 'legal-duty',
    retention: { kind: 'account' },
    owners: ['subjectUserId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      subjectUserId: { label: '被处理的账号', export: 'member' },
      targetKind: { label: '处理对象类型', personal: false },
      targetId: { label: '处理对象编号' },
      decision: { label: '处理结果' },
      penaltyKind: { label: '处罚类型' },
      penaltyEndsAt: { label: '处罚结束时间' },
      ruleId: { label: '所依据的规则' },
      note: { label: '事实说明' },
      decidedBy: { label: '由人工或系统作出', personal: false },
      moderatorRef: { label: '审核员的匿名编号', personal: false, export: 'omit' },
      at: { label: '处理时间' },
      appealableUntil: { label: '申诉截止时间' },
    },
  },
  {
    collection: Collections.appeals,
    category: 'interaction',
    about: '申诉：你对处理决定提出的申诉理由和申诉结果',
    purpose: '由另一位审核员复核原处理，并告诉你结果',
    basis: 'legal-duty',
    retention: { kind: 'account' },
    owners: ['appellantId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      appellantId: { label: '申诉人', export: 'member' },
      decisionId: { label: '申诉的处理编号' },
      text: { label: '申诉理由' },
      status: { label: '申诉状态', personal: false },
      createdAt: { label: '申诉时间' },
      decidedAt: { label: '复核时间' },
      moderatorRef: { label: '复核审核员的匿名编号', personal: false, export: 'omit' },
      note: { label: '复核说明' },
    },
  },
  {
    collection: Collections.refs,
    category: 'account',
    about: '审核记录中的匿名编号：你的账号在审核日志中的代号',
    purpose: '审核日志只记代号不记账号；注销时删除代号，日志便不再指向你',
    basis: 'legal-duty',
    retention: { kind: 'account' },
    owners: ['_id'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: { label: '用户编号', export: 'member' },
      ref: { label: '匿名编号' },
      createdAt: { label: '生成时间' },
    },
  },
  {
    collection: Collections.auditLog,
    category: 'platform',
    about:
      '审核日志：审核员和管理员的每一次操作（操作者代号、对象编号、处理前后的状态、规则、说明和时间），不含内容本身',
    purpose: '监督审核工作，留存处理网络信息内容的记录',
    basis: 'legal-duty',
    retention: { kind: 'period', days: AUDIT_RETENTION_DAYS, then: 'delete' },
    owners: [],
    sharedWith: [],
    onDelete: {
      action: 'none',
      why: '日志只记匿名代号和对象编号，注销时删除的是代号与账号的对应关系，日志本身不再指向任何人；只追加、不修改',
    },
    fields: {
      _id: SYSTEM.id,
      actor: { label: '操作者代号', personal: false },
      action: { label: '操作', personal: false },
      targetKind: { label: '对象类型', personal: false },
      targetId: { label: '对象编号', personal: false },
      before: { label: '处理前的状态', personal: false },
      after: { label: '处理后的状态', personal: false },
      ruleId: { label: '规则', personal: false },
      note: { label: '说明', personal: false },
      at: { label: '时间', personal: false },
      retainUntil: SYSTEM.retainUntil,
    },
  },
  {
    collection: Collections.claims,
    category: 'platform',
    about: '审核认领：哪位审核员（代号）正在处理哪一项，30 分钟后失效',
    purpose: '避免两位审核员同时处理同一项',
    basis: 'none',
    retention: { kind: 'window', text: '认领失效或处理完成后删除' },
    owners: [],
    sharedWith: [],
    onDelete: { action: 'none', why: '只记审核员代号和对象编号' },
    fields: {
      _id: SYSTEM.id,
      moderatorRef: { label: '审核员代号', personal: false },
      at: { label: '认领时间', personal: false },
      retainUntil: SYSTEM.retainUntil,
    },
  },
  platformData(Collections.rules, '平台规则：编号、名称和说明，平台数据，不含个人信息', '每项不利处理引用的规则', {
    title: '名称',
    description: '说明',
    order: '排序',
  }),
])
