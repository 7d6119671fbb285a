import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import {
  MESSAGE_HOURLY_LIMIT,
  UNDELIVERABLE,
  type CardField,
  type ConversationItem,
  type ConversationPage,
  type MessageItem,
  type SentCard,
} from '../../contracts/messages'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import type { Deps } from '../../core/deps'
import { assertMayAct, GONE_MEMBER, memberId, publicProfiles } from '../accounts'
import { chinaDay, DAY_MS, HOUR_MS } from '../common/china-time'
import { hourWindow } from '../common/derived-id'
import { excerpt } from '../common/excerpt'
import { insertOnce } from '../common/insert-once'
import { claimQuota } from '../common/quotas'
import { findListing, isVisible, type ListingDoc } from '../listings'
import { markReadAbout, notify } from '../notices'
import { isBlocked } from './block-list'
import { chosenCard } from '../cards'
import {
  CONVERSATION_GONE,
  conversationIdOf,
  findConversation,
  idOf,
  otherSide,
  sideOf,
  type ConversationDoc,
  type MessageDoc,
  type Side,
} from './docs'
import { inquiriesOpen } from './inquiry-settings'

const PREVIEW_LENGTH = 40

/** A conversation the caller is a side of; any other reads as missing, so its existence is not told. */
async function ownConversation(ctx: ActionContext, id: string): Promise<{ doc: ConversationDoc; side: Side }> {
  const me = memberId(ctx)
  const doc = await findConversation(ctx.deps, id)
  const side = doc ? sideOf(doc, me) : null
  if (!doc || !side) throw new AppError(ErrorCode.NotFound, CONVERSATION_GONE)
  return { doc, side }
}

export async function sendInquiry(
  ctx: ActionContext,
  input: { listingId: string; text: string; card?: { fields: CardField[] } },
): Promise<{ conversationId: string; message: MessageItem }> {
  const me = memberId(ctx)
  const { deps } = ctx
  await assertMayAct(deps, me, 'message')
  const listing = await findListing(deps, input.listingId)
  const now = deps.clock.now()
  if (!listing || !isVisible(listing, now)) throw new AppError(ErrorCode.NotFound, '该信息不存在或已下架')
  if (listing.posterId === me) throw new AppError(ErrorCode.NotAllowed, '不能给自己发布的信息留言')
  const id = conversationIdOf(listing._id, me)
  let doc = await findConversation(deps, id)
  if (doc && (doc.posterId === null || doc.closedAt !== null)) throw new AppError(ErrorCode.NotAllowed, UNDELIVERABLE)
  // Inquiries off and a block by the poster answer alike, so the answer does not tell which.
  if (!(await inquiriesOpen(deps, listing._id)) || (await isBlocked(deps, listing.posterId, me))) {
    throw new AppError(ErrorCode.NotAllowed, UNDELIVERABLE)
  }
  if (await isBlocked(deps, me, listing.posterId)) throw new AppError(ErrorCode.NotAllowed, BLOCKED_BY_ME)
  const card = input.card ? await chosenCard(ctx.deps, me, input.card.fields) : null
  if (!doc) {
    await claimQuota(deps, {
      kind: 'inquiry',
      subject: me,
      window: chinaDay(now),
      limit: deps.limits.inquiriesPerDay,
      key: listing._id,
      retainUntil: now + 2 * DAY_MS,
      message: `今天发起的咨询已达 ${deps.limits.inquiriesPerDay} 个，请明天再试`,
    })
    doc = await openConversation(deps, listing, me, now)
  }
  const message = await deliver(ctx, doc, 'asker', input.text, card)
  return { conversationId: doc._id, message }
}

export async function replyToConversation(
  ctx: ActionContext,
  input: { conversationId: string; text: string },
): Promise<MessageItem> {
  const { doc, side } = await ownConversation(ctx, input.conversationId)
  await assertMayAct(ctx.deps, memberId(ctx), 'message')
  await assertDeliverable(ctx, doc, side)
  return deliver(ctx, doc, side, input.text, null)
}

export async function sendCard(
  ctx: ActionContext,
  input: { conversationId: string; fields: CardField[] },
): Promise<MessageItem> {
  const { doc, side } = await ownConversation(ctx, input.conversationId)
  const me = memberId(ctx)
  await assertMayAct(ctx.deps, me, 'message')
  await assertDeliverable(ctx, doc, side)
  return deliver(ctx, doc, side, '', await chosenCard(ctx.deps, me, input.fields))
}

const BLOCKED_BY_ME = '你已屏蔽对方，解除屏蔽后才能发送消息'

async function assertDeliverable(ctx: ActionContext, doc: ConversationDoc, side: Side): Promise<void> {
  const me = memberId(ctx)
  const them = idOf(doc, otherSide(side))
  if (doc.closedAt !== null || them === null || (await isBlocked(ctx.deps, them, me))) {
    throw new AppError(ErrorCode.NotAllowed, UNDELIVERABLE)
  }
  if (await isBlocked(ctx.deps, me, them)) throw new AppError(ErrorCode.NotAllowed, BLOCKED_BY_ME)
}

async function openConversation(
  deps: Deps,
  listing: ListingDoc,
  askerId: string,
  now: number,
): Promise<ConversationDoc> {
  const doc: ConversationDoc = {
    _id: conversationIdOf(listing._id, askerId),
    listingId: listing._id,
    listingTitle: listing.title,
    posterId: listing.posterId,
    askerId,
    members: [listing.posterId, askerId],
    createdAt: now,
    lastAt: now,
    posterUnread: false,
    askerUnread: false,
    // Nothing read yet; sending marks the sender's own side read up to then.
    posterReadAt: 0,
    askerReadAt: 0,
    closedAt: null,
  }
  // Two first inquiries at once land on the same id: the second continues the conversation the first opened.
  if (await insertOnce(deps, Collections.conversations, doc)) return doc
  const stored = await findConversation(deps, doc._id)
  if (!stored) throw new AppError(ErrorCode.Conflict, '请稍后重试')
  return stored
}

/** Content-checked, counted, stored; the other side's unread flag set and, on a first unread, a notice. */
async function deliver(
  ctx: ActionContext,
  doc: ConversationDoc,
  side: Side,
  text: string,
  card: SentCard | null,
): Promise<MessageItem> {
  const { deps } = ctx
  const me = memberId(ctx)
  const now = deps.clock.now()
  await claimQuota(deps, {
    kind: 'message',
    subject: me,
    window: hourWindow(now),
    limit: MESSAGE_HOURLY_LIMIT,
    retainUntil: now + 2 * HOUR_MS,
    message: '发送过于频繁，请稍后再试',
  })
  if (text.length > 0) await checkText(ctx, text)
  const fields = { conversationId: doc._id, senderId: me, text, card, createdAt: now }
  const id = await deps.store.insert(Collections.conversationMessages, fields)
  const them = otherSide(side)
  const wasUnread = them === 'poster' ? doc.posterUnread : doc.askerUnread
  await deps.store.update(Collections.conversations, doc._id, {
    lastAt: now,
    [`${them}Unread`]: true,
    [`${side}Unread`]: false,
    [`${side}ReadAt`]: now,
  })
  const recipient = idOf(doc, them)
  if (recipient && !wasUnread) {
    await notify(deps, recipient, {
      kind: 'inquiry',
      title: side === 'asker' ? '你的信息收到留言咨询' : '你的咨询收到回复',
      body: `关于「${doc.listingTitle}」的会话有新消息，打开会话即可查看和回复。`,
      target: { kind: 'conversation', id: doc._id },
    })
  }
  return { id, mine: true, text, card, createdAt: now }
}

/**
 * Private messages are checked like comments, except that a text the checker wants a person to look at is
 * refused rather than held: moderators read a private conversation only when one of its sides reports it.
 */
async function checkText(ctx: ActionContext, text: string): Promise<void> {
  const openId = ctx.identity.kind === 'wechat' ? ctx.identity.openId : undefined
  const { verdict, reason, label } = await ctx.deps.content.check({ text, scene: 'social', openId })
  if (verdict === 'pass') return
  ctx.deps.logger.info('message checked', { verdict, label, requestId: ctx.requestId })
  throw new AppError(ErrorCode.InvalidInput, reason ?? '消息内容可能不符合社区规范，请修改后再发', 'text')
}

export async function listConversations(
  ctx: ActionContext,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<ConversationItem>> {
  const me = memberId(ctx)
  const page = await ctx.deps.store.find<ConversationDoc>(Collections.conversations, {
    where: { members: { all: [me] } },
    orderBy: [{ field: 'lastAt', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  return { items: await toItems(ctx.deps, me, page.items), nextCursor: page.nextCursor }
}

/** Newest first; reading the first page marks the other side's messages up to then as read. */
export async function listConversationMessages(
  ctx: ActionContext,
  input: { conversationId: string; cursor: string | null; pageSize: number },
): Promise<ConversationPage> {
  const { doc, side } = await ownConversation(ctx, input.conversationId)
  const { deps } = ctx
  const me = memberId(ctx)
  const page = await deps.store.find<MessageDoc>(Collections.conversationMessages, {
    where: { conversationId: doc._id },
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  let current = doc
  if (input.cursor === null) {
    const readAt = deps.clock.now()
    // Only if nothing arrived since this conversation was read: a message sent meanwhile stays unread.
    const marked = await deps.store.update(
      Collections.conversations,
      doc._id,
      { [`${side}Unread`]: false, [`${side}ReadAt`]: readAt },
      { lastAt: doc.lastAt },
    )
    if (marked) current = { ...doc, [`${side}Unread`]: false, [`${side}ReadAt`]: readAt }
    await markReadAbout(deps, me, { kind: 'conversation', id: doc._id })
  }
  const [conversation] = await toItems(deps, me, [current])
  return {
    conversation,
    items: page.items.map((m) => ({
      id: m._id,
      mine: m.senderId === me,
      text: m.text,
      card: m.card,
      createdAt: m.createdAt,
    })),
    nextCursor: page.nextCursor,
  }
}

export async function countUnread(ctx: ActionContext): Promise<{ conversations: number }> {
  const me = memberId(ctx)
  const { store } = ctx.deps
  const [asPoster, asAsker] = await Promise.all([
    store.count(Collections.conversations, { posterId: me, posterUnread: true }),
    store.count(Collections.conversations, { askerId: me, askerUnread: true }),
  ])
  return { conversations: asPoster + asAsker }
}

async function toItems(deps: Deps, me: string, docs: ConversationDoc[]): Promise<ConversationItem[]> {
  const others = docs.map((d) => idOf(d, otherSide(sideOf(d, me) ?? 'asker')))
  const profiles = await publicProfiles(
    deps,
    others.filter((id): id is string => id !== null),
  )
  const now = deps.clock.now()
  return Promise.all(
    docs.map(async (doc, i) => {
      const side = sideOf(doc, me) ?? 'asker'
      const otherId = others[i]
      const [last, unread, blocked, listing] = await Promise.all([
        lastMessage(deps, doc._id),
        otherId ? unreadFrom(deps, doc, side, otherId) : Promise.resolve(0),
        otherId ? isBlocked(deps, me, otherId) : Promise.resolve(false),
        findListing(deps, doc.listingId),
      ])
      return {
        conversationId: doc._id,
        listingId: doc.listingId,
        listingTitle: doc.listingTitle,
        listingAvailable: listing !== null && isVisible(listing, now),
        role: side,
        other: (otherId ? profiles.get(otherId) : undefined) ?? GONE_MEMBER,
        lastText: last ? preview(last) : '',
        lastAt: doc.lastAt,
        unread,
        blocked,
        closed: doc.closedAt !== null,
      }
    }),
  )
}

async function lastMessage(deps: Pick<Deps, 'store'>, conversationId: string): Promise<MessageDoc | null> {
  const { items } = await deps.store.find<MessageDoc>(Collections.conversationMessages, {
    where: { conversationId },
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
    limit: 1,
  })
  return items[0] ?? null
}

function unreadFrom(deps: Pick<Deps, 'store'>, doc: ConversationDoc, side: Side, otherId: string): Promise<number> {
  const flagged = side === 'poster' ? doc.posterUnread : doc.askerUnread
  if (!flagged) return Promise.resolve(0)
  const readAt = side === 'poster' ? doc.posterReadAt : doc.askerReadAt
  return deps.store.count(Collections.conversationMessages, {
    conversationId: doc._id,
    senderId: otherId,
    createdAt: { gt: readAt },
  })
}

function preview(message: MessageDoc): string {
  if (message.text.length === 0) return '[名片]'
  return excerpt(message.text, PREVIEW_LENGTH)
}
