import { PRIVACY_TOPIC_LABELS, REQUEST_KIND_LABELS, type MyRequest } from '@shared/contracts'

/** 「隐私请求 · 更正」, 「意见反馈」. */
export function requestSubject(request: Pick<MyRequest, 'kind' | 'topic'>): string {
  const kind = REQUEST_KIND_LABELS[request.kind]
  return request.topic ? `${kind} · ${PRIVACY_TOPIC_LABELS[request.topic]}` : kind
}

/** A China calendar day as people write it: 「12月23日」, with the year when it is not this year's. */
export function formatDay(at: number, now = Date.now()): string {
  const china = (t: number) => new Date(t + 8 * 60 * 60 * 1000)
  const day = china(at)
  const sameYear = day.getUTCFullYear() === china(now).getUTCFullYear()
  return `${sameYear ? '' : `${day.getUTCFullYear()}年`}${day.getUTCMonth() + 1}月${day.getUTCDate()}日`
}

/** The last day a request may be answered on: its due moment is the end of that day. */
export const dueDay = (request: Pick<MyRequest, 'dueAt'>, now?: number) => formatDay(request.dueAt - 1, now)
