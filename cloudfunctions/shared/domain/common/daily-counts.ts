import type { DocumentStore, Filter } from '../../ports/document-store'
import { chinaDay, DAY_MS, nextChinaMidnight } from './china-time'

/**
 * The dashboard's days: the last `days` China calendar days up to and including today, oldest first, each
 * a fixed UTC+8 window. Counted with one `count` per day and range filter: both stores answer a count
 * without reading documents, CloudBase has no aggregation in the port, and a count stays exact however
 * many records a day holds (a paged find would grow with them).
 */
export interface DayWindow {
  day: string
  start: number
  end: number
}

export function lastChinaDays(now: number, days: number): DayWindow[] {
  const todayEnd = nextChinaMidnight(now)
  return Array.from({ length: days }, (_, i) => {
    const end = todayEnd - (days - 1 - i) * DAY_MS
    return { day: chinaDay(end - DAY_MS), start: end - DAY_MS, end }
  })
}

/** Counts per day of the documents matching `where` whose `field` falls in each day. */
export function countPerDay(
  store: DocumentStore,
  collection: string,
  field: string,
  days: DayWindow[],
  where: Filter = {},
): Promise<number[]> {
  return inTurns(days, (d) => store.count(collection, { ...where, [field]: { gte: d.start, lt: d.end } }))
}

/** At most this many counts in flight per series: 90 days are 90 calls, not a burst of them. */
const IN_FLIGHT = 10

async function inTurns<T, R>(items: T[], run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let i = 0; i < items.length; i += IN_FLIGHT) {
    const slice = items.slice(i, i + IN_FLIGHT)
    results.push(...(await Promise.all(slice.map((item, j) => run(item, i + j)))))
  }
  return results
}

/**
 * Counts per day broken down by the values of one field. A day with nothing in it costs one count, not one
 * per value: most days of a small platform hold no reports of most reasons.
 */
export async function countPerDayBy<V extends string>(
  store: DocumentStore,
  collection: string,
  field: string,
  days: DayWindow[],
  by: { field: string; values: readonly V[] },
  where: Filter = {},
): Promise<Array<{ value: V; perDay: number[] }>> {
  const totals = await countPerDay(store, collection, field, days, where)
  const perValue: Array<{ value: V; perDay: number[] }> = []
  for (const value of by.values) {
    const perDay = await inTurns(days, (d, i) =>
      totals[i] === 0
        ? Promise.resolve(0)
        : store.count(collection, { ...where, [by.field]: value, [field]: { gte: d.start, lt: d.end } }),
    )
    perValue.push({ value, perDay })
  }
  return perValue
}

/** How many wait in a queue and since when the oldest waits (null when none does). */
export interface WaitingStat {
  size: number
  oldestAt: number | null
}

export async function waiting(
  store: DocumentStore,
  collection: string,
  where: Filter,
  sinceField: string,
): Promise<WaitingStat> {
  const [size, oldest] = await Promise.all([
    store.count(collection, where),
    store.find<Record<string, unknown> & { _id: string }>(collection, {
      where,
      orderBy: [{ field: sinceField, direction: 'asc' }],
      limit: 1,
    }),
  ])
  const at = oldest.items[0]?.[sinceField]
  return { size, oldestAt: typeof at === 'number' ? at : null }
}
