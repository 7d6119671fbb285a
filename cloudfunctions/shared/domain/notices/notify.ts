import { Collections } from './collections'
import type { Deps } from '../../core/deps'
import { errorFields } from '../../core/logger'
import type { StoredDocument } from '../../ports/document-store'

/**
 * A notice to one member. Kinds a later release lets members turn off are marked there; every kind this
 * release writes is a service notice about the member's own content or account.
 */
export type NoticeKind = 'moderationDecision' | 'appealOutcome' | 'penalty' | 'reportOutcome'

export interface Notice {
  kind: NoticeKind
  title: string
  body: string
  target?: { kind: string; id: string } | null
  decisionId?: string | null
}

export interface NoticeDoc extends StoredDocument {
  userId: string
  kind: NoticeKind
  title: string
  body: string
  targetKind: string | null
  targetId: string | null
  decisionId: string | null
  createdAt: number
  readAt: number | null
}

/**
 * Stores a notice for the member: the one way every domain tells a member something (the notice centre
 * reads these). Never fails the action that caused it: a notice that cannot be written is logged.
 */
export async function notify(
  deps: Pick<Deps, 'store' | 'clock' | 'logger'>,
  userId: string,
  notice: Notice,
): Promise<string | null> {
  const doc: Omit<NoticeDoc, '_id'> = {
    userId,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    targetKind: notice.target?.kind ?? null,
    targetId: notice.target?.id ?? null,
    decisionId: notice.decisionId ?? null,
    createdAt: deps.clock.now(),
    readAt: null,
  }
  try {
    return await deps.store.insert(Collections.notices, doc)
  } catch (error) {
    deps.logger.warn('notice not stored', { kind: notice.kind, ...errorFields(error) })
    return null
  }
}

/** The member's notices, newest first (the notice centre pages these). */
export async function noticesOf(
  deps: Pick<Deps, 'store'>,
  userId: string,
  input: { cursor: string | null; pageSize: number },
) {
  return deps.store.find<NoticeDoc>(Collections.notices, {
    where: { userId },
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
}
