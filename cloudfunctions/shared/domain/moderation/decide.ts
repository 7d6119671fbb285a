import { Collections } from './collections'
import {
  ADVERSE_DECISIONS,
  type Decision,
  type DecisionKind,
  type ModerationTarget,
  type Penalty,
  type PenaltyKind,
} from '../../contracts/moderation'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { GONE_MEMBER, imposePenalty, memberId, publicProfiles } from '../accounts'
import { HOUR_MS } from '../common/china-time'
import { insertOnce } from '../common/insert-once'
import { markReportsProcessing, openReportsOf, resolveReportsOf } from '../interactions'
import { appendAudit } from './audit-log'
import { notifyOwner, notifyReporters, recordDecision, toDecision } from './decisions'
import { refOf } from './refs'
import { citedRule } from './rules'
import { loadTarget, applyDecision } from './targets'

/** A claim keeps other moderators off an item for this long. */
export const CLAIM_MS = HOUR_MS / 2

const claimId = (target: ModerationTarget) => `${target.kind}_${target.id}`

/** What reporters of a target are told each decision means. */
const REPORT_OUTCOMES: Partial<Record<DecisionKind, string>> = {
  takeDown: '已下架',
  deleteComment: '已删除',
  reject: '已下架',
  dismiss: '未违规',
  approve: '未违规',
  restore: '未违规',
}

export async function claim(ctx: ActionContext, target: ModerationTarget): Promise<{ claimed: true; until: number }> {
  const { deps } = ctx
  const loaded = await loadTarget(deps, target)
  const me = await refOf(deps, memberId(ctx))
  const now = deps.clock.now()
  const id = claimId(target)
  const existing = await deps.store.get<{ _id: string; moderatorRef: string; at: number }>(Collections.claims, id)
  const fields = { moderatorRef: me, at: now, retainUntil: now + CLAIM_MS }
  if (!existing) {
    if (!(await insertOnce(deps, Collections.claims, { _id: id, ...fields }))) {
      throw new AppError(ErrorCode.Conflict, '该条目已由其他审核员认领')
    }
  } else {
    const lapsed = existing.at + CLAIM_MS <= now
    if (existing.moderatorRef !== me && !lapsed) throw new AppError(ErrorCode.Conflict, '该条目已由其他审核员认领')
    const precondition = { moderatorRef: existing.moderatorRef, at: existing.at }
    if (!(await deps.store.update(Collections.claims, id, fields, precondition))) {
      throw new AppError(ErrorCode.Conflict, '该条目已由其他审核员认领')
    }
  }
  if (loaded.target.kind === 'listing' || loaded.target.kind === 'comment') {
    await markReportsProcessing(deps, target.id)
  }
  await appendAudit(deps, { actor: me, action: 'claim', target })
  return { claimed: true, until: now + CLAIM_MS }
}

/**
 * A moderator's decision on one item. The rule is checked before anything changes; the change itself is a
 * compare-and-set in the owning domain (a second decision on a decided item is CONFLICT); then the
 * decision is recorded, audited, and sent to the owner with its reasons and to the target's reporters with
 * its outcome.
 */
export async function decide(
  ctx: ActionContext,
  input: { target: ModerationTarget; decision: DecisionKind; ruleId?: string; note: string },
): Promise<Decision> {
  const { deps } = ctx
  const moderatorId = memberId(ctx)
  const loaded = await loadTarget(deps, input.target)
  if (loaded.ownerId === moderatorId) throw new AppError(ErrorCode.NotAllowed, '不能处理自己发布的内容')
  const rule = input.ruleId ? await citedRule(deps, input.ruleId) : null
  const reports = await openReportsOf(deps, input.target.id)
  if (input.decision === 'dismiss' && reports.length === 0) {
    throw new AppError(ErrorCode.Conflict, '该内容没有待处理的举报')
  }
  const adverse = ADVERSE_DECISIONS.includes(input.decision)
  const reason = adverse && rule ? `违反平台规则 ${rule.id}「${rule.title}」：${input.note}` : null
  const change = await applyDecision(deps, input.target, input.decision, reason)
  const me = await refOf(deps, moderatorId)
  const doc = await recordDecision(deps, {
    subjectUserId: loaded.ownerId,
    targetKind: input.target.kind,
    targetId: input.target.id,
    decision: input.decision,
    penaltyKind: null,
    penaltyEndsAt: null,
    ruleId: rule?.id ?? null,
    note: input.note,
    decidedBy: 'person',
    moderatorRef: me,
  })
  await appendAudit(deps, {
    actor: me,
    action: 'decide',
    target: input.target,
    before: change.before,
    after: change.after,
    ruleId: doc.ruleId,
    note: `${input.decision}${input.note ? `：${input.note}` : ''}`,
  })
  await deps.store.delete(Collections.claims, claimId(input.target))
  await notifyOwner(deps, doc, loaded.summary, rule)
  const outcome = REPORT_OUTCOMES[input.decision]
  if (reports.length > 0 && outcome) {
    const reporters = await resolveReportsOf(deps, input.target.id, outcome)
    await notifyReporters(deps, reporters, input.target, outcome)
  }
  deps.logger.info('moderation decision', { decisionId: doc._id, decision: input.decision, kind: input.target.kind })
  return toDecision(doc)
}

const NEEDS_DAYS: PenaltyKind[] = ['publishBan', 'commentBan', 'messageBan']

export async function penalize(
  ctx: ActionContext,
  input: { userId: string; kind: PenaltyKind; days?: number; ruleId: string; note: string },
): Promise<Penalty> {
  const { deps } = ctx
  const moderatorId = memberId(ctx)
  if (input.userId === moderatorId) throw new AppError(ErrorCode.NotAllowed, '不能处罚自己的账号')
  if (NEEDS_DAYS.includes(input.kind) && input.days === undefined) {
    throw new AppError(ErrorCode.InvalidInput, '请填写处罚天数', 'days')
  }
  const profile = (await publicProfiles(deps, [input.userId])).get(input.userId)
  if (!profile || profile === GONE_MEMBER) throw new AppError(ErrorCode.NotFound, '账号不存在或已注销')
  const rule = await citedRule(deps, input.ruleId)
  const me = await refOf(deps, moderatorId)
  const endsAt = input.days === undefined ? null : deps.clock.now() + input.days * 24 * HOUR_MS
  const doc = await recordDecision(deps, {
    subjectUserId: input.userId,
    targetKind: null,
    targetId: null,
    decision: 'penalty',
    penaltyKind: input.kind,
    penaltyEndsAt: input.kind === 'warning' ? null : endsAt,
    ruleId: rule.id,
    note: input.note,
    decidedBy: 'person',
    moderatorRef: me,
  })
  const penalty = await imposePenalty(deps, {
    userId: input.userId,
    kind: input.kind,
    days: input.kind === 'warning' ? undefined : input.days,
    ruleId: rule.id,
    decisionId: doc._id,
  })
  await appendAudit(deps, {
    actor: me,
    action: 'penalize',
    target: { kind: 'account', id: await refOf(deps, input.userId) },
    before: null,
    after: input.kind,
    ruleId: rule.id,
    note: `${input.days === undefined ? '' : `${input.days} 天：`}${input.note}`,
  })
  await notifyOwner(deps, doc, '', rule)
  return {
    id: penalty._id,
    decisionId: doc._id,
    userId: input.userId,
    kind: penalty.kind,
    ruleId: penalty.ruleId,
    startsAt: penalty.startsAt,
    endsAt: penalty.endsAt,
  }
}
