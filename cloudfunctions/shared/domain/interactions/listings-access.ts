import { AppError, ErrorCode } from '../../core/app-error'
import type { Caller } from '../../core/caller'
import type { Deps } from '../../core/deps'
import { findListing, isVisible, type ListingDoc } from '../listings'

export const LISTING_GONE = '该信息不存在或已下架'

/** A listing others may interact with: published and unexpired. Anything else reads as missing. */
export async function loadVisibleListing(deps: Pick<Deps, 'store' | 'clock'>, id: string): Promise<ListingDoc> {
  const doc = await findListing(deps, id)
  if (!doc || !isVisible(doc, deps.clock.now())) throw new AppError(ErrorCode.NotFound, LISTING_GONE)
  return doc
}

/** As above, except that the poster still reaches their own hidden listing (pending, taken down, expired). */
export async function loadListingFor(
  deps: Pick<Deps, 'store' | 'clock'>,
  caller: Caller,
  id: string,
): Promise<ListingDoc> {
  const doc = await findListing(deps, id)
  if (doc && (isVisible(doc, deps.clock.now()) || isPoster(caller, doc))) return doc
  throw new AppError(ErrorCode.NotFound, LISTING_GONE)
}

export function isPoster(caller: Caller, listing: Pick<ListingDoc, 'posterId'>): boolean {
  return caller.kind === 'member' && caller.userId === listing.posterId
}
