import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { cursorFor, type SortKey } from '../../ports/document-store'
import { ALREADY_DECIDED } from '../listings'
import type { CommentDoc, CommentStatus } from './comments'
import { openReportsOf, OPEN, type ReportDoc } from './reports'

/**
 * What moderation asks of interactions: the queue of held comments, the open reports grouped by what they
 * report, the automatic hiding of content enough members reported, a moderator's decision on a comment,
 * and closing the reports of a target with the outcome the reporters then read.
 */
const OLDEST_FIRST: SortKey[] = [{ field: 'createdAt', direction: 'asc' }]

export async function heldComments(
  deps: Pick<Deps, 'store'>,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<CommentDoc>> {
  return deps.store.find<CommentDoc>(Collections.comments, {
    where: { status: 'held' },
    orderBy: [{ field: 'createdAt', direction: 'asc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
}

export async function findComment(deps: Pick<Deps, 'store'>, id: string): Promise<CommentDoc | null> {
  return deps.store.get<CommentDoc>(Collections.comments, id)
}

export interface ReportGroup {
  targetType: ReportDoc['targetType']
  targetId: string
  listingId: string
  targetOwnerId: string | null
  targetSummary: string
  reports: ReportDoc[]
}

/**
 * Open reports grouped by target, a target at the place of its oldest open report. The page walks open
 * reports oldest first and emits a group where a report is its target's oldest, so the cursor is the
 * store's own and a target appears once however its reports are spread.
 */
export async function openReportGroups(
  deps: Pick<Deps, 'store'>,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<ReportGroup>> {
  const groups: ReportGroup[] = []
  let after = input.cursor
  while (groups.length < input.pageSize) {
    const page = await deps.store.find<ReportDoc>(Collections.reports, {
      where: { status: { in: OPEN } },
      orderBy: OLDEST_FIRST,
      limit: input.pageSize,
      after,
    })
    for (const report of page.items) {
      const reports = await openReportsOf(deps, report.targetId)
      if (reports[0]?._id !== report._id) continue
      groups.push({
        targetType: report.targetType,
        targetId: report.targetId,
        listingId: report.listingId,
        targetOwnerId: report.targetOwnerId,
        targetSummary: report.targetSummary,
        reports,
      })
      if (groups.length === input.pageSize) {
        const last = page.items.indexOf(report)
        // More may follow this report on the same page or after it.
        const more = last < page.items.length - 1 || page.nextCursor !== null
        return { items: groups, nextCursor: more ? cursorFor(report, OLDEST_FIRST) : null }
      }
    }
    after = page.nextCursor
    if (after === null) break
  }
  return { items: groups, nextCursor: null }
}

/** Moves the target's open reports to 处理中 when a moderator picks it up. */
export async function markReportsProcessing(deps: Pick<Deps, 'store' | 'clock'>, targetId: string): Promise<void> {
  for (const report of await openReportsOf(deps, targetId)) {
    if (report.status !== 'submitted') continue
    await deps.store.update(
      Collections.reports,
      report._id,
      { status: 'processing', updatedAt: deps.clock.now() },
      { status: 'submitted' },
    )
  }
}

/** Closes the target's open reports with the outcome their reporters read; answers the reporters. */
export async function resolveReportsOf(
  deps: Pick<Deps, 'store' | 'clock'>,
  targetId: string,
  outcome: string,
): Promise<string[]> {
  const reporters: string[] = []
  for (const report of await openReportsOf(deps, targetId)) {
    const closed = await deps.store.update(
      Collections.reports,
      report._id,
      { status: 'resolved', outcome, updatedAt: deps.clock.now() },
      { status: report.status },
    )
    if (closed) reporters.push(report.reporterId)
  }
  return reporters
}

export type CommentDecision = 'approve' | 'deleteComment' | 'restore' | 'dismiss'

function nextStatus(status: CommentStatus, decision: CommentDecision): CommentStatus | null {
  switch (decision) {
    case 'approve':
      return status === 'held' || status === 'hidden' ? 'visible' : null
    case 'deleteComment':
      return status === 'removed' ? null : 'removed'
    case 'restore':
      return status === 'removed' ? 'visible' : null
    case 'dismiss':
      return status === 'hidden' || status === 'visible' ? 'visible' : null
  }
}

export async function applyCommentDecision(
  deps: Pick<Deps, 'store'>,
  id: string,
  decision: CommentDecision,
): Promise<{ before: CommentStatus; after: CommentStatus; comment: CommentDoc }> {
  const comment = await findComment(deps, id)
  if (!comment) throw new AppError(ErrorCode.NotFound, '评论不存在或已删除')
  const after = nextStatus(comment.status, decision)
  if (after === null) throw new AppError(ErrorCode.Conflict, ALREADY_DECIDED)
  if (after !== comment.status) {
    const changed = await deps.store.update(Collections.comments, id, { status: after }, { status: comment.status })
    if (!changed) throw new AppError(ErrorCode.Conflict, ALREADY_DECIDED)
  }
  return { before: comment.status, after, comment: { ...comment, status: after } }
}
