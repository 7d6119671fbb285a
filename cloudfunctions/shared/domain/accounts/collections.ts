import { definePersonalData, platformData, SYSTEM } from '../common/personal-data'
import { SMS_PURPOSES, smsCodeIdOf } from './sms-code-ids'
import { ADMIN_ONLY, RETENTION_INDEX, type CollectionSpec, type IndexSpec } from '../../ports/collection-spec'

/**
 * The collections the accounts domain owns: it alone writes them, and other domains reach their data only
 * through what this domain exports. collections.ts merges every domain's declarations.
 */
export const Collections = {
  users: 'users',
  sessions: 'sessions',
  smsCodes: 'sms_codes',
  humanChecks: 'human_checks',
  consentLedger: 'consent_ledger',
  securityLog: 'security_log',
  moderatorRoles: 'moderator_roles',
  penalties: 'penalties',
  policyPublications: 'policy_publications',
} as const

/** A member's records newest first (the consent ledger, the security log). */
const BY_USER_NEWEST: IndexSpec = {
  name: 'by_user',
  keys: [
    { field: 'userId', direction: 1 },
    { field: 'at', direction: -1 },
  ],
}

export const collectionSpecs: Record<(typeof Collections)[keyof typeof Collections], CollectionSpec> = {
  // Accounts: all personal data, reached only through the auth function.
  users: {
    clientRule: ADMIN_ONLY,
    indexes: [
      // One account per phone number; the keyed hash finds it without decrypting anything.
      { name: 'by_phone_hash', keys: [{ field: 'phoneHash', direction: 1 }], unique: true },
      // Not unique: a user without a WeChat or Alipay identity has none, and a unique index would allow
      // only one such user on CloudBase (missing counts as null there).
      { name: 'by_wechat_openid', keys: [{ field: 'wechatOpenId', direction: 1 }] },
      { name: 'by_alipay_user_id', keys: [{ field: 'alipayUserId', direction: 1 }] },
    ],
  },
  sessions: {
    clientRule: ADMIN_ONLY,
    indexes: [{ name: 'by_user', keys: [{ field: 'userId', direction: 1 }] }, RETENTION_INDEX],
  },
  // One document per phone and purpose (id from the phone's keyed hash): the current code, hashed, and the counters
  // that limit sending and guessing. Read by id, so only the retention job needs an index.
  sms_codes: {
    clientRule: ADMIN_ONLY,
    indexes: [RETENTION_INDEX],
  },
  // Human checks already used to send an SMS code (id derived from the challenge's signature; no other
  // field), so a solved challenge cannot be replayed; deleted once the challenge has expired.
  human_checks: {
    clientRule: ADMIN_ONLY,
    indexes: [RETENTION_INDEX],
  },
  consent_ledger: {
    clientRule: ADMIN_ONLY,
    indexes: [BY_USER_NEWEST],
  },
  security_log: {
    clientRule: ADMIN_ONLY,
    indexes: [
      BY_USER_NEWEST,
      RETENTION_INDEX,
      // The dashboard's logins per day and platform.
      {
        name: 'by_event_at',
        keys: [
          { field: 'event', direction: 1 },
          { field: 'at', direction: 1 },
        ],
      },
    ],
  },
  // One document per published policy version (id = document@version), newest by publishedAt.
  policy_publications: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_document',
        keys: [
          { field: 'document', direction: 1 },
          { field: 'publishedAt', direction: -1 },
        ],
      },
    ],
  },
  // One document per member with a role (id = user id), read by id when resolving a caller.
  moderator_roles: { clientRule: ADMIN_ONLY, indexes: [] },
  penalties: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_user',
        keys: [
          { field: 'userId', direction: 1 },
          { field: 'startsAt', direction: -1 },
        ],
      },
      // The public 处罚公示 (account bans not lifted, newest first).
      {
        name: 'by_kind',
        keys: [
          { field: 'kind', direction: 1 },
          { field: 'liftedAt', direction: 1 },
          { field: 'startsAt', direction: -1 },
        ],
      },
    ],
  },
}

const CONTENT_OF_CALL = '登录时的一次性凭证（微信手机号授权码、登录凭证）'

/** What each collection holds, for whom and why (common/personal-data.ts); merged into the data inventory. */
export const accountsPersonalData = definePersonalData([
  {
    collection: Collections.users,
    category: 'account',
    about: '账号：手机号（加密）、微信/支付宝用户标识、个人资料、年龄确认和最近一次发布的 IP属地',
    purpose:
      '注册和登录账号，把你的发布、收藏、评论和查看记录归到你的账号下，并在发布者名片上展示你最近一次发布的 IP属地',
    basis: 'contract',
    retention: { kind: 'account' },
    owners: ['_id'],
    sharedWith: [
      {
        to: 'wechat',
        what: `${CONTENT_OF_CALL}，换回你授权的手机号和用户标识（OpenID）`,
        purpose: '微信中手机号快捷登录',
      },
      { to: 'alipay', what: '授权码和加密的手机号授权结果，换回用户标识和手机号', purpose: '支付宝中手机号登录' },
    ],
    onDelete: { action: 'delete' },
    fields: {
      _id: { label: '用户编号' },
      phoneEnc: { label: '手机号（加密保存）', export: 'phone' },
      phoneHash: { label: '手机号的密钥散列（用于查找账号）', export: 'omit' },
      wechatOpenId: { label: '微信用户标识（OpenID）' },
      alipayUserId: { label: '支付宝用户标识' },
      nickname: { label: '昵称', category: 'profile' },
      avatarKey: { label: '头像文件位置', category: 'profile' },
      avatarUrl: { label: '头像地址', category: 'profile' },
      companyName: { label: '公司名称', category: 'profile' },
      brandName: { label: '品牌名称', category: 'profile' },
      age: { label: '年龄确认（已满 14 周岁 / 监护人同意）' },
      createdAt: { label: '注册时间' },
      updatedAt: { label: '资料修改时间', category: 'profile' },
      lastLoginAt: { label: '最近登录时间' },
      ipRegion: { label: 'IP属地（最近一次发布或评论时网络地址所在的省份或国家，不保存地址）', category: 'profile' },
    },
  },
  {
    collection: Collections.sessions,
    category: 'security',
    about: '登录会话：所用平台、登录、到期和退出时间',
    purpose: '让你保持登录，并能在退出或注销时让登录凭证失效',
    basis: 'contract',
    retention: { kind: 'window', text: '登录凭证到期（30 天）后删除' },
    owners: ['userId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: { label: '会话编号（登录凭证还需服务器的签名，单凭编号无法登录）' },
      userId: { label: '用户编号', export: 'member' },
      platform: { label: '平台' },
      createdAt: { label: '登录时间' },
      expiresAt: { label: '到期时间' },
      revokedAt: { label: '退出时间' },
      retainUntil: SYSTEM.retainUntil,
    },
  },
  {
    collection: Collections.consentLedger,
    category: 'consent',
    about: '同意记录：对隐私政策、用户协议和年龄确认的每次选择',
    purpose: '证明你何时对哪个版本作出了什么选择',
    basis: 'legal-duty',
    retention: { kind: 'account' },
    owners: ['userId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      userId: { label: '用户编号', export: 'member' },
      document: { label: '文件' },
      version: { label: '版本' },
      choice: { label: '选择' },
      at: { label: '作出选择的时间' },
      recordedAt: { label: '记录到账号的时间' },
      platform: { label: '平台' },
      source: { label: '来源（设备上作出 / 登录后作出）', personal: false },
    },
  },
  {
    collection: Collections.securityLog,
    category: 'security',
    about: '安全日志：每次登录和更换手机号的方式、平台、客户端版本、网络地址（只留前三段）和时间',
    purpose: '保障账号安全，发现和处置异常登录',
    basis: 'legal-duty',
    // Six months with the person (Cybersecurity Law Art. 21); then without them, for counting logins by
    // platform and version, and deleted at a year.
    retention: { kind: 'period', days: 180, then: 'anonymise', anonymise: ['userId', 'ip'], deleteAtDays: 365 },
    owners: ['userId'],
    sharedWith: [],
    onDelete: {
      action: 'anonymise',
      fields: ['userId'],
      why: '《网络安全法》第二十一条要求网络日志留存不少于六个月：注销后只保留不再指向你的记录，期满删除',
    },
    fields: {
      _id: SYSTEM.id,
      userId: { label: '用户编号', export: 'member' },
      event: { label: '事件' },
      method: { label: '验证方式' },
      platform: { label: '平台' },
      clientVersion: { label: '客户端版本' },
      ip: { label: '网络地址（只保留前三段）' },
      at: { label: '时间' },
      retainUntil: SYSTEM.retainUntil,
    },
  },
  {
    collection: Collections.smsCodes,
    category: 'security',
    about: '短信验证码：以手机号的密钥散列为编号，只存验证码的散列和发送、输错次数',
    purpose: '验证你对手机号的控制，限制发送和猜测次数',
    basis: 'contract',
    retention: { kind: 'window', text: '验证码 5 分钟内有效，当天过后删除' },
    owners: [],
    // One document per purpose, its id derived from the phone's keyed hash.
    idsOf: ({ phoneHash }) => (phoneHash ? SMS_PURPOSES.map((purpose) => smsCodeIdOf(phoneHash, purpose)) : []),
    sharedWith: [{ to: 'tencent-sms', what: '手机号和验证码短信内容', purpose: '向你的手机发送登录验证码' }],
    onDelete: { action: 'delete' },
    fields: {
      _id: { label: '手机号的密钥散列', export: 'omit' },
      codeHash: { label: '验证码的散列', export: 'omit' },
      sentAt: { label: '发送时间' },
      expiresAt: { label: '失效时间' },
      wrongAttempts: { label: '输错次数' },
      day: { label: '计数日期' },
      sentToday: { label: '当天发送次数' },
      usedAt: { label: '使用时间' },
      rev: SYSTEM.rev,
      retainUntil: SYSTEM.retainUntil,
    },
  },
  {
    collection: Collections.humanChecks,
    category: 'platform',
    about: '已用过的人机验证：只有验证题的编号，过期后删除',
    purpose: '防止同一道人机验证被重复用来发送短信',
    basis: 'none',
    retention: { kind: 'window', text: '验证题过期（10 分钟）后删除' },
    owners: [],
    sharedWith: [],
    onDelete: { action: 'none', why: '不指向任何人' },
    fields: { _id: SYSTEM.id, retainUntil: SYSTEM.retainUntil },
  },
  {
    collection: Collections.moderatorRoles,
    category: 'account',
    about: '审核权限：担任审核员或管理员的账号及授予时间',
    purpose: '只让被授权的人处理举报和审核内容',
    basis: 'contract',
    retention: { kind: 'account' },
    owners: ['_id'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: { label: '用户编号', export: 'member' },
      role: { label: '角色（审核员 / 管理员）' },
      grantedAt: { label: '授予时间' },
    },
  },
  {
    collection: Collections.penalties,
    category: 'account',
    about: '处罚记录：账号受到的警告、限制和封禁，所依据的规则和期限',
    purpose: '在处罚期间限制相应的操作，并在「处理记录」中告诉你原因和申诉方式',
    basis: 'legal-duty',
    retention: { kind: 'account' },
    owners: ['userId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      userId: { label: '受处罚的账号', export: 'member' },
      kind: { label: '处罚类型' },
      ruleId: { label: '所依据的规则' },
      decisionId: { label: '处理编号' },
      startsAt: { label: '开始时间' },
      endsAt: { label: '结束时间' },
      liftedAt: { label: '因申诉成立而解除的时间' },
    },
  },
  platformData(
    Collections.policyPublications,
    '政策版本发布记录：哪份文件的哪个版本何时开始要求同意，当时的更新说明；发布者只记在审核日志中',
    '确定登录须同意的隐私政策和用户协议版本',
    {
      document: '文件',
      version: '版本',
      summary: '更新说明',
      publishedAt: '发布时间',
      publishedBy: '发布方式（首次启动 / 管理员）',
    },
  ),
])
