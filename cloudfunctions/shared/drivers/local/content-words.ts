/**
 * The local content checker's default word lists (drivers/local/local-content-rules.ts). A sensible floor
 * for a B2B cooperation board, not a complete list: operators add words with the CONTENT_BLOCKLIST (reject)
 * and CONTENT_REVIEWLIST (hold for review) environment variables. Matching ignores case, width, spaces and
 * punctuation, so 「赌 博」 and 「赌-博」 count as 「赌博」.
 */

/** Clearly illegal offers: refused outright. */
export const DEFAULT_REJECT_WORDS: readonly string[] = [
  '赌博',
  '博彩',
  '网赌',
  '六合彩',
  '私彩',
  '毒品',
  '冰毒',
  '大麻',
  '枪支',
  '弹药',
  '代开发票',
  '办假证',
  '假证',
  '洗钱',
  '裸聊',
  '色情',
  '卖淫',
  '传销',
  '套现',
  '信用卡套现',
  '出售个人信息',
  '身份证买卖',
  '银行卡买卖',
]

/** Typical of fraud and illegal fund-raising, but also of honest wording: a moderator decides. */
export const DEFAULT_REVIEW_WORDS: readonly string[] = [
  '稳赚不赔',
  '保本保息',
  '高额回报',
  '高回报',
  '日赚',
  '躺赚',
  '刷单',
  '兼职日结',
  '原始股',
  '拉人头',
  '资金盘',
  '无抵押贷款',
  '包过',
]
