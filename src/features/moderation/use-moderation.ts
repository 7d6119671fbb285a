import { useCallback } from 'react'
import type {
  AuditAction,
  AuditEntry,
  DecisionKind,
  ModerationQueue,
  ModerationTarget,
  PenaltyKind,
  QueueItem,
  Rule,
} from '@shared/contracts'
import { usePagedList, type PagedList } from '@/features/mine/paged-list'
import { useLoaded, type Loaded } from '@/features/privacy/use-loaded'
import { api } from '@/services/api'
import type { ApiError } from '@/services/api-error'
import { useAttempts } from './use-attempt'

export interface DecideRequest {
  target: ModerationTarget
  decision: DecisionKind
  ruleId?: string
  note: string
}

export interface PenalizeRequest {
  userId: string
  kind: PenaltyKind
  days?: number
  ruleId: string
  note: string
}

export interface AppealDecisionRequest {
  appealId: string
  outcome: 'grant' | 'deny'
  note: string
}

export interface ModerationQueueState extends PagedList<QueueItem> {
  /** The item an action is running for (its target id), to show its buttons as busy. */
  busyId: string | null
  /** The last refused action, with the target it was for. */
  actionError: (ApiError & { targetId: string }) | null
  claim(target: ModerationTarget): Promise<boolean>
  decide(request: DecideRequest): Promise<boolean>
  penalize(targetId: string, request: PenalizeRequest): Promise<boolean>
  decideAppeal(targetId: string, request: AppealDecisionRequest): Promise<boolean>
}

/**
 * One queue of the 审核台, oldest first, and what a moderator does with its items. After every decision
 * the queue is read again from the server: another moderator may have decided items meanwhile.
 */
export function useModerationQueue(queue: ModerationQueue): ModerationQueueState {
  const list = usePagedList<QueueItem>((cursor) => api.moderation.listQueue({ queue, cursor }), `queue:${queue}`, [
    'moderation',
  ])
  const { busyId, actionError, attempt } = useAttempts(list.refresh)

  const claim = useCallback(
    (target: ModerationTarget) => attempt(target.id, () => api.moderation.claim({ target }), true),
    [attempt],
  )
  const decide = useCallback(
    (request: DecideRequest) => attempt(request.target.id, () => api.moderation.decide(request), true),
    [attempt],
  )
  const penalize = useCallback(
    (targetId: string, request: PenalizeRequest) => attempt(targetId, () => api.moderation.penalize(request), true),
    [attempt],
  )
  const decideAppeal = useCallback(
    (targetId: string, request: AppealDecisionRequest) =>
      attempt(targetId, () => api.moderation.decideAppeal(request), true),
    [attempt],
  )

  return { ...list, busyId, actionError, claim, decide, penalize, decideAppeal }
}

/** The platform rules a decision cites (readable by anyone). */
export function useRules(): Loaded<Rule[]> {
  return useLoaded(() => api.moderation.listRules(), true)
}

/** 审核日志, newest first, optionally only one kind of action. */
export function useAuditLog(action: AuditAction | undefined): PagedList<AuditEntry> {
  return usePagedList<AuditEntry>(
    (cursor) => api.moderation.listAuditLog(action ? { cursor, action } : { cursor }),
    `audit:${action ?? 'all'}`,
    ['moderation'],
  )
}
