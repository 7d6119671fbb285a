import { Collections } from './collections'
import type { Page } from '../../contracts/common'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { showImage, type ImageCheck, type ListingImageDoc } from './listing-images'
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

/** The image whose check the checker named by this trace id; null when there is none (deleted since). */
export async function findImageByTrace(deps: Pick<Deps, 'store'>, traceId: string): Promise<ListingImageDoc | null> {
  const { items } = await deps.store.find<ListingImageDoc>(Collections.listingImages, {
    where: { checkTraceId: traceId },
    orderBy: [{ field: 'checkTraceId', direction: 'asc' }],
    limit: 1,
  })
  return items[0] ?? null
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
 * Sets an image's check (a moderator's decision, or a checker's verdict, with the reason a held image
 * waits) by compare-and-set on the check it had, and shows or hides it on its listing accordingly.
 * Answers false when the check had changed meanwhile. The listing is read after the write, not from
 * `image`: an image bound to a listing in between is shown or hidden all the same (bindImages).
 */
export async function setImageCheck(
  deps: Pick<Deps, 'store' | 'clock'>,
  image: ListingImageDoc,
  check: ImageCheck,
  reason: string | null = null,
): Promise<boolean> {
  const before = image.check ?? 'passed'
  const patch = { check, checkReason: check === 'held' ? reason : null, checkTraceId: null }
  if (!(await deps.store.update(Collections.listingImages, image._id, patch, { check: image.check ?? null }))) {
    return false
  }
  const listingId = (await findImage(deps, image._id))?.listingId ?? image.listingId
  if (listingId && (before === 'passed') !== (check === 'passed')) {
    await showImage(deps, listingId, image.key, check === 'passed')
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
