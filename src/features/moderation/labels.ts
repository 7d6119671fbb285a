import {
  AUDIT_ACTIONS,
  DECISION_LABELS,
  PENALTY_LABELS,
  type AuditAction,
  type DecisionKind,
  type ModerationQueue,
  type QueueItem,
} from '@shared/contracts'
import dayjs from 'dayjs'

/** The 审核台's tabs, in the order a moderator works through them. */
export const QUEUE_TABS: Array<{ queue: ModerationQueue; label: string }> = [
  { queue: 'listings', label: '信息' },
  { queue: 'comments', label: '评论' },
  { queue: 'images', label: '图片' },
  { queue: 'reports', label: '举报' },
  { queue: 'appeals', label: '申诉' },
]

/** What each decision's button says (the notices use DECISION_LABELS). */
export const DECISION_BUTTONS: Record<DecisionKind, string> = {
  approve: '通过',
  reject: '不通过',
  takeDown: '下架',
  restore: '恢复展示',
  deleteComment: '删除评论',
  dismiss: '举报不成立',
}

/** The decisions that lead somewhere from an item of each queue (the server answers CONFLICT to the rest). */
export function decisionsFor(item: QueueItem): DecisionKind[] {
  switch (item.queue) {
    case 'listings':
      return ['approve', 'reject', 'takeDown']
    case 'comments':
      return ['approve', 'deleteComment']
    case 'images':
      return ['approve', 'takeDown']
    case 'reports':
      return item.target.kind === 'comment' ? ['deleteComment', 'dismiss'] : ['takeDown', 'dismiss']
    case 'appeals':
      return []
  }
}

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  decide: '处理内容',
  penalize: '处罚账号',
  decideAppeal: '处理申诉',
  grantRole: '授予角色',
  revokeRole: '撤销角色',
  claim: '认领',
  publishNotice: '发布公告',
  answerRequest: '答复请求',
  saveCategory: '编辑分类',
  moveCategory: '调整分类顺序',
  hideCategory: '隐藏或显示分类',
  deleteCategory: '删除分类',
  publishPolicy: '发布政策版本',
}

export const AUDIT_FILTERS: Array<{ action: AuditAction | undefined; label: string }> = [
  { action: undefined, label: '全部' },
  ...AUDIT_ACTIONS.map((action) => ({ action, label: AUDIT_ACTION_LABELS[action] })),
]

/** A decision or a penalty, as a person reads it: 「审核不通过」, 「处罚：禁止发布」. */
export function decisionLabel(decision: DecisionKind | 'penalty', penalty?: keyof typeof PENALTY_LABELS | null) {
  if (decision === 'penalty') return penalty ? `处罚：${PENALTY_LABELS[penalty]}` : '账号处罚'
  return DECISION_LABELS[decision]
}

/** 「2026年12月1日 14:05」 */
export function formatDateTime(timestamp: number): string {
  return dayjs(timestamp).format('YYYY年M月D日 HH:mm')
}
