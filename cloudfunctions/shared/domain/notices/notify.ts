import { Collections } from './collections'
import { NOTICE_PAGE, SERVICE_KINDS, type NoticeKind } from '../../contracts/notices'
import type { Deps } from '../../core/deps'
import { errorFields } from '../../core/logger'
import type { StoredDocument } from '../../ports/document-store'
import { PushRefused } from '../../ports/notifier'
import { wechatOpenIdOf } from '../accounts'
import { disabledKinds, takePush } from './preferences'

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

const isService = (kind: NoticeKind, marked = false) => kind in SERVICE_KINDS || marked

/**
 * Stores a notice for the member: the one way every domain tells a member something. A kind the member
 * turned off is not stored (service kinds cannot be turned off). Never fails the action that caused it:
 * a notice that cannot be written is logged. Answers the notice's id, or null when none was stored.
 */
export async function notify(deps: NotifyDeps, userId: string, notice: Notice, id?: string): Promise<string | null> {
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
    const stored = await deps.store.insert(Collections.notices, id ? { _id: id, ...doc } : doc)
    if (deps.notifier) await push(deps as NotifyDeps & Pick<Deps, 'notifier'>, userId, notice)
    return stored
  } catch (error) {
    deps.logger.warn('notice not stored', { kind: notice.kind, ...errorFields(error) })
    return null
  }
}

/** What notify needs; without a notifier (a job's narrow deps in tests) nothing is pushed. */
export type NotifyDeps = Pick<Deps, 'store' | 'clock' | 'logger'> & Partial<Pick<Deps, 'notifier'>>

/**
 * After the notice is stored: a subscription message, when the kind has a template, the member agreed to
 * one (each agreement is good for one message) and has a WeChat identity. A refusal or an outage is logged
 * and never reaches the action that caused the notice.
 */
async function push(deps: NotifyDeps & Pick<Deps, 'notifier'>, userId: string, notice: Notice): Promise<void> {
  const templateId = deps.notifier.templateFor(notice.kind)
  if (!templateId) return
  try {
    const openId = await wechatOpenIdOf(deps, userId)
    if (!openId || !(await takePush(deps, userId, notice.kind))) return
    await deps.notifier.send({
      openId,
      templateId,
      page: NOTICE_PAGE,
      title: notice.title,
      summary: notice.body,
      at: deps.clock.now(),
    })
    deps.logger.info('subscription message sent', { kind: notice.kind })
  } catch (error) {
    const fields = { kind: notice.kind, ...errorFields(error) }
    if (error instanceof PushRefused)
      deps.logger.info('subscription message refused', { ...fields, errcode: error.code })
    else deps.logger.warn('subscription message not sent', fields)
  }
}

/**
 * Marks read the member's unread notices about one thing (a conversation they have just opened), so the
 * badge does not count what they have already seen where it happened. Like notify, never fails its caller.
 */
export async function markReadAbout(
  deps: Pick<Deps, 'store' | 'clock' | 'logger'>,
  userId: string,
  target: { kind: string; id: string },
): Promise<void> {
  try {
    const { items } = await deps.store.find<NoticeDoc>(Collections.notices, {
      where: { userId, readAt: null, targetKind: target.kind, targetId: target.id },
      orderBy: [{ field: 'createdAt', direction: 'desc' }],
      limit: 50,
    })
    const now = deps.clock.now()
    for (const doc of items) await deps.store.update(Collections.notices, doc._id, { readAt: now }, { readAt: null })
  } catch (error) {
    deps.logger.error('notices not marked read', { targetKind: target.kind, ...errorFields(error) })
  }
}
