import { Collections, AUDIT_RETENTION_DAYS } from './collections'
import type { Page } from '../../contracts/common'
import type { AuditAction, AuditEntry } from '../../contracts/moderation'
import type { Deps } from '../../core/deps'
import type { Filter, StoredDocument } from '../../ports/document-store'
import { DAY_MS } from '../common/china-time'

/**
 * The audit log: every moderator and admin action, appended and never changed. An entry names the actor by
 * their pseudonymous reference (refs.ts) or `operator` (the command line), the target by id, the state
 * before and after, the rule and the note — never the content itself, so purging an account leaves
 * nothing of the person here. Nothing in the code updates or deletes an entry (only the retention job,
 * after AUDIT_RETENTION_DAYS, like every record with a `retainUntil`).
 */
interface AuditDoc extends StoredDocument {
  actor: string
  action: AuditAction
  targetKind: NonNullable<AuditEntry['target']>['kind'] | null
  targetId: string | null
  before: string | null
  after: string | null
  ruleId: string | null
  note: string
  at: number
  retainUntil: number
}

export const OPERATOR = 'operator'

export interface AuditRecord {
  actor: string
  action: AuditAction
  target: AuditEntry['target']
  before?: string | null
  after?: string | null
  ruleId?: string | null
  note?: string
}

export async function appendAudit(deps: Pick<Deps, 'store' | 'clock'>, record: AuditRecord): Promise<void> {
  const at = deps.clock.now()
  await deps.store.insert(Collections.auditLog, {
    actor: record.actor,
    action: record.action,
    targetKind: record.target?.kind ?? null,
    targetId: record.target?.id ?? null,
    before: record.before ?? null,
    after: record.after ?? null,
    ruleId: record.ruleId ?? null,
    note: record.note ?? '',
    at,
    retainUntil: at + AUDIT_RETENTION_DAYS * DAY_MS,
  } satisfies Omit<AuditDoc, '_id'>)
}

export async function listAuditLog(
  deps: Pick<Deps, 'store'>,
  myRef: string,
  input: { cursor: string | null; pageSize: number; action?: AuditAction; targetId?: string },
): Promise<Page<AuditEntry>> {
  const where: Filter = {}
  if (input.action) where.action = input.action
  if (input.targetId) where.targetId = input.targetId
  const page = await deps.store.find<AuditDoc>(Collections.auditLog, {
    where,
    orderBy: [{ field: 'at', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  return {
    items: page.items.map((doc) => ({
      id: doc._id,
      actor: doc.actor,
      mine: doc.actor === myRef,
      action: doc.action,
      target: doc.targetKind && doc.targetId ? { kind: doc.targetKind, id: doc.targetId } : null,
      before: doc.before,
      after: doc.after,
      ruleId: doc.ruleId,
      note: doc.note,
      at: doc.at,
    })),
    nextCursor: page.nextCursor,
  }
}
