import { getHolidaysInRange, isWorkday } from 'chinese-days'
import { DAY_MS, chinaDay, nextChinaMidnight } from './china-time'

/**
 * The mainland working-day calendar: Monday to Friday, minus the public holidays, plus the weekend days
 * worked in exchange (调休), as the State Council publishes them each year. The schedule comes from the
 * `chinese-days` package (a new year's schedule arrives with an update of it). A year whose schedule is not
 * published yet counts Monday to Friday, and answers say so (`estimated`) so operators do not rely on it.
 */

const known = new Map<number, boolean>()

/** The year's holiday schedule is in the calendar (every published schedule has holidays in it). */
export function scheduleKnown(year: number): boolean {
  let value = known.get(year)
  if (value === undefined) {
    value = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0
    known.set(year, value)
  }
  return value
}

/** The China calendar day `day` (YYYY-MM-DD) is a working day. */
export function isWorkingDay(day: string): boolean {
  return isWorkday(day)
}

const yearOf = (day: string) => Number(day.slice(0, 4))
const dayAfter = (day: string) => chinaDay(Date.parse(`${day}T12:00:00+08:00`) + DAY_MS)

export interface WorkingDeadline {
  /** The moment the n-th working day after the day of `from` ends (China time). */
  dueAt: number
  /** The n-th working day, YYYY-MM-DD. */
  day: string
  /** Part of the span lies in a year whose schedule is not published yet. */
  estimated: boolean
}

/**
 * The end of the `n`-th working day after the China day of `from`: a request received on a Friday evening
 * or during a holiday has all of its n working days, the first being the next working day.
 */
export function afterWorkingDays(from: number, n: number): WorkingDeadline {
  let day = chinaDay(from)
  let estimated = false
  for (let counted = 0; counted < n;) {
    day = dayAfter(day)
    if (!scheduleKnown(yearOf(day))) estimated = true
    if (isWorkingDay(day)) counted++
  }
  return { dueAt: nextChinaMidnight(Date.parse(`${day}T12:00:00+08:00`)), day, estimated }
}

/**
 * Working days from the day of `now` to the day of `dueAt`: 0 on the due day itself, negative once past it
 * (the working days since), counting `now`'s day only when it is past.
 */
export function workingDaysBetween(now: number, dueAt: number): number {
  const today = chinaDay(now)
  const due = chinaDay(dueAt - 1)
  if (today === due) return 0
  const forward = today < due
  const end = forward ? due : today
  let day = forward ? today : due
  let count = 0
  while (day < end) {
    day = dayAfter(day)
    if (isWorkingDay(day)) count++
  }
  return forward ? count : -count
}
