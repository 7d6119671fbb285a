import { formatPostedTime, formatRegion, formatViewCount } from '@/features/listings/format'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const now = new Date(2026, 10, 29, 12, 0, 0).getTime()

describe('how a listing’s facts read', () => {
  it('posted time reads in words, like people say it', () => {
    expect(formatPostedTime(now - 20_000, now)).toBe('刚刚')
    expect(formatPostedTime(now - 5 * MINUTE, now)).toBe('5 分钟前')
    expect(formatPostedTime(now - 3 * HOUR, now)).toBe('3 小时前')
    expect(formatPostedTime(now - 2 * DAY, now)).toBe('2 天前')
  })

  it('a listing posted “in the future” by a skewed clock reads 刚刚, not 几秒内', () => {
    expect(formatPostedTime(now + 2 * MINUTE, now)).toBe('刚刚')
  })

  it('after a month the date says more than 「2 个月前」', () => {
    expect(formatPostedTime(new Date(2026, 7, 3).getTime(), now)).toBe('8月3日')
    expect(formatPostedTime(new Date(2025, 11, 24).getTime(), now)).toBe('2025年12月24日')
  })

  it('regions name the province once, and municipalities once', () => {
    expect(formatRegion('广东省', '深圳')).toBe('广东 · 深圳')
    expect(formatRegion('北京市', '北京')).toBe('北京')
    expect(formatRegion('', '杭州')).toBe('杭州')
    expect(formatRegion('', '')).toBe('全国')
  })

  it('regions as the cards and the server’s first screen write them (one function for both)', () => {
    const regions: Array<[string, string, string]> = [
      ['广东省', '深圳', '广东 · 深圳'],
      ['北京市', '北京', '北京'],
      ['', '杭州', '杭州'],
      ['四川省', '', '四川省'],
      ['', '', '全国'],
      [' 上海市 ', '上海', '上海'],
      ['内蒙古自治区', '呼和浩特', '内蒙古自治区 · 呼和浩特'],
    ]
    for (const [province, city, text] of regions) expect(formatRegion(province, city)).toBe(text)
  })

  it('view counts above ten thousand read in 万', () => {
    expect(formatViewCount(986)).toBe('986')
    expect(formatViewCount(12_345)).toBe('1.2万')
  })
})
