import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { ListingDoc } from './listing'
import type { ImageCheck, ListingImageDoc } from './listing-images'
import { ALREADY_DECIDED } from './moderated-listings'

/**
 * Images under moderation. An image whose check is not `passed` is left out of what the listing shows
 * (the listing's `hiddenImages` names it), while the listing itself stays up: one doubtful picture does
 * not take a whole listing down. Moderators see held images oldest first and decide each.
 */
export type ImageDecision = 'approve' | 'takeDown' | 'restore'

export async function heldImages(
  deps: Pick<Deps, 'store'>,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<ListingImageDoc>> {
  return deps.store.find<ListingImageDoc>(Collections.listingImages, {
    where: { check: 'held' },
    orderBy: [{ field: 'createdAt', direction: 'asc' }],
    limit: input.pageSize,
    after: input.cursor,
  })
}

export async function findImage(deps: Pick<Deps, 'store'>, id: string): Promise<ListingImageDoc | null> {
  return deps.store.get<ListingImageDoc>(Collections.listingImages, id)
}

function nextCheck(check: ImageCheck, decision: ImageDecision): ImageCheck | null {
  switch (decision) {
    case 'approve':
      return check === 'held' || check === 'pending' ? 'passed' : null
    case 'takeDown':
      return check === 'removed' ? null : 'removed'
    case 'restore':
      return check === 'removed' ? 'passed' : null
  }
}

/**
 * Sets an image's check (a moderator's decision, or a checker's verdict) and shows or hides it on its
 * listing accordingly. Answers the check before and after.
 */
export async function setImageCheck(
  deps: Pick<Deps, 'store' | 'clock'>,
  image: ListingImageDoc,
  check: ImageCheck,
): Promise<boolean> {
  const before = image.check ?? 'passed'
  if (!(await deps.store.update(Collections.listingImages, image._id, { check }, { check: image.check ?? null }))) {
    return false
  }
  if (image.listingId && (before === 'passed') !== (check === 'passed')) {
    await showImage(deps, image.listingId, image.key, check === 'passed')
  }
  return true
}

export async function applyImageDecision(
  deps: Pick<Deps, 'store' | 'clock'>,
  id: string,
  decision: ImageDecision,
): Promise<{ before: ImageCheck; after: ImageCheck; image: ListingImageDoc }> {
  const image = await findImage(deps, id)
  if (!image) throw new AppError(ErrorCode.NotFound, '图片不存在或已删除')
  const before = image.check ?? 'passed'
  const after = nextCheck(before, decision)
  if (after === null || !(await setImageCheck(deps, image, after))) {
    throw new AppError(ErrorCode.Conflict, ALREADY_DECIDED)
  }
  return { before, after, image: { ...image, check: after } }
}

/** Adds the key to, or removes it from, the listing's hidden images (compare-and-set on `rev`). */
async function showImage(deps: Pick<Deps, 'store' | 'clock'>, listingId: string, key: string, shown: boolean) {
  for (let race = 0; race < 5; race++) {
    const listing = await deps.store.get<ListingDoc>(Collections.listings, listingId)
    if (!listing) return
    const hidden = new Set(listing.hiddenImages ?? [])
    if (shown) hidden.delete(key)
    else hidden.add(key)
    const patch = { hiddenImages: [...hidden], rev: (listing.rev ?? 0) + 1 }
    if (await deps.store.update(Collections.listings, listingId, patch, { rev: listing.rev ?? null })) return
  }
  throw new AppError(ErrorCode.Conflict, '信息已被修改，请刷新后重试')
}
