import type { ImageFinding } from '../../ports/image-checker'

/**
 * The `label` of WeChat's content-security results (msgSecCheck v2, mediaCheckAsync v2): 100 正常, 10001
 * 广告, 20001 时政, 20002 色情, 20003 辱骂, 20006 违法犯罪, 20008 欺诈, 20012 低俗, 20013 版权, 21000 其他.
 * WeChat sends it as a number in one place and as a string in another: both are read.
 */
export const WECHAT_LABELS: Record<number, { name: string; finding: ImageFinding }> = {
  10001: { name: '广告', finding: 'ad' },
  20001: { name: '时政', finding: 'politics' },
  20002: { name: '色情', finding: 'porn' },
  20003: { name: '辱骂', finding: 'abuse' },
  20006: { name: '违法犯罪', finding: 'illegal' },
  20008: { name: '欺诈', finding: 'fraud' },
  20012: { name: '低俗', finding: 'vulgar' },
  20013: { name: '版权', finding: 'copyright' },
  21000: { name: '其他', finding: 'other' },
}

/** The label as a number (NaN when absent or not numeric). */
export function labelNumber(label: unknown): number {
  return typeof label === 'number' ? label : typeof label === 'string' && label !== '' ? Number(label) : NaN
}
