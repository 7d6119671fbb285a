import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import { COMMENT_HOURLY_LIMIT, type CommentItem } from '../../contracts/interactions'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Caller } from '../../core/caller'
import type { ActionContext } from '../../core/action-context'
import type { StoredDocument } from '../../ports/document-store'
import { findListing, type ListingDoc } from '../listings'
import { isPoster, loadListingFor, loadVisibleListing } from './listings-access'
import { assertMayAct, GONE_MEMBER, memberId, notePostingRegion, publicProfiles, type PublicProfile } from '../accounts'
import { UNKNOWN_REGION } from '../../ports/ip-region'
import { claimQuota } from '../common/quotas'
import { HOUR_MS } from '../common/china-time'
import { hourWindow } from '../common/derived-id'
import { notify } from '../notices'

/**
 * `held`: the content checker asked for a human look (or WeChat's check was down). Held comments are
 * stored for the moderators but listed to nobody until approved. `hidden`: reported by enough members,
 * listed to nobody until reviewed. `removed`: deleted by a moderator, kept (listed to nobody) so that an
 * appeal can bring it back.
 */
export type CommentStatus = 'visible' | 'held' | 'hidden' | 'removed'

export interface CommentDoc extends StoredDocument {
  listingId: string
  authorId: string
  content: string
  /** IP属地 when it was posted; absent on older comments. */
  ipRegion?: string
  status: CommentStatus
  createdAt: number
}

export const COMMENT_GONE = '评论不存在或已删除'

export async function postComment(
  ctx: ActionContext,
  input: { listingId: string; content: string },
): Promise<CommentItem> {
  const authorId = memberId(ctx)
  const { deps } = ctx
  await assertMayAct(deps, authorId, 'comment')
  const listing = await loadVisibleListing(deps, input.listingId)
  const now = deps.clock.now()
  // Counted before the content check, so probing the checker costs quota too.
  await claimQuota(deps, {
    kind: 'comment',
    subject: authorId,
    window: hourWindow(now),
    limit: COMMENT_HOURLY_LIMIT,
    retainUntil: now + 2 * HOUR_MS,
    message: '评论过于频繁，请稍后再试',
  })
  const status = await checkComment(ctx, input.content)
  const ipRegion = await notePostingRegion(ctx, authorId)
  const fields = { listingId: listing._id, authorId, content: input.content, ipRegion, status, createdAt: now }
  const comment: CommentDoc = { _id: await deps.store.insert(Collections.comments, fields), ...fields }
  // The poster's own title only: the commenter's words stay in the comment, which their account purge removes.
  if (status === 'visible' && listing.posterId !== authorId) {
    await notify(deps, listing.posterId, {
      kind: 'comment',
      title: '你的信息收到新评论',
      body: `「${listing.title}」收到一条新评论，打开信息即可查看和回复。`,
      target: { kind: 'listing', id: listing._id },
    })
  }
  const author = (await publicProfiles(deps, [authorId])).get(authorId) ?? GONE_MEMBER
  return toItem(comment, author, ctx.caller, listing)
}

/**
 * Newest first, readable by guests like the listing itself (the poster also on their hidden listing).
 * `mine` / `canDelete` depend on the caller, so the page is never shared between callers.
 */
export async function listComments(
  ctx: ActionContext,
  input: { listingId: string; cursor: string | null; pageSize: number },
): Promise<Page<CommentItem>> {
  const { deps } = ctx
  const listing = await loadListingFor(deps, ctx.caller, input.listingId)
  const page = await deps.store.find<CommentDoc>(Collections.comments, {
    where: { listingId: listing._id, status: 'visible' },
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  const authors = await publicProfiles(
    deps,
    page.items.map((c) => c.authorId),
  )
  return {
    items: page.items.map((c) => toItem(c, authors.get(c.authorId) ?? GONE_MEMBER, ctx.caller, listing)),
    nextCursor: page.nextCursor,
  }
}

/**
 * The author deletes their own comment; the poster removes any comment on their listing. Deleted means
 * gone (hard delete): a member's deleted words are not kept, and a report of the comment keeps its own
 * excerpt for the moderators.
 */
export async function deleteComment(ctx: ActionContext, commentId: string): Promise<{ deleted: true }> {
  const callerId = memberId(ctx)
  const { store } = ctx.deps
  const comment = await store.get<CommentDoc>(Collections.comments, commentId)
  if (!comment) throw new AppError(ErrorCode.NotFound, COMMENT_GONE)
  if (comment.authorId !== callerId) {
    const listing = await findListing(ctx.deps, comment.listingId)
    if (!listing || listing.posterId !== callerId) throw new AppError(ErrorCode.NotAllowed, '只能删除自己的评论')
  }
  if (!(await store.delete(Collections.comments, commentId))) throw new AppError(ErrorCode.NotFound, COMMENT_GONE)
  return { deleted: true }
}

/**
 * The content checker decides: a refused comment is an input error on `content` with the checker's
 * reason, so the form shows it where the text is; a comment needing review is kept but held.
 */
async function checkComment(ctx: ActionContext, text: string): Promise<CommentStatus> {
  const openId = ctx.identity.kind === 'wechat' ? ctx.identity.openId : undefined
  const { verdict, reason, label } = await ctx.deps.content.check({ text, scene: 'comment', openId })
  if (verdict === 'pass') return 'visible'
  ctx.deps.logger.info('comment checked', { verdict, label, requestId: ctx.requestId })
  if (verdict === 'review') return 'held'
  throw new AppError(ErrorCode.InvalidInput, reason ?? '评论内容不符合社区规范，请修改后再发', 'content')
}

function toItem(doc: CommentDoc, author: PublicProfile, caller: Caller, listing: ListingDoc): CommentItem {
  const mine = caller.kind === 'member' && caller.userId === doc.authorId
  return {
    id: doc._id,
    listingId: doc.listingId,
    content: doc.content,
    author: { nickname: author.nickname, avatarUrl: author.avatarUrl },
    ipRegion: doc.ipRegion ?? UNKNOWN_REGION,
    createdAt: doc.createdAt,
    held: doc.status === 'held',
    mine,
    canDelete: mine || isPoster(caller, listing),
  }
}
