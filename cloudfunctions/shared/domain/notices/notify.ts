import { Collections } from './collections'
import { SERVICE_KINDS, type NoticeKind } from '../../contracts/notices'
import type { Deps } from '../../core/deps'
import { errorFields } from '../../core/logger'
import type { StoredDocument } from '../../ports/document-store'
import { disabledKinds } from './preferences'

export type { NoticeKind }

export interface Notice {
  kind: NoticeKind
  title: string
  body: string
  target?: { kind: string; id: string } | null
  decisionId?: string | null
  /** The rule a moderation notice cites. */
  rule?: { id: string; title: string } | null
  /** An announcement marked as a service notice (other kinds are service by kind). */
  service?: boolean
  /** The listing a one-tap renew applies to (listingExpiring). */
  renewListingId?: string | null
  /** The broadcast this notice is the member's copy of. */
  broadcastId?: string | null
}

export interface NoticeDoc extends StoredDocument {
  userId: string
  kind: NoticeKind
  title: string
  body: string
  targetKind: string | null
  targetId: string | null
  decisionId: string | null
  ruleId: string | null
  ruleTitle: string | null
  service: boolean
  renewListingId: string | null
  broadcastId: string | null
  createdAt: number
  readAt: number | null
}

export const isService = (kind: NoticeKind, marked = false) => kind in SERVICE_KINDS || marked

/**
 * Stores a notice for the member: the one way every domain tells a member something. A kind the member
 * turned off is not stored (service kinds cannot be turned off). Never fails the action that caused it:
 * a notice that cannot be written is logged. Answers the notice's id, or null when none was stored.
 */
export async function notify(
  deps: Pick<Deps, 'store' | 'clock' | 'logger'>,
  userId: string,
  notice: Notice,
  id?: string,
): Promise<string | null> {
  const service = isService(notice.kind, notice.service === true)
  try {
    if (!service && (await disabledKinds(deps, userId)).includes(notice.kind)) return null
    const doc: Omit<NoticeDoc, '_id'> = {
      userId,
      kind: notice.kind,
      title: notice.title,
      body: notice.body,
      targetKind: notice.target?.kind ?? null,
      targetId: notice.target?.id ?? null,
      decisionId: notice.decisionId ?? null,
      ruleId: notice.rule?.id ?? null,
      ruleTitle: notice.rule?.title ?? null,
      service,
      renewListingId: notice.renewListingId ?? null,
      broadcastId: notice.broadcastId ?? null,
      createdAt: deps.clock.now(),
      readAt: null,
    }
    return await deps.store.insert(Collections.notices, id ? { _id: id, ...doc } : doc)
  } catch (error) {
    deps.logger.warn('notice not stored', { kind: notice.kind, ...errorFields(error) })
    return null
  }
}
