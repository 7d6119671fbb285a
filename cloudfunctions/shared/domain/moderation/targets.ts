import type { DecisionKind, ModerationTarget, QueueItem } from '../../contracts/moderation'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { applyCommentDecision, findComment, type CommentDecision, type CommentDoc } from '../interactions'
import {
  applyImageDecision,
  applyListingDecision,
  findImage,
  findListing,
  type ImageDecision,
  type ListingDecision,
  type ListingDoc,
  type ListingImageDoc,
} from '../listings'
import { excerpt } from '../common/excerpt'
import { applyConversationDecision, conversationForReview, type ConversationDecision } from '../messages'

/**
 * The things moderators decide about, each read and changed through the domain that owns it. A target
 * answers who owns it, how to name it in a notice, what the queue shows of it, and which decisions apply.
 */
export interface LoadedTarget {
  target: ModerationTarget
  ownerId: string | null
  /** The title or the start of the text, for notices and 处理记录. */
  summary: string
  content: QueueItem['content']
  heldBecause: string | null
}

const LISTING_STATES: Record<string, string> = {
  pending: '审核中',
  published: '展示中',
  rejected: '未通过审核',
  takenDown: '发布者已下架',
  withheld: '账号注销中',
  hidden: '因举报暂时隐藏',
  removed: '已被平台下架',
  expired: '已过期',
  draft: '草稿',
}
const COMMENT_STATES: Record<CommentDoc['status'], string> = {
  visible: '展示中',
  held: '待审核',
  hidden: '因举报暂时隐藏',
  removed: '已被平台删除',
}
const IMAGE_STATES: Record<NonNullable<ListingImageDoc['check']>, string> = {
  pending: '等待检测结果',
  held: '待审核',
  passed: '展示中',
  removed: '已被平台下架',
}

const SUMMARY_LENGTH = 40
const summaryOf = (text: string) => excerpt(text, SUMMARY_LENGTH)

export function fromListing(doc: ListingDoc): LoadedTarget {
  return {
    target: { kind: 'listing', id: doc._id },
    ownerId: doc.posterId,
    summary: summaryOf(doc.title),
    content: {
      title: doc.title,
      text: doc.description,
      images: doc.images,
      listingId: doc._id,
      state: LISTING_STATES[doc.status] ?? doc.status,
    },
    heldBecause: doc.status === 'pending' ? (doc.reviewReason ?? null) : null,
  }
}

export async function fromComment(deps: Pick<Deps, 'store'>, doc: CommentDoc): Promise<LoadedTarget> {
  const listing = await findListing(deps, doc.listingId)
  return {
    target: { kind: 'comment', id: doc._id },
    ownerId: doc.authorId,
    summary: summaryOf(doc.content),
    content: {
      title: listing?.title ?? '（信息已删除）',
      text: doc.content,
      images: [],
      listingId: doc.listingId,
      state: COMMENT_STATES[doc.status],
    },
    heldBecause: doc.status === 'held' ? '内容检测建议人工复核' : null,
  }
}

export async function fromImage(deps: Pick<Deps, 'store'>, doc: ListingImageDoc): Promise<LoadedTarget> {
  const listing = doc.listingId ? await findListing(deps, doc.listingId) : null
  return {
    target: { kind: 'image', id: doc._id },
    ownerId: doc.ownerId,
    summary: listing ? `${summaryOf(listing.title)}的图片` : '图片',
    content: {
      title: listing?.title ?? '（尚未用于信息）',
      text: '',
      images: [doc.url],
      listingId: doc.listingId,
      state: IMAGE_STATES[doc.check ?? 'passed'],
    },
    heldBecause: doc.check === 'held' ? (doc.checkReason ?? '图片需人工审核') : null,
  }
}

export async function loadTarget(deps: Pick<Deps, 'store'>, target: ModerationTarget): Promise<LoadedTarget> {
  switch (target.kind) {
    case 'listing': {
      const doc = await findListing(deps, target.id)
      if (!doc) throw new AppError(ErrorCode.NotFound, '该信息不存在或已删除')
      return fromListing(doc)
    }
    case 'comment': {
      const doc = await findComment(deps, target.id)
      if (!doc) throw new AppError(ErrorCode.NotFound, '评论不存在或已删除')
      return fromComment(deps, doc)
    }
    case 'image': {
      const doc = await findImage(deps, target.id)
      if (!doc) throw new AppError(ErrorCode.NotFound, '图片不存在或已删除')
      return fromImage(deps, doc)
    }
    case 'conversation': {
      const { doc, transcript } = await conversationForReview(deps, target.id)
      return {
        target,
        // Two sides: whom a report concerns is the report's own (the queue reads it there).
        ownerId: null,
        summary: summaryOf(`关于「${doc.listingTitle}」的会话`),
        content: {
          title: doc.listingTitle,
          text: transcript,
          images: [],
          listingId: doc.listingId,
          state: doc.closedAt === null ? '进行中' : '已被平台关闭',
        },
        heldBecause: null,
      }
    }
  }
}

const APPLIES: Record<ModerationTarget['kind'], readonly DecisionKind[]> = {
  listing: ['approve', 'reject', 'takeDown', 'restore', 'dismiss'],
  comment: ['approve', 'deleteComment', 'restore', 'dismiss'],
  image: ['approve', 'takeDown', 'restore'],
  conversation: ['takeDown', 'restore', 'dismiss'],
}

/** Applies the decision through the owning domain; answers the state before and after. */
export async function applyDecision(
  deps: Pick<Deps, 'store' | 'clock'>,
  target: ModerationTarget,
  decision: DecisionKind,
  reason: string | null,
): Promise<{ before: string; after: string }> {
  if (!APPLIES[target.kind].includes(decision)) {
    throw new AppError(ErrorCode.InvalidInput, '该处理方式不适用于这类内容', 'decision')
  }
  switch (target.kind) {
    case 'listing':
      return applyListingDecision(deps, target.id, decision as ListingDecision, reason)
    case 'comment':
      return applyCommentDecision(deps, target.id, decision as CommentDecision)
    case 'image':
      return applyImageDecision(deps, target.id, decision as ImageDecision)
    case 'conversation':
      return applyConversationDecision(deps, target.id, decision as ConversationDecision)
  }
}
