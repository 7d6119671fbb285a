import { createHash } from 'node:crypto'

export const HOUR = 60 * 60 * 1000
export const DAY = 24 * HOUR

/** China has one time zone and no daylight saving: a calendar day there is a fixed UTC+8 window. */
const CHINA_OFFSET = 8 * HOUR

/** The China calendar day of a moment, as YYYY-MM-DD: the window daily limits count in. */
export function chinaDay(at: number): string {
  return new Date(at + CHINA_OFFSET).toISOString().slice(0, 10)
}

/** The moment the China calendar day containing `at` ends. */
export function chinaDayEnd(at: number): number {
  return Math.floor((at + CHINA_OFFSET) / DAY) * DAY + DAY - CHINA_OFFSET
}

/** The clock hour of a moment, as an hour number: the window hourly limits count in. */
export function hourWindow(at: number): string {
  return `h${Math.floor(at / HOUR)}`
}

/**
 * An id derived from what makes a document unique (member, listing, day…), so that a retried or
 * concurrent request lands on the same document and the store's unique `_id` decides, instead of
 * a read-then-write race. Hashed to keep ids short and free of the parts' characters.
 */
export function derivedId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32)}`
}
