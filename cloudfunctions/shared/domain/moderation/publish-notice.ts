import type * as v from 'valibot'
import { INCIDENT_PARTS, type IncidentPart, type PublishNoticeInput } from '../../contracts/notices'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { memberId, publicProfiles, GONE_MEMBER, roleOf } from '../accounts'
import { notify, publishBroadcast } from '../notices'
import { appendAudit } from './audit-log'
import { refOf } from './refs'

/**
 * An admin's announcement or incident notice. An incident notice carries the PIPL Art. 57 contents, each
 * under its own heading after the summary; it goes to everyone (a broadcast each member receives when they
 * next open 消息) or to the accounts named (written to each now).
 */
export async function publishNotice(
  ctx: ActionContext,
  input: v.InferOutput<typeof PublishNoticeInput>,
): Promise<{ id: string; sent: number | 'all' }> {
  const { deps } = ctx
  const adminId = memberId(ctx)
  if ((await roleOf(deps, adminId)) !== 'admin') throw new AppError(ErrorCode.NotAllowed, '只有管理员可以发布公告')
  const body =
    input.kind === 'incident' && input.incident
      ? [
          input.body,
          ...(Object.keys(INCIDENT_PARTS) as IncidentPart[]).map(
            (part) => `【${INCIDENT_PARTS[part]}】${input.incident![part]}`,
          ),
        ].join('\n\n')
      : input.body
  // An incident notice is a service notice whatever the flag says: it cannot be turned off.
  const service = input.kind === 'incident' || input.service
  let id: string
  let sent: number | 'all'
  if (input.audience === 'all') {
    id = await publishBroadcast(deps, { kind: input.kind, service, title: input.title, body })
    sent = 'all'
  } else {
    const profiles = await publicProfiles(deps, input.audience.userIds)
    const known = input.audience.userIds.filter((userId) => profiles.get(userId) !== GONE_MEMBER)
    if (known.length === 0) throw new AppError(ErrorCode.NotFound, '指定的账号都不存在', 'audience.userIds')
    const ids: string[] = []
    for (const userId of known) {
      const noticeId = await notify(deps, userId, { kind: input.kind, title: input.title, body, service })
      if (noticeId) ids.push(noticeId)
    }
    id = ids[0] ?? ''
    sent = ids.length
  }
  await appendAudit(deps, {
    actor: await refOf(deps, adminId),
    action: 'publishNotice',
    target: { kind: 'notice', id },
    before: null,
    after: `${input.kind}:${sent === 'all' ? 'all' : `${sent} 个账号`}`,
    note: input.title,
  })
  return { id, sent }
}
