import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import { ESCALATION_HOURS, type ModerationQueue, type OwnerHistory, type QueueItem } from '../../contracts/moderation'
import type { ActionContext } from '../../core/action-context'
import type { Deps } from '../../core/deps'
import { memberId, penaltiesOf, publicProfiles } from '../accounts'
import { HOUR_MS } from '../common/china-time'
import { heldComments, openReportGroups, type ReportGroup } from '../interactions'
import { duplicateAttemptsOf, heldImages, pendingListings } from '../listings'
import { openAppeals, type AppealDoc } from './appeals'
import type { DecisionDoc } from './decisions'
import { refOf } from './refs'
import { fromComment, fromImage, fromListing, loadTarget, type LoadedTarget } from './targets'

/**
 * The five queues, oldest first, each item with its content, the owner's history and its claim. Every
 * queue has a way out: each item leaves it by a decision (decide, decideAppeal).
 */
export async function listQueue(
  ctx: ActionContext,
  input: { queue: ModerationQueue; cursor: string | null; pageSize: number },
): Promise<Page<QueueItem>> {
  const { deps } = ctx
  const me = await refOf(deps, memberId(ctx))
  const page = { cursor: input.cursor, pageSize: input.pageSize }
  const entries = await entriesOf(deps, input.queue, page)
  const items: QueueItem[] = []
  for (const entry of entries.items) {
    items.push(await toItem(ctx, me, input.queue, entry))
  }
  return { items, nextCursor: entries.nextCursor }
}

interface Entry {
  loaded: LoadedTarget
  since: number
  reports?: ReportGroup
  appeal?: { doc: AppealDoc; decision: DecisionDoc }
}

async function entriesOf(
  deps: Deps,
  queue: ModerationQueue,
  page: { cursor: string | null; pageSize: number },
): Promise<Page<Entry>> {
  switch (queue) {
    case 'listings': {
      const found = await pendingListings(deps, page)
      return {
        items: found.items.map((d) => ({ loaded: fromListing(d), since: d.updatedAt })),
        nextCursor: found.nextCursor,
      }
    }
    case 'comments': {
      const found = await heldComments(deps, page)
      const items = await Promise.all(
        found.items.map(async (d) => ({ loaded: await fromComment(deps, d), since: d.createdAt })),
      )
      return { items, nextCursor: found.nextCursor }
    }
    case 'images': {
      const found = await heldImages(deps, page)
      const items = await Promise.all(
        found.items.map(async (d) => ({ loaded: await fromImage(deps, d), since: d.createdAt })),
      )
      return { items, nextCursor: found.nextCursor }
    }
    case 'reports': {
      const found = await openReportGroups(deps, page)
      const items: Entry[] = []
      for (const group of found.items) {
        const found = await loadOrGone(deps, group)
        // A conversation has two sides: the report says which one it concerns.
        const loaded = found.ownerId === null ? { ...found, ownerId: group.targetOwnerId } : found
        items.push({ loaded, since: group.reports[0].createdAt, reports: group })
      }
      return { items, nextCursor: found.nextCursor }
    }
    case 'appeals': {
      const found = await openAppeals(deps, page)
      const items: Entry[] = []
      for (const doc of found.items) {
        const decision = await deps.store.get<DecisionDoc>(Collections.decisions, doc.decisionId)
        if (!decision) continue
        const loaded =
          decision.targetKind && decision.targetId
            ? await loadTarget(deps, { kind: decision.targetKind, id: decision.targetId }).catch(() => gone(decision))
            : gone(decision)
        items.push({ loaded, since: doc.createdAt, appeal: { doc, decision } })
      }
      return { items, nextCursor: found.nextCursor }
    }
  }
}

/** A reported target its owner deleted meanwhile: the reports still need closing. */
async function loadOrGone(deps: Deps, group: ReportGroup): Promise<LoadedTarget> {
  try {
    return await loadTarget(deps, { kind: group.targetType, id: group.targetId })
  } catch {
    return {
      target: { kind: group.targetType, id: group.targetId },
      ownerId: group.targetOwnerId,
      summary: group.targetSummary,
      content: { title: group.targetSummary, text: '', images: [], listingId: group.listingId, state: '已删除' },
      heldBecause: null,
    }
  }
}

function gone(decision: DecisionDoc): LoadedTarget {
  return {
    target:
      decision.targetKind && decision.targetId
        ? { kind: decision.targetKind, id: decision.targetId }
        : { kind: 'listing', id: decision._id },
    ownerId: decision.subjectUserId,
    summary: decision.targetKind ? '内容已删除' : '账号处罚',
    content: {
      title: decision.targetKind ? '内容已删除' : '账号处罚',
      text: '',
      images: [],
      listingId: null,
      state: '',
    },
    heldBecause: null,
  }
}

async function toItem(ctx: ActionContext, me: string, queue: ModerationQueue, entry: Entry): Promise<QueueItem> {
  const { deps } = ctx
  const now = deps.clock.now()
  const { loaded } = entry
  const claimDoc = await deps.store.get<{ _id: string; moderatorRef: string; at: number; retainUntil: number }>(
    Collections.claims,
    `${loaded.target.kind}_${loaded.target.id}`,
  )
  const claim = claimDoc && claimDoc.retainUntil > now ? { mine: claimDoc.moderatorRef === me, at: claimDoc.at } : null
  const owner = loaded.ownerId
    ? {
        userId: loaded.ownerId,
        nickname: (await publicProfiles(deps, [loaded.ownerId])).get(loaded.ownerId)?.nickname ?? '',
        history: await historyOf(deps, loaded.ownerId),
      }
    : null
  const reports = entry.reports?.reports
  const reasons = new Map<string, number>()
  for (const r of reports ?? []) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1)
  return {
    queue,
    target: loaded.target,
    since: entry.since,
    overdue: now - entry.since > ESCALATION_HOURS * HOUR_MS,
    claim,
    content: loaded.content,
    heldBecause: loaded.heldBecause,
    owner,
    reports: reports
      ? {
          count: reports.length,
          reporters: new Set(reports.map((r) => r.reporterId)).size,
          reasons: [...reasons].map(([reason, count]) => ({ reason, count })),
          notes: reports.map((r) => r.note).filter((n) => n !== ''),
          firstAt: reports[0].createdAt,
          lastAt: reports[reports.length - 1].createdAt,
        }
      : null,
    appeal: entry.appeal
      ? {
          id: entry.appeal.doc._id,
          decisionId: entry.appeal.decision._id,
          decision: entry.appeal.decision.decision,
          decisionNote: entry.appeal.decision.note,
          ruleId: entry.appeal.decision.ruleId,
          text: entry.appeal.doc.text,
          at: entry.appeal.doc.createdAt,
          decidedByMe: entry.appeal.decision.moderatorRef === me,
        }
      : null,
  }
}

/** What moderators have decided about this member before, their penalties and their repeat submissions. */
export async function historyOf(deps: Deps, userId: string): Promise<OwnerHistory> {
  const { items } = await deps.store.find<DecisionDoc>(Collections.decisions, {
    where: { subjectUserId: userId },
    orderBy: [{ field: 'at', direction: 'desc' }],
    limit: 20,
  })
  const penalties = await penaltiesOf(deps, userId)
  return {
    decisions: items.map((d) => ({ id: d._id, decision: d.decision, ruleId: d.ruleId, at: d.at })),
    penalties: penalties.map((p) => ({
      id: p._id,
      kind: p.kind,
      ruleId: p.ruleId,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
    })),
    duplicateAttempts: await duplicateAttemptsOf(deps, userId),
  }
}
