import { Collections } from './collections'
import type { NoticeKind } from '../../contracts/notices'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import { derivedId } from '../common/derived-id'
import { notify } from './notify'
import { preferencesOf, updatePreferences } from './preferences'

/**
 * A notice to everyone: stored once, and copied into each member's notices the next time they open or
 * count them (each copy's id derives from the broadcast and the member, so a copy is made once). A member
 * gets the broadcasts published since they joined.
 */
export interface BroadcastDoc extends StoredDocument {
  kind: Extract<NoticeKind, 'announcement' | 'incident'>
  service: boolean
  title: string
  body: string
  createdAt: number
}

export async function publishBroadcast(
  deps: Pick<Deps, 'store' | 'clock'>,
  notice: Omit<BroadcastDoc, '_id' | 'createdAt'>,
): Promise<string> {
  return deps.store.insert(Collections.broadcasts, { ...notice, createdAt: deps.clock.now() })
}

/**
 * Copies the broadcasts the member has not yet received into their notices. `broadcastsUntil` moves only
 * when a newer broadcast was found, so opening or counting 消息 writes nothing on the usual call.
 */
export async function receiveBroadcasts(
  deps: Pick<Deps, 'store' | 'clock' | 'logger'>,
  userId: string,
  joinedAt: number,
): Promise<void> {
  const since = Math.max((await preferencesOf(deps, userId))?.broadcastsUntil ?? 0, joinedAt)
  const { items } = await deps.store.find<BroadcastDoc>(Collections.broadcasts, {
    where: { createdAt: { gte: since, lte: deps.clock.now() } },
    orderBy: [{ field: 'createdAt', direction: 'asc' }],
    limit: 100,
  })
  for (const broadcast of items) {
    const id = derivedId('bc', broadcast._id, userId)
    if (await deps.store.get(Collections.notices, id)) continue
    await notify(
      deps,
      userId,
      {
        kind: broadcast.kind,
        title: broadcast.title,
        body: broadcast.body,
        service: broadcast.service,
        broadcastId: broadcast._id,
      },
      id,
    )
  }
  // The newest one seen stays in range (`gte`), so one published in the same millisecond is not skipped;
  // its copy already exists, and nothing is written again.
  const until = items.at(-1)?.createdAt
  if (until !== undefined && until > since) await updatePreferences(deps, userId, () => ({ broadcastsUntil: until }))
}
