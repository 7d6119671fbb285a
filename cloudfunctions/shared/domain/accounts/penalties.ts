import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import { PENALTY_LABELS, type PenaltyKind } from '../../contracts/moderation'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import { chinaDay, DAY_MS } from '../common/china-time'
import type { UserDoc } from './users'

/**
 * Penalties on an account, imposed by moderators (the moderation domain) and enforced where the action
 * happens: publishing (listings), commenting and revealing (interactions), messaging. Stored here, beside
 * the account, so every domain can ask without depending on moderation. A penalty ends by its `endsAt`
 * (read at every check, so it lifts itself when due) or when an appeal lifts it (`liftedAt`).
 *
 * No penalty takes away a member's rights: appeals, 我的数据 and export, account deletion and requests to
 * the operator never ask here.
 */
export interface PenaltyDoc extends StoredDocument {
  userId: string
  kind: PenaltyKind
  ruleId: string
  /** The moderation decision that imposed it: an appeal names it. */
  decisionId: string
  startsAt: number
  /** null: no end (a warning, an account ban without a term). */
  endsAt: number | null
  liftedAt: number | null
}

/** What a member tries to do, and the penalties that stop it. */
export type Activity = 'publish' | 'comment' | 'reveal' | 'message' | 'interact'

const STOPPED_BY: Record<Activity, PenaltyKind[]> = {
  publish: ['publishBan', 'accountBan'],
  comment: ['commentBan', 'accountBan'],
  message: ['messageBan', 'accountBan'],
  reveal: ['accountBan'],
  interact: ['accountBan'],
}

const WHAT: Record<Activity, string> = {
  publish: '发布信息',
  comment: '评论',
  message: '发送私信',
  reveal: '查看联系方式',
  interact: '进行此操作',
}

export async function imposePenalty(
  deps: Pick<Deps, 'store' | 'clock'>,
  input: { userId: string; kind: PenaltyKind; days?: number; ruleId: string; decisionId: string },
): Promise<PenaltyDoc> {
  const now = deps.clock.now()
  const doc: PenaltyDoc = {
    _id: `pn_${input.decisionId}`,
    userId: input.userId,
    kind: input.kind,
    ruleId: input.ruleId,
    decisionId: input.decisionId,
    startsAt: now,
    endsAt: input.days === undefined ? null : now + input.days * DAY_MS,
    liftedAt: null,
  }
  await deps.store.insert(Collections.penalties, doc)
  return doc
}

/** A granted appeal lifts the penalty its decision imposed; answers whether one was in force. */
export async function liftPenalty(deps: Pick<Deps, 'store' | 'clock'>, decisionId: string): Promise<boolean> {
  return deps.store.update(
    Collections.penalties,
    `pn_${decisionId}`,
    { liftedAt: deps.clock.now() },
    { liftedAt: null },
  )
}

export function penaltyInForce(doc: PenaltyDoc, now: number): boolean {
  return doc.liftedAt === null && doc.kind !== 'warning' && (doc.endsAt === null || doc.endsAt > now)
}

/** Every penalty of the account, newest first (a history is short: moderators impose them one by one). */
export async function penaltiesOf(deps: Pick<Deps, 'store'>, userId: string): Promise<PenaltyDoc[]> {
  const { items } = await deps.store.find<PenaltyDoc>(Collections.penalties, {
    where: { userId },
    orderBy: [{ field: 'startsAt', direction: 'desc' }],
    limit: 100,
  })
  return items
}

/**
 * Refuses the activity while a penalty that stops it is in force, naming the penalty and its end
 * (China date); answers nothing otherwise.
 */
export async function assertMayAct(deps: Pick<Deps, 'store' | 'clock'>, userId: string, activity: Activity) {
  const now = deps.clock.now()
  const stopping = (await penaltiesOf(deps, userId)).filter(
    (p) => penaltyInForce(p, now) && STOPPED_BY[activity].includes(p.kind),
  )
  if (stopping.length === 0) return
  // The one that lasts longest is the one to name.
  const last = stopping.reduce((a, b) => (b.endsAt === null || (a.endsAt !== null && b.endsAt > a.endsAt) ? b : a))
  const until = last.endsAt === null ? '，期限未定' : `，至 ${chinaDay(last.endsAt)} 解除`
  throw new AppError(
    ErrorCode.NotAllowed,
    `你的账号因违反平台规则 ${last.ruleId} 已被${PENALTY_LABELS[last.kind]}${until}，暂时无法${WHAT[activity]}。如有异议可在「处理记录」中申诉`,
  )
}

/**
 * Account bans for the public 处罚公示 (newest first): the account as others see it, masked, with the rule
 * and the dates, and nothing else.
 */
export async function publicAccountBans(
  deps: Pick<Deps, 'store'>,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<{ account: string; penalty: PenaltyDoc }>> {
  const page = await deps.store.find<PenaltyDoc>(Collections.penalties, {
    where: { kind: 'accountBan', liftedAt: null },
    orderBy: [{ field: 'startsAt', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  const users = await Promise.all(page.items.map((p) => deps.store.get<UserDoc>(Collections.users, p.userId)))
  return {
    items: page.items.map((penalty, i) => ({ account: maskName(users[i]?.nickname ?? ''), penalty })),
    nextCursor: page.nextCursor,
  }
}

/** 「墨砚辞」 → 「墨**」; an empty or gone name → 「用户**」. */
function maskName(nickname: string): string {
  const first = [...nickname.trim()][0]
  return `${first ?? '用户'}**`
}
