import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import type { NoticeItem, NoticeKind, NoticePreference } from '../../contracts/notices'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { loadMember } from '../accounts'
import { receiveBroadcasts } from './broadcasts'
import type { NoticeDoc } from './notify'
import { acceptPushes, preferencesOf, setPreference, toPreferences } from './preferences'

/** 消息: the member's notices, newest first, with the broadcasts they have not yet received copied in. */
async function member(ctx: ActionContext): Promise<string> {
  const user = await loadMember(ctx)
  await receiveBroadcasts(ctx.deps, user._id, user.createdAt)
  return user._id
}

export async function listNotices(
  ctx: ActionContext,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<NoticeItem>> {
  const userId = await member(ctx)
  const page = await ctx.deps.store.find<NoticeDoc>(Collections.notices, {
    where: { userId },
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  return { items: page.items.map(toItem), nextCursor: page.nextCursor }
}

export async function countUnread(ctx: ActionContext): Promise<{ unread: number }> {
  const userId = await member(ctx)
  return { unread: await ctx.deps.store.count(Collections.notices, { userId, readAt: null }) }
}

export async function markRead(
  ctx: ActionContext,
  input: { ids: string[] } | { all: true },
): Promise<{ marked: number }> {
  const userId = await member(ctx)
  const now = ctx.deps.clock.now()
  const { store } = ctx.deps
  if ('all' in input) {
    let marked = 0
    for (;;) {
      const { items } = await store.find<NoticeDoc>(Collections.notices, {
        where: { userId, readAt: null },
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit: 200,
      })
      if (items.length === 0) return { marked }
      for (const doc of items)
        if (await store.update(Collections.notices, doc._id, { readAt: now }, { readAt: null })) marked++
    }
  }
  // All or nothing: an id that is not the member's notice refuses the whole request before anything changes.
  const docs = await Promise.all(input.ids.map((id) => store.get<NoticeDoc>(Collections.notices, id)))
  if (docs.some((doc) => !doc || doc.userId !== userId)) throw new AppError(ErrorCode.NotFound, '通知不存在')
  let marked = 0
  for (const doc of docs as NoticeDoc[]) {
    if (await store.update(Collections.notices, doc._id, { readAt: now }, { readAt: null })) marked++
  }
  return { marked }
}

export async function getPreferences(ctx: ActionContext): Promise<NoticePreference[]> {
  const user = await loadMember(ctx)
  return toPreferences(await preferencesOf(ctx.deps, user._id), ctx.deps.notifier)
}

export async function acceptSubscriptions(
  ctx: ActionContext,
  input: { kinds: NoticeKind[] },
): Promise<NoticePreference[]> {
  const user = await loadMember(ctx)
  return acceptPushes(ctx.deps, user._id, input.kinds)
}

export async function setPreferences(
  ctx: ActionContext,
  input: { kind: NoticeKind; enabled: boolean },
): Promise<NoticePreference[]> {
  const user = await loadMember(ctx)
  return setPreference(ctx.deps, user._id, input.kind, input.enabled)
}

function toItem(doc: NoticeDoc): NoticeItem {
  const read = doc.readAt !== null
  return {
    id: doc._id,
    kind: doc.kind,
    title: doc.title,
    body: doc.body,
    read,
    createdAt: doc.createdAt,
    service: doc.service,
    prominent: doc.kind === 'incident' && !read,
    decisionId: doc.decisionId,
    rule: doc.ruleId ? { id: doc.ruleId, title: doc.ruleTitle ?? '' } : null,
    target: doc.targetKind && doc.targetId ? { kind: doc.targetKind, id: doc.targetId } : null,
    action: doc.renewListingId ? { kind: 'renewListing', listingId: doc.renewListingId } : null,
  }
}
