import type * as v from 'valibot'
import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import type { ListRevealLogInput, RevealLogEntry } from '../../contracts/interactions'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import type { Filter } from '../../ports/document-store'
import { findListing } from '../listings'
import { GONE_MEMBER, memberId, publicProfiles } from '../accounts'
import type { ContactRevealDoc } from './reveal-contact'

/**
 * 「谁看过我的联系方式」: reveals of the caller's listings, newest first. Only ever the caller's own:
 * the query is scoped to them as poster, and asking for someone else's listing is refused outright
 * rather than answered with an empty page, so the client can tell the two apart. An entry shows the card
 * the viewer chose to send with the reveal; listing it marks the card seen.
 */
export async function listRevealLog(
  ctx: ActionContext,
  input: v.InferOutput<typeof ListRevealLogInput>,
): Promise<Page<RevealLogEntry>> {
  const posterId = memberId(ctx)
  const where: Filter = { posterId }
  if (input.listingId !== undefined) {
    await assertOwnListing(ctx, posterId, input.listingId)
    where.listingId = input.listingId
  }
  const page = await ctx.deps.store.find<ContactRevealDoc>(Collections.contactReveals, {
    where,
    orderBy: [{ field: 'at', direction: 'desc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
  const viewers = await publicProfiles(
    ctx.deps,
    page.items.map((d) => d.viewerId),
  )
  // The poster has now seen the cards on this page: deleting a card no longer takes these back.
  const now = ctx.deps.clock.now()
  for (const doc of page.items) {
    if (doc.card && !doc.cardSeenAt) {
      await ctx.deps.store.update(Collections.contactReveals, doc._id, { cardSeenAt: now })
    }
  }
  return {
    items: page.items.map((doc) => ({
      id: doc._id,
      listingId: doc.listingId,
      listingTitle: doc.listingTitle,
      viewer: viewers.get(doc.viewerId) ?? GONE_MEMBER,
      at: doc.at,
      card: doc.card ?? null,
    })),
    nextCursor: page.nextCursor,
  }
}

/** A deleted listing's log stays readable by its poster until retention removes it: only another poster's is refused. */
async function assertOwnListing(ctx: ActionContext, posterId: string, listingId: string): Promise<void> {
  const listing = await findListing(ctx.deps, listingId)
  if (listing && listing.posterId !== posterId) {
    throw new AppError(ErrorCode.NotAllowed, '只能查看自己发布的信息的查看记录')
  }
}
