import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import type { ListingStatus } from '../../contracts/listings'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { ListingDoc } from './listing'

/**
 * What moderation asks of listings: the queue of listings the content check held, hiding a listing that
 * enough members reported, and applying a moderator's decision. Each change is a compare-and-set on the
 * status the decision was made against, so of two moderators deciding at once one gets CONFLICT.
 */
export type ListingDecision = 'approve' | 'reject' | 'takeDown' | 'restore' | 'dismiss'

export const ALREADY_DECIDED = '该内容已被处理，或当前状态不适用此操作'

export async function pendingListings(
  deps: Pick<Deps, 'store'>,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<ListingDoc>> {
  return deps.store.find<ListingDoc>(Collections.listings, {
    where: { status: 'pending' },
    orderBy: [{ field: 'updatedAt', direction: 'asc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
}

/** Reported by enough members: shown to nobody until reviewed. Answers whether it was hidden now. */
export async function hideReportedListing(deps: Pick<Deps, 'store' | 'clock'>, id: string): Promise<boolean> {
  const doc = await deps.store.get<ListingDoc>(Collections.listings, id)
  if (!doc || doc.status !== 'published') return false
  const patch = { status: 'hidden', hiddenFrom: doc.status, updatedAt: deps.clock.now(), rev: (doc.rev ?? 0) + 1 }
  return deps.store.update(Collections.listings, id, patch, { status: doc.status, rev: doc.rev ?? null })
}

/** The status each decision leads to from each status it applies to; anything else is CONFLICT. */
function nextStatus(doc: ListingDoc, decision: ListingDecision): ListingStatus | null {
  const back = doc.hiddenFrom ?? 'published'
  switch (decision) {
    case 'approve':
      return doc.status === 'pending' ? 'published' : doc.status === 'hidden' ? back : null
    case 'reject':
      return doc.status === 'pending' ? 'rejected' : null
    case 'takeDown':
      return ['pending', 'published', 'hidden'].includes(doc.status) ? 'removed' : null
    case 'restore':
      return doc.status === 'removed' || doc.status === 'rejected' ? 'published' : null
    case 'dismiss':
      return doc.status === 'hidden' ? back : doc.status === 'published' ? 'published' : null
  }
}

/**
 * Applies a decision; answers the status before and after. `reason` is what the poster reads in 我的发布
 * (the rule and the facts), null when the decision clears it.
 */
export async function applyListingDecision(
  deps: Pick<Deps, 'store' | 'clock'>,
  id: string,
  decision: ListingDecision,
  reason: string | null,
): Promise<{ before: ListingStatus; after: ListingStatus; listing: ListingDoc }> {
  const doc = await deps.store.get<ListingDoc>(Collections.listings, id)
  if (!doc) throw new AppError(ErrorCode.NotFound, '该信息不存在或已删除')
  const after = nextStatus(doc, decision)
  if (after === null) throw new AppError(ErrorCode.Conflict, ALREADY_DECIDED)
  const now = deps.clock.now()
  const patch: Partial<ListingDoc> = {
    status: after,
    hiddenFrom: null,
    reviewReason: reason,
    updatedAt: now,
    rev: (doc.rev ?? 0) + 1,
  }
  // A listing back from review is published now; one past its validity stays expired until renewed.
  if (doc.status === 'pending' && after === 'published') patch.publishedAt = now
  if (!(await deps.store.update(Collections.listings, id, patch, { status: doc.status, rev: doc.rev ?? null }))) {
    throw new AppError(ErrorCode.Conflict, ALREADY_DECIDED)
  }
  return { before: doc.status, after, listing: { ...doc, ...patch } as ListingDoc }
}
