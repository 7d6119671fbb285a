import dayjs from 'dayjs'
import relativeTime from 'dayjs/plugin/relativeTime'
import 'dayjs/locale/zh-cn'

dayjs.extend(relativeTime)

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/**
 * 「刚刚」, 「5 分钟前」, 「3 小时前」, 「2 天前」; older than 30 days the date itself says more than
 * 「2 个月前」. A timestamp slightly ahead of the device clock (clock skew) reads as 「刚刚」, not 「几秒内」.
 */
export function formatPostedTime(timestamp: number, now: number = Date.now()): string {
  const age = now - timestamp
  if (age < MINUTE) return '刚刚'
  if (age < 30 * DAY) return dayjs(timestamp).locale('zh-cn').from(now)
  const posted = dayjs(timestamp)
  return posted.year() === dayjs(now).year() ? posted.format('M月D日') : posted.format('YYYY年M月D日')
}

/** 「有效期至 2025年3月1日」 */
export function formatDate(timestamp: number): string {
  return dayjs(timestamp).format('YYYY年M月D日')
}

// The region as a card writes it is shared with the server's first screen.
export { formatRegion } from '@shared/contracts'

/** 「986」, 「1.2万」 */
export function formatViewCount(count: number): string {
  if (count < 10_000) return String(count)
  const tenThousands = Math.floor(count / 1_000) / 10
  return `${tenThousands}万`
}

/**
 * 找到 7 条 once every result is on the page; 找到 20+ 条 while more pages follow. Counted from what was
 * fetched, not asked of the store: an exact count would read every matching listing (the keyword's term
 * lookups and the expiry check on each), a second query per search, where a page reads only 20.
 */
export function formatResultCount(fetched: number, hasMore: boolean): string {
  return hasMore ? `找到 ${fetched}+ 条` : `找到 ${fetched} 条`
}
