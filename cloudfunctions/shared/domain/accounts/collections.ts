import { definePersonalData, type UnlinkedDataSpec } from '../common/personal-data'
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
    indexes: [BY_USER_NEWEST, RETENTION_INDEX],
  },
}

/** Whose records these are, and what in them is personal (common/personal-data.ts). */
export const accountsPersonalData = definePersonalData([
  {
    collection: Collections.users,
    owners: ['_id'],
    fields: [
      'phoneEnc',
      'phoneHash',
      'wechatOpenId',
      'alipayUserId',
      'nickname',
      'avatarKey',
      'avatarUrl',
      'companyName',
      'brandName',
      'age',
      'createdAt',
      'lastLoginAt',
    ],
    about: '账号：手机号（加密）、微信/支付宝标识、昵称、头像、公司与品牌、年龄确认',
  },
  {
    collection: Collections.sessions,
    owners: ['userId'],
    fields: ['platform', 'createdAt', 'expiresAt', 'revokedAt'],
    about: '登录会话：平台、登录与到期时间',
  },
  {
    collection: Collections.consentLedger,
    owners: ['userId'],
    fields: ['document', 'version', 'choice', 'at', 'platform'],
    about: '同意记录：对隐私政策、用户协议和年龄确认的每次选择',
  },
  {
    collection: Collections.securityLog,
    owners: ['userId'],
    fields: ['method', 'platform', 'clientVersion', 'ip', 'at'],
    about: '安全日志：每次登录和更换手机号的方式、平台、客户端版本、IP 地址和时间',
  },
])

/** Held under a keyed hash of the phone or of nothing personal at all; they expire on their own. */
export const accountsUnlinkedData: UnlinkedDataSpec[] = [
  {
    collection: Collections.smsCodes,
    about: '短信验证码：以手机号的密钥哈希为编号，只存验证码的哈希和次数，当天过后删除',
  },
  { collection: Collections.humanChecks, about: '已用过的人机验证：只有验证题的编号，过期后删除' },
]
