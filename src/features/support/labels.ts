import type { MyRequest } from '@shared/contracts'

/** A China calendar day as people write it: 「12月23日」, with the year when it is not this year's. */
export function formatDay(at: number, now = Date.now()): string {
  const china = (t: number) => new Date(t + 8 * 60 * 60 * 1000)
  const day = china(at)
  const sameYear = day.getUTCFullYear() === china(now).getUTCFullYear()
  return `${sameYear ? '' : `${day.getUTCFullYear()}年`}${day.getUTCMonth() + 1}月${day.getUTCDate()}日`
}

/** The last day a request may be answered on: its due moment is the end of that day. */
export const dueDay = (request: Pick<MyRequest, 'dueAt'>, now?: number) => formatDay(request.dueAt - 1, now)
