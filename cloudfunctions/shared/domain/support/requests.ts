import { Collections, REQUEST_RETENTION_DAYS } from './collections'
import type { Page } from '../../contracts/common'
import {
  ANSWER_WITHIN_WORKING_DAYS,
  GUEST_REQUESTS_PER_DAY,
  MEMBER_REQUESTS_PER_DAY,
  requestSubject,
  type MyRequest,
  type PrivacyTopic,
  type QueueRequest,
  type RequestKind,
  type RequestState,
} from '../../contracts/support'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import { GONE_MEMBER, memberId, publicProfiles } from '../accounts'
import { DAY_MS, chinaDay, nextChinaMidnight } from '../common/china-time'
import { clientKey } from '../common/client-key'
import { claimQuota } from '../common/quotas'
import { afterWorkingDays, workingDaysBetween } from '../common/working-days'
import { appendAudit, refOf } from '../moderation'
import { notify } from '../notices'

/**
 * Feedback, complaints and privacy requests. Each is due at the end of the 15th working day after the day
 * it arrived (the policy's promise; the working-day calendar knows the holidays and the weekends worked
 * in exchange). Operators answer once; refusing states the reason; a member's answer is a notice in 消息.
 */
interface RequestDoc extends StoredDocument {
  userId: string | null
  kind: RequestKind
  topic: PrivacyTopic | null
  text: string
  contact: string
  platform: string
  createdAt: number
  dueAt: number
  dueEstimated: boolean
  state: RequestState
  answer: string | null
  reason: string | null
  answeredAt: number | null
  answeredBy: string | null
  retainUntil: number
}

export async function submitRequest(
  ctx: ActionContext,
  input: { kind: RequestKind; topic?: PrivacyTopic; text: string; contact: string },
): Promise<{ id: string; dueAt: number }> {
  const { deps } = ctx
  const now = deps.clock.now()
  const userId = ctx.caller.kind === 'member' ? ctx.caller.userId : null
  await claimQuota(deps, {
    kind: 'support',
    subject: userId ?? clientKey(ctx, 'support-client'),
    window: chinaDay(now),
    limit: userId ? MEMBER_REQUESTS_PER_DAY : GUEST_REQUESTS_PER_DAY,
    retainUntil: nextChinaMidnight(now),
    message: '今天提交的次数已达上限，请明天再试；紧急的隐私请求也可以通过隐私政策中的邮箱联系我们',
  })
  const due = afterWorkingDays(now, ANSWER_WITHIN_WORKING_DAYS)
  const doc: Omit<RequestDoc, '_id'> = {
    userId,
    kind: input.kind,
    topic: input.topic ?? null,
    text: input.text,
    contact: input.contact,
    platform: ctx.request.platform,
    createdAt: now,
    dueAt: due.dueAt,
    dueEstimated: due.estimated,
    state: 'open',
    answer: null,
    reason: null,
    answeredAt: null,
    answeredBy: null,
    retainUntil: now + REQUEST_RETENTION_DAYS * DAY_MS,
  }
  const id = await deps.store.insert(Collections.supportRequests, doc)
  return { id, dueAt: due.dueAt }
}

export async function listMyRequests(
  ctx: ActionContext,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<MyRequest>> {
  const page = await ctx.deps.store.find<RequestDoc>(Collections.supportRequests, {
    where: { userId: memberId(ctx) },
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  return { items: page.items.map(toMine), nextCursor: page.nextCursor }
}

export async function listRequests(
  ctx: ActionContext,
  input: { state: RequestState; cursor: string | null; pageSize: number },
): Promise<Page<QueueRequest>> {
  const { deps } = ctx
  const page = await deps.store.find<RequestDoc>(Collections.supportRequests, {
    where: { state: input.state },
    orderBy: [{ field: 'dueAt', direction: input.state === 'open' ? 'asc' : 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  return { items: await toQueue(deps, page.items), nextCursor: page.nextCursor }
}

export async function answerRequest(
  ctx: ActionContext,
  input: { requestId: string; answer: string; outcome: 'done' | 'refused'; reason: string },
): Promise<QueueRequest> {
  const { deps } = ctx
  const moderatorId = memberId(ctx)
  const found = await deps.store.get<RequestDoc>(Collections.supportRequests, input.requestId)
  if (!found) throw new AppError(ErrorCode.NotFound, '请求不存在')
  if (found.userId === moderatorId) throw new AppError(ErrorCode.NotAllowed, '不能答复自己提交的请求')
  if (found.state !== 'open') throw new AppError(ErrorCode.Conflict, '这条请求已经答复过了')
  const me = await refOf(deps, moderatorId)
  const now = deps.clock.now()
  const patch = {
    state: input.outcome,
    answer: input.answer,
    reason: input.outcome === 'refused' ? input.reason : null,
    answeredAt: now,
    answeredBy: me,
  }
  // Only the first answer lands: two moderators answering at once cannot both send a notice.
  if (!(await deps.store.update(Collections.supportRequests, found._id, patch, { state: 'open' }))) {
    throw new AppError(ErrorCode.Conflict, '这条请求已经答复过了')
  }
  const answered: RequestDoc = { ...found, ...patch }
  await appendAudit(deps, {
    actor: me,
    action: 'answerRequest',
    target: { kind: 'request', id: found._id },
    before: 'open',
    after: input.outcome,
  })
  if (answered.userId) await notify(deps, answered.userId, answerNotice(answered))
  const [item] = await toQueue(deps, [answered])
  return item
}

/** Open requests, and those of them past their due date: for the dashboard. */
export async function requestCounts(deps: Pick<Deps, 'store' | 'clock'>): Promise<{ open: number; overdue: number }> {
  const now = deps.clock.now()
  const [open, overdue] = await Promise.all([
    deps.store.count(Collections.supportRequests, { state: 'open' }),
    deps.store.count(Collections.supportRequests, { state: 'open', dueAt: { lt: now } }),
  ])
  return { open, overdue }
}

function answerNotice(doc: RequestDoc) {
  const refused = doc.state === 'refused'
  const parts = [`答复：${doc.answer ?? ''}`]
  if (refused) parts.push(`理由：${doc.reason ?? ''}`)
  if (refused && doc.kind === 'privacy') {
    parts.push('如对处理结果有异议，可以再次提交请求说明，或向履行个人信息保护职责的部门投诉、举报。')
  }
  return {
    kind: 'requestAnswer' as const,
    title: `你的${requestSubject(doc)}${refused ? '未能按你的要求处理' : '已答复'}`,
    body: parts.join('\n'),
    target: { kind: 'request', id: doc._id },
  }
}

function toMine(doc: RequestDoc): MyRequest {
  return {
    id: doc._id,
    kind: doc.kind,
    topic: doc.topic,
    text: doc.text,
    state: doc.state,
    createdAt: doc.createdAt,
    dueAt: doc.dueAt,
    answer: doc.answer,
    reason: doc.reason,
    answeredAt: doc.answeredAt,
  }
}

async function toQueue(deps: Pick<Deps, 'store' | 'clock'>, docs: RequestDoc[]): Promise<QueueRequest[]> {
  const now = deps.clock.now()
  const members = docs.flatMap((d) => (d.userId ? [d.userId] : []))
  const profiles = await publicProfiles(deps, members)
  return docs.map((doc) => {
    const open = doc.state === 'open'
    return {
      ...toMine(doc),
      from: doc.userId
        ? { member: true, nickname: (profiles.get(doc.userId) ?? GONE_MEMBER).nickname }
        : { member: false, nickname: '未登录用户' },
      contact: doc.contact,
      overdue: open && now >= doc.dueAt,
      workingDaysLeft: open ? workingDaysBetween(now, doc.dueAt) : null,
      dueEstimated: doc.dueEstimated,
    }
  })
}
