import { Collections } from './collections'
import {
  ADVERSE_DECISIONS,
  APPEAL_WINDOW_DAYS,
  DECISION_LABELS,
  PENALTY_LABELS,
  type Decision,
  type DecisionKind,
  type ModerationTarget,
  type PenaltyKind,
  type Rule,
} from '../../contracts/moderation'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import { chinaDay, DAY_MS } from '../common/china-time'
import { notify } from '../notices'

/**
 * A decision as stored: what was decided about which target (or account, for a penalty), under which rule,
 * with which facts, by a person (their pseudonymous reference) or a machine, and until when the owner may
 * appeal. The statement of reasons the owner is sent is made from it.
 */
export interface DecisionDoc extends StoredDocument, DecisionFields {
  at: number
  appealableUntil: number | null
}

export interface DecisionFields {
  subjectUserId: string | null
  targetKind: ModerationTarget['kind'] | null
  targetId: string | null
  decision: DecisionKind | 'penalty'
  penaltyKind: PenaltyKind | null
  penaltyEndsAt: number | null
  ruleId: string | null
  note: string
  decidedBy: 'person' | 'machine'
  moderatorRef: string | null
}

/** Adverse decisions and penalties (a warning too) can be appealed; the rest concern nobody adversely. */
export function isAdverse(decision: DecisionDoc['decision']): boolean {
  return decision === 'penalty' || ADVERSE_DECISIONS.includes(decision)
}

export async function recordDecision(deps: Pick<Deps, 'store' | 'clock'>, input: DecisionFields): Promise<DecisionDoc> {
  const at = deps.clock.now()
  const fields = {
    ...input,
    at,
    appealableUntil: isAdverse(input.decision) && input.subjectUserId ? at + APPEAL_WINDOW_DAYS * DAY_MS : null,
  }
  return { _id: await deps.store.insert(Collections.decisions, fields), ...fields }
}

export function toDecision(doc: DecisionDoc): Decision {
  return {
    id: doc._id,
    target: doc.targetKind && doc.targetId ? { kind: doc.targetKind, id: doc.targetId } : null,
    decision: doc.decision,
    penalty: doc.penaltyKind ? { kind: doc.penaltyKind, endsAt: doc.penaltyEndsAt } : null,
    ruleId: doc.ruleId,
    note: doc.note,
    decidedBy: doc.decidedBy,
    at: doc.at,
    appealableUntil: doc.appealableUntil,
  }
}

const WHAT: Record<ModerationTarget['kind'], string> = {
  listing: '你发布的信息',
  comment: '你的评论',
  image: '你上传的图片',
  conversation: '你参与的会话',
}

export function labelOf(doc: Pick<DecisionDoc, 'decision' | 'penaltyKind'>): string {
  return doc.decision === 'penalty' && doc.penaltyKind
    ? PENALTY_LABELS[doc.penaltyKind]
    : DECISION_LABELS[doc.decision as DecisionKind]
}

/**
 * The statement of reasons to the owner: what was decided about which content, under which rule, the facts
 * in the note, whether a person or the system decided, and how to appeal.
 */
export async function notifyOwner(
  deps: Pick<Deps, 'store' | 'clock' | 'logger'>,
  doc: DecisionDoc,
  summary: string,
  rule: Rule | null,
): Promise<void> {
  if (!doc.subjectUserId) return
  const subject = doc.targetKind ? `${WHAT[doc.targetKind]}「${summary}」` : '你的账号'
  const lines = [`${subject}：${labelOf(doc)}。`]
  if (doc.penaltyKind && doc.penaltyKind !== 'warning') {
    lines.push(doc.penaltyEndsAt === null ? '期限：未定。' : `期限：至 ${chinaDay(doc.penaltyEndsAt)}。`)
  }
  if (rule) lines.push(`依据：平台规则 ${rule.id}「${rule.title}」。`)
  if (doc.note) lines.push(`事实：${doc.note}`)
  lines.push(doc.decidedBy === 'person' ? '本次处理由审核员人工作出。' : '本次处理由系统自动作出。')
  if (doc.appealableUntil !== null) {
    lines.push(`如有异议，可在 ${chinaDay(doc.appealableUntil)} 前在「我的 - 处理记录」中申诉，由另一位审核员复核。`)
  }
  await notify(deps, doc.subjectUserId, {
    kind: doc.decision === 'penalty' ? 'penalty' : 'moderationDecision',
    title: doc.decision === 'penalty' ? `账号处罚：${labelOf(doc)}` : `内容处理结果：${labelOf(doc)}`,
    body: lines.join('\n'),
    target: doc.targetKind && doc.targetId ? { kind: doc.targetKind, id: doc.targetId } : null,
    decisionId: doc._id,
    rule: rule ? { id: rule.id, title: rule.title } : null,
  })
}

/**
 * Tells each reporter of the target how their report ended (已处理 · 已下架 / 已处理 · 未违规). The notice
 * names the kind of content, not its text: that is another member's, and goes when their account does.
 */
export async function notifyReporters(
  deps: Pick<Deps, 'store' | 'clock' | 'logger'>,
  reporters: string[],
  target: ModerationTarget,
  outcome: string,
): Promise<void> {
  for (const reporterId of new Set(reporters)) {
    await notify(deps, reporterId, {
      kind: 'reportOutcome',
      title: `举报处理结果：已处理 · ${outcome}`,
      body: `你举报的${REPORTED[target.kind]}已处理：${outcome}。详情见「我的举报」。感谢你帮助维护平台秩序。`,
      target,
    })
  }
}

const REPORTED: Record<ModerationTarget['kind'], string> = {
  listing: '信息',
  comment: '评论',
  image: '图片',
  conversation: '会话',
}
