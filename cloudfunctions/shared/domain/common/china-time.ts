/**
 * Daily limits count in China calendar days: China has one time zone and no daylight saving, so a
 * calendar day there is a fixed UTC+8 window, whatever the server's time zone.
 */
export const HOUR_MS = 60 * 60 * 1000
export const DAY_MS = 24 * HOUR_MS
const CHINA_OFFSET_MS = 8 * HOUR_MS

/** The China calendar day of a moment, as YYYY-MM-DD. */
export function chinaDay(now: number): string {
  return new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The moment the China calendar day of `now` ends. */
export function nextChinaMidnight(now: number): number {
  return Math.floor((now + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - CHINA_OFFSET_MS
}
