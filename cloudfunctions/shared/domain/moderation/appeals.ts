import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import { APPEAL_STATUS_LABELS, type AppealResult, type AppealStatus, type MyDecision } from '../../contracts/moderation'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import { liftPenalty, memberId } from '../accounts'
import { insertOnce } from '../common/insert-once'
import { notify } from '../notices'
import { appendAudit } from './audit-log'
import { isAdverse, labelOf, toDecision, type DecisionDoc } from './decisions'
import { refOf } from './refs'
import { rulesById } from './rules'
import { applyDecision, loadTarget } from './targets'

/**
 * Appeals: the owner of an adverse decision may appeal it once, within APPEAL_WINDOW_DAYS, with a text; a
 * moderator other than the one who decided reviews it. Granting restores the content (kept hidden, never
 * deleted, while the appeal was possible) or lifts the penalty.
 */
export interface AppealDoc extends StoredDocument {
  decisionId: string
  appellantId: string
  text: string
  status: AppealStatus
  createdAt: number
  decidedAt: number | null
  moderatorRef: string | null
  note: string | null
}

const appealIdOf = (decisionId: string) => `ap_${decisionId}`

async function ownDecision(ctx: ActionContext, decisionId: string): Promise<DecisionDoc> {
  const doc = await ctx.deps.store.get<DecisionDoc>(Collections.decisions, decisionId)
  if (!doc || doc.subjectUserId !== memberId(ctx)) throw new AppError(ErrorCode.NotFound, '处理记录不存在')
  return doc
}

export async function appeal(ctx: ActionContext, input: { decisionId: string; text: string }): Promise<{ id: string }> {
  const decision = await ownDecision(ctx, input.decisionId)
  const now = ctx.deps.clock.now()
  if (!isAdverse(decision.decision) || decision.appealableUntil === null) {
    throw new AppError(ErrorCode.NotAllowed, '该处理没有对你不利，无需申诉')
  }
  if (now > decision.appealableUntil) throw new AppError(ErrorCode.NotAllowed, '已超过申诉期限（处理后 180 天内）')
  const doc: AppealDoc = {
    _id: appealIdOf(decision._id),
    decisionId: decision._id,
    appellantId: memberId(ctx),
    text: input.text,
    status: 'open',
    createdAt: now,
    decidedAt: null,
    moderatorRef: null,
    note: null,
  }
  if (!(await insertOnce(ctx.deps, Collections.appeals, doc))) {
    throw new AppError(ErrorCode.Conflict, '每项处理只能申诉一次，你已提交过申诉')
  }
  ctx.deps.logger.info('appeal filed', { appealId: doc._id })
  return { id: doc._id }
}

export async function openAppeals(deps: Pick<Deps, 'store'>, input: { cursor: string | null; pageSize: number }) {
  return deps.store.find<AppealDoc>(Collections.appeals, {
    where: { status: 'open' },
    orderBy: [{ field: 'createdAt', direction: 'asc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
}

export async function decideAppeal(
  ctx: ActionContext,
  input: { appealId: string; outcome: 'grant' | 'deny'; note: string },
): Promise<AppealResult> {
  const { deps } = ctx
  const moderatorId = memberId(ctx)
  const found = await deps.store.get<AppealDoc>(Collections.appeals, input.appealId)
  if (!found) throw new AppError(ErrorCode.NotFound, '申诉不存在')
  const decision = await deps.store.get<DecisionDoc>(Collections.decisions, found.decisionId)
  if (!decision) throw new AppError(ErrorCode.NotFound, '申诉的处理记录不存在')
  const me = await refOf(deps, moderatorId)
  if (decision.moderatorRef === me) throw new AppError(ErrorCode.NotAllowed, '申诉须由作出原处理以外的审核员复核')
  if (found.appellantId === moderatorId) throw new AppError(ErrorCode.NotAllowed, '不能复核自己的申诉')
  const status: AppealStatus = input.outcome === 'grant' ? 'granted' : 'denied'
  const now = deps.clock.now()
  const patch = { status, decidedAt: now, moderatorRef: me, note: input.note }
  if (!(await deps.store.update(Collections.appeals, found._id, patch, { status: 'open' }))) {
    throw new AppError(ErrorCode.Conflict, '该申诉已处理')
  }
  if (status === 'granted') await undo(deps, decision)
  await appendAudit(deps, {
    actor: me,
    action: 'decideAppeal',
    target: { kind: 'appeal', id: found._id },
    before: 'open',
    after: status,
    ruleId: decision.ruleId,
    note: input.note,
  })
  await notify(deps, found.appellantId, {
    kind: 'appealOutcome',
    title: `申诉结果：${APPEAL_STATUS_LABELS[status]}`,
    body:
      status === 'granted'
        ? `你对「${labelOf(decision)}」的申诉成立，原处理已撤销${decision.decision === 'penalty' ? '，处罚已解除' : '，内容已恢复'}。说明：${input.note}`
        : `你对「${labelOf(decision)}」的申诉经另一位审核员复核未成立，原处理维持。说明：${input.note}`,
    target: decision.targetKind && decision.targetId ? { kind: decision.targetKind, id: decision.targetId } : null,
    decisionId: decision._id,
  })
  return { id: found._id, decisionId: decision._id, status, note: input.note, decidedAt: now }
}

/** Reverses a decision an appeal overturned: the content back on show, or the penalty lifted. */
async function undo(deps: Deps, decision: DecisionDoc): Promise<void> {
  if (decision.decision === 'penalty') {
    await liftPenalty(deps, decision._id)
    return
  }
  if (!decision.targetKind || !decision.targetId) return
  try {
    await applyDecision(deps, { kind: decision.targetKind, id: decision.targetId }, 'restore', null)
  } catch (error) {
    // Deleted by its owner meanwhile, or already restored: nothing left to bring back.
    if (!(error instanceof AppError) || (error.code !== ErrorCode.NotFound && error.code !== ErrorCode.Conflict)) {
      throw error
    }
  }
}

/** 处理记录: the decisions about the member's content and account, newest first, with their appeals. */
export async function listMyDecisions(
  ctx: ActionContext,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<MyDecision>> {
  const { deps } = ctx
  const page = await deps.store.find<DecisionDoc>(Collections.decisions, {
    where: { subjectUserId: memberId(ctx) },
    orderBy: [{ field: 'at', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  const rules = await rulesById(deps)
  const now = deps.clock.now()
  const items = await Promise.all(
    page.items.map(async (doc): Promise<MyDecision> => {
      const appealDoc = await deps.store.get<AppealDoc>(Collections.appeals, appealIdOf(doc._id))
      const summary = await summaryOf(deps, doc)
      return {
        ...toDecision(doc),
        label: labelOf(doc),
        summary,
        rule: doc.ruleId ? (rules.get(doc.ruleId) ?? null) : null,
        appeal: appealDoc
          ? {
              id: appealDoc._id,
              status: appealDoc.status,
              statusLabel: APPEAL_STATUS_LABELS[appealDoc.status],
              note: appealDoc.note,
              decidedAt: appealDoc.decidedAt,
            }
          : null,
        canAppeal: !appealDoc && doc.appealableUntil !== null && now <= doc.appealableUntil,
      }
    }),
  )
  return { items, nextCursor: page.nextCursor }
}

async function summaryOf(deps: Deps, doc: DecisionDoc): Promise<string> {
  if (!doc.targetKind || !doc.targetId) return '账号'
  try {
    return (await loadTarget(deps, { kind: doc.targetKind, id: doc.targetId })).summary
  } catch {
    return '内容已删除'
  }
}
