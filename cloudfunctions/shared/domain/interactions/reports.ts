import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import { REPORT_STATUS_LABELS, type MyReport, type ReportReason, type ReportStatus } from '../../contracts/interactions'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import type { StoredDocument } from '../../ports/document-store'
import { memberId } from '../accounts'
import { COMMENT_GONE, type CommentDoc } from './comments'
import { insertOnce } from '../common/insert-once'
import { loadVisibleListing } from './listings-access'
import { derivedId } from '../common/derived-id'
import { excerpt } from '../common/excerpt'
import { hideReportedListing } from '../listings'
import type { Deps } from '../../core/deps'

/** A report for the moderators. They move `status` and set `outcome`; the reporter only reads it. */
export interface ReportDoc extends StoredDocument {
  reporterId: string
  targetType: 'listing' | 'comment' | 'conversation'
  targetId: string
  listingId: string
  /** The poster or the comment's author: whom a penalty would concern. */
  targetOwnerId: string | null
  /** What was reported as it was then, since the listing may be edited and the comment deleted. */
  targetSummary: string
  reason: ReportReason
  note: string
  status: ReportStatus
  outcome: string | null
  createdAt: number
  updatedAt: number
}

/** A report is open until the moderators resolve it. */
export const OPEN: ReportDoc['status'][] = ['submitted', 'processing']

export const ALREADY_REPORTED = '你已举报过该内容，正在处理中'
const SUMMARY_LENGTH = 60

interface ReportInput {
  reason: ReportReason
  note: string
}

export async function reportListing(ctx: ActionContext, input: ReportInput & { listingId: string }): Promise<MyReport> {
  const reporterId = memberId(ctx)
  const listing = await loadVisibleListing(ctx.deps, input.listingId)
  if (listing.posterId === reporterId) throw new AppError(ErrorCode.NotAllowed, '不能举报自己发布的信息')
  return fileReport(ctx, reporterId, input, {
    targetType: 'listing',
    targetId: listing._id,
    listingId: listing._id,
    targetOwnerId: listing.posterId,
    targetSummary: listing.title,
  })
}

export async function reportComment(ctx: ActionContext, input: ReportInput & { commentId: string }): Promise<MyReport> {
  const reporterId = memberId(ctx)
  const comment = await ctx.deps.store.get<CommentDoc>(Collections.comments, input.commentId)
  if (!comment) throw new AppError(ErrorCode.NotFound, COMMENT_GONE)
  if (comment.authorId === reporterId) throw new AppError(ErrorCode.NotAllowed, '不能举报自己的评论')
  return fileReport(ctx, reporterId, input, {
    targetType: 'comment',
    targetId: comment._id,
    listingId: comment.listingId,
    targetOwnerId: comment.authorId,
    targetSummary: excerpt(comment.content, SUMMARY_LENGTH),
  })
}

export async function listMyReports(
  ctx: ActionContext,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<MyReport>> {
  const page = await ctx.deps.store.find<ReportDoc>(Collections.reports, {
    where: { reporterId: memberId(ctx) },
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  return { items: page.items.map(toMyReport), nextCursor: page.nextCursor }
}

/** The caller's reports of one target, newest first. A member reports one thing a handful of times at most. */
export async function reportsOf(ctx: ActionContext, reporterId: string, targetId: string): Promise<ReportDoc[]> {
  const { items } = await ctx.deps.store.find<ReportDoc>(Collections.reports, {
    where: { reporterId, targetId },
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
    limit: 100,
  })
  return items
}

export type ReportTarget = Pick<ReportDoc, 'targetType' | 'targetId' | 'listingId' | 'targetOwnerId' | 'targetSummary'>

/**
 * One open report per member and target (the messages domain files reports of conversations here too). The id is derived from (reporter, target, how many reports
 * of it came before), so two concurrent first reports collide on the same id and the second is refused
 * like any repeat; once the moderators resolve a report, the member may report the target again.
 */
export async function fileReport(
  ctx: ActionContext,
  reporterId: string,
  input: ReportInput,
  target: ReportTarget,
): Promise<MyReport> {
  const earlier = await reportsOf(ctx, reporterId, target.targetId)
  if (earlier.some((r) => r.status !== 'resolved')) throw new AppError(ErrorCode.Conflict, ALREADY_REPORTED)
  const now = ctx.deps.clock.now()
  const doc: ReportDoc = {
    _id: derivedId('rp', reporterId, target.targetType, target.targetId, String(earlier.length)),
    reporterId,
    ...target,
    reason: input.reason,
    note: input.note,
    status: 'submitted',
    outcome: null,
    createdAt: now,
    updatedAt: now,
  }
  if (!(await insertOnce(ctx.deps, Collections.reports, doc))) throw new AppError(ErrorCode.Conflict, ALREADY_REPORTED)
  ctx.deps.logger.info('report filed', { reportId: doc._id, targetType: doc.targetType, requestId: ctx.requestId })
  await hideIfReportedEnough(ctx.deps, doc)
  return toMyReport(doc)
}

export function toMyReport(doc: ReportDoc): MyReport {
  return {
    id: doc._id,
    targetType: doc.targetType,
    targetId: doc.targetId,
    listingId: doc.listingId,
    targetSummary: doc.targetSummary,
    reason: doc.reason,
    note: doc.note,
    status: doc.status,
    statusLabel:
      doc.status === 'resolved' && doc.outcome
        ? `${REPORT_STATUS_LABELS.resolved} · ${doc.outcome}`
        : REPORT_STATUS_LABELS[doc.status],
    outcome: doc.status === 'resolved' ? doc.outcome : null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  }
}

/** The open reports of one target, oldest first (a target draws a bounded number: one open per member). */
export async function openReportsOf(deps: Pick<Deps, 'store'>, targetId: string): Promise<ReportDoc[]> {
  const { items } = await deps.store.find<ReportDoc>(Collections.reports, {
    where: { targetId, status: { in: OPEN } },
    orderBy: [{ field: 'createdAt', direction: 'asc' }],
    limit: 1000,
  })
  return items
}

/**
 * After a report: when `limits.reportHideThreshold` distinct members have open reports of the target,
 * it is hidden until a moderator reviews it (a listing to `hidden`, a visible comment likewise).
 */
export async function hideIfReportedEnough(
  deps: Pick<Deps, 'store' | 'clock' | 'limits' | 'logger'>,
  report: ReportDoc,
): Promise<void> {
  // A conversation has two sides only: it waits for a moderator however often it is reported.
  if (report.targetType === 'conversation') return
  const reporters = new Set((await openReportsOf(deps, report.targetId)).map((r) => r.reporterId))
  if (reporters.size < deps.limits.reportHideThreshold) return
  const hidden =
    report.targetType === 'listing'
      ? await hideReportedListing(deps, report.targetId)
      : await deps.store.update(Collections.comments, report.targetId, { status: 'hidden' }, { status: 'visible' })
  if (hidden) deps.logger.info('hidden on reports', { targetType: report.targetType, reporters: reporters.size })
}
