import type * as v from 'valibot'
import { Collections } from './collections'
import { LISTING_IMAGE_MAX_BYTES, type ListingImage, type UploadListingImageInput } from '../../contracts/listings'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import type { Deps } from '../../core/deps'
import { errorFields } from '../../core/logger'
import { eachBatch, type StoredDocument } from '../../ports/document-store'
import { DAY_MS } from '../common/china-time'
import { assertImageOfType, decodeImage, newImageKey, type ImageMessages } from '../common/images'
import { loadMember, memberId } from '../accounts'
import type { ImageSubmission } from '../../ports/image-checker'
import { wechatOpenIdOf } from './content-review'
import { fileKeysOf, type ListingDoc } from './listing'

/**
 * Listing images: uploaded one by one before the listing is submitted (the device has already compressed
 * them and removed EXIF and location), then named by key in the listing. The record of who uploaded
 * which key is what lets a listing show only its own poster's uploads, never someone else's file or an
 * outside URL.
 */
export interface ListingImageDoc extends StoredDocument {
  key: string
  url: string
  ownerId: string
  createdAt: number
  /** The listing showing it, once one does: an image belongs to one listing, so deleting it is safe. */
  listingId: string | null
  /** Where the image check stands (moderated-images.ts); absent on uploads from before checks: passed. */
  check?: ImageCheck
  /** The checker's id of a check whose verdict is still to come (WeChat's `trace_id`). */
  checkTraceId?: string | null
  /** Why the image is held, for the moderator; null otherwise. */
  checkReason?: string | null
}

/**
 * `pending`: a checker's verdict has yet to arrive; `held`: waiting for a moderator; `passed`: shown;
 * `removed`: taken down (kept for an appeal). Only a `passed` image shows on its listing.
 */
export type ImageCheck = 'pending' | 'held' | 'passed' | 'removed'

/** How long an upload waits for the listing it was made for before the retention job removes it. */
export const UNUSED_IMAGE_MS = DAY_MS

/** Nine images and their thumbnails for each of a day's publishes, plus retries. */
export const DAILY_IMAGE_UPLOADS = 200

const MESSAGES: ImageMessages = {
  tooLarge: '图片不能超过 2 MB',
  notAnImage: '图片仅支持 JPG、PNG 或 WebP 格式',
}

export async function uploadListingImage(
  ctx: ActionContext,
  input: v.InferOutput<typeof UploadListingImageInput>,
): Promise<ListingImage> {
  const bytes = decodeImage(input.data, LISTING_IMAGE_MAX_BYTES, MESSAGES)
  assertImageOfType(bytes, input.mimeType, MESSAGES)
  const userId = memberId(ctx)
  await assertUploadAllowed(ctx, userId)
  const key = newImageKey(`listings/${userId}`, input.mimeType)
  const { url } = await ctx.deps.files.put(key, bytes, input.mimeType)
  // Submitted before the record is written, so the record carries the trace id its verdict will name.
  const submission = await ctx.deps.imageCheck.submit({
    url,
    key,
    mimeType: input.mimeType,
    scene: 'forum',
    openId: await uploaderOpenId(ctx),
    posterApproved: await hasApprovedListing(ctx, userId),
  })
  await ctx.deps.store.insert(Collections.listingImages, {
    _id: imageId(key),
    key,
    url,
    ownerId: userId,
    createdAt: ctx.deps.clock.now(),
    listingId: null,
    ...checkFields(submission),
  } satisfies ListingImageDoc)
  if (submission.verdict !== 'pass') ctx.deps.logger.info('listing image held back', { key, check: submission.verdict })
  return { key, url }
}

function checkFields(submission: ImageSubmission): Pick<ListingImageDoc, 'check' | 'checkTraceId' | 'checkReason'> {
  switch (submission.verdict) {
    case 'pass':
      return { check: 'passed', checkTraceId: null, checkReason: null }
    case 'review':
      return { check: 'held', checkTraceId: null, checkReason: submission.reason }
    case 'pending':
      return { check: 'pending', checkTraceId: submission.traceId, checkReason: null }
  }
}

/** WeChat checks only what a WeChat user uploads; the OPENID is the trusted one, never the payload's. */
async function uploaderOpenId(ctx: ActionContext): Promise<string | undefined> {
  if (ctx.identity.kind === 'wechat') return ctx.identity.openId
  if (ctx.request.platform !== 'weapp') return undefined
  return wechatOpenIdOf(ctx, await loadMember(ctx))
}

/** A listing of theirs passed the content check or a moderator (it is, or was until it expired, public). */
async function hasApprovedListing(ctx: ActionContext, posterId: string): Promise<boolean> {
  return (await ctx.deps.store.count(Collections.listings, { posterId, status: 'published' })) > 0
}

async function assertUploadAllowed(ctx: ActionContext, userId: string): Promise<void> {
  const since = ctx.deps.clock.now() - DAY_MS
  const recent = await ctx.deps.store.count(Collections.listingImages, { ownerId: userId, createdAt: { gte: since } })
  if (recent >= DAILY_IMAGE_UPLOADS) {
    throw new AppError(ErrorCode.RateLimited, '今日上传图片数量已达上限，请明天再试')
  }
}

/** The random part of the key: unique, and a valid id in both stores. */
function imageId(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1).replace(/\.\w+$/, '')
}

/**
 * The URLs of the member's own uploads for this listing, in the order given, and the keys of those no
 * check has passed yet (the listing hides them); any other key (someone else's, never uploaded, or already
 * on another listing) is refused naming its place. Thumbnails are uploads like the images, held to the
 * same rules, each its own file: a thumbnail is the small version of the image at its place.
 */
export async function resolveImages(
  ctx: ActionContext,
  userId: string,
  listingId: string,
  keys: string[],
  thumbnails: (string | null)[] = [],
): Promise<{
  keys: string[]
  urls: string[]
  thumbnailKeys: string[]
  thumbnailUrls: string[]
  hidden: string[]
}> {
  if (thumbnails.length > keys.length) {
    throw new AppError(ErrorCode.InvalidInput, '缩略图数量不能多于图片', 'thumbnails')
  }
  const given = keys.map((key, i) => ({ key, thumbnail: thumbnails[i] ?? null }))
  const all = [...keys, ...given.flatMap((g) => (g.thumbnail ? [g.thumbnail] : []))]
  given.forEach((g, i) => {
    if (g.thumbnail && all.indexOf(g.thumbnail) !== all.lastIndexOf(g.thumbnail)) {
      throw new AppError(ErrorCode.InvalidInput, '缩略图不能与其他图片或缩略图相同', `thumbnails.${i}`)
    }
  })
  const images = await Promise.all(keys.map((key, i) => ownUpload(ctx, userId, listingId, key, `images.${i}`)))
  const smalls = await Promise.all(
    given.map((g, i) => (g.thumbnail ? ownUpload(ctx, userId, listingId, g.thumbnail, `thumbnails.${i}`) : null)),
  )
  const held = [...images, ...smalls].filter((doc): doc is ListingImageDoc => doc !== null)
  return {
    keys,
    urls: images.map((doc) => doc.url),
    thumbnailKeys: smalls.map((doc) => doc?.key ?? ''),
    thumbnailUrls: smalls.map((doc) => doc?.url ?? ''),
    hidden: held.filter((doc) => (doc.check ?? 'passed') !== 'passed').map((doc) => doc.key),
  }
}

async function ownUpload(
  ctx: ActionContext,
  userId: string,
  listingId: string,
  key: string,
  field: string,
): Promise<ListingImageDoc> {
  const doc = await ctx.deps.store.get<ListingImageDoc>(Collections.listingImages, imageId(key))
  if (!doc || doc.key !== key || doc.ownerId !== userId) {
    throw new AppError(ErrorCode.InvalidInput, '图片不存在或已失效，请重新上传', field)
  }
  if (doc.listingId && doc.listingId !== listingId) {
    throw new AppError(ErrorCode.InvalidInput, '这张图片已用于其他信息，请重新上传', field)
  }
  return doc
}

/**
 * Marks the images as the listing's, once it is saved, then shows or hides each by its check as it is
 * now: a verdict that arrived between `resolveImages` and here found no listing to change (both sides
 * write first and read after, so one of them always sees the other).
 */
export async function bindImages(ctx: ActionContext, listingId: string, keys: string[]): Promise<void> {
  for (const key of keys) {
    await ctx.deps.store.update(Collections.listingImages, imageId(key), { listingId }, { listingId: null })
  }
  const listing = keys.length > 0 ? await ctx.deps.store.get<ListingDoc>(Collections.listings, listingId) : null
  if (!listing) return
  const hidden = new Set(listing.hiddenImages ?? [])
  for (const key of keys) {
    const doc = await ctx.deps.store.get<ListingImageDoc>(Collections.listingImages, imageId(key))
    const shown = (doc?.check ?? 'passed') === 'passed'
    if (shown === hidden.has(key)) await showImage(ctx.deps, listingId, key, shown)
  }
}

/** Adds the key to, or removes it from, the listing's hidden images (compare-and-set on `rev`). */
export async function showImage(
  deps: Pick<Deps, 'store'>,
  listingId: string,
  key: string,
  shown: boolean,
): Promise<void> {
  for (let race = 0; race < 5; race++) {
    const listing = await deps.store.get<ListingDoc>(Collections.listings, listingId)
    if (!listing) return
    const hidden = new Set(listing.hiddenImages ?? [])
    if (shown === !hidden.has(key)) return
    if (shown) hidden.delete(key)
    else hidden.add(key)
    const patch = { hiddenImages: [...hidden], rev: (listing.rev ?? 0) + 1 }
    if (await deps.store.update(Collections.listings, listingId, patch, { rev: listing.rev ?? null })) return
  }
  throw new AppError(ErrorCode.Conflict, '信息已被修改，请刷新后重试')
}

/** Files no listing shows any more. Already unreachable from the listing, so a failure only leaks storage. */
export async function discardImages(ctx: ActionContext, keys: string[]): Promise<void> {
  for (const key of keys) {
    try {
      await ctx.deps.files.delete(key)
      await ctx.deps.store.delete(Collections.listingImages, imageId(key))
    } catch (error) {
      ctx.deps.logger.warn('listing image not deleted', { key, ...errorFields(error) })
    }
  }
}

/**
 * The retention job's part: uploads no listing took within `UNUSED_IMAGE_MS` (a publish abandoned, or a
 * draft left on the device) go, file first and then the record, so a run stopped between the two
 * deletes the file again (a no-op) and then the record. An upload that a listing of its owner does name
 * (the listing was saved but its images were not yet bound) is bound now and kept. A file that cannot be
 * deleted is logged and left for the next run. Answers how many went (`listing_images`), were bound
 * late (`listing_images:bound`) and failed (`listing_images:failed`).
 *
 * Avatars need nothing here: replacing one deletes the old file (accounts/avatar.ts), and only a failed
 * delete, logged there, leaves one behind; the file port cannot list files to find such leftovers.
 */
export async function removeUnusedImages(
  deps: Pick<Deps, 'store' | 'files' | 'logger'>,
  now: number,
): Promise<Record<string, number>> {
  const counts = {
    [Collections.listingImages]: 0,
    [`${Collections.listingImages}:bound`]: 0,
    [`${Collections.listingImages}:failed`]: 0,
  }
  const unused = {
    where: { listingId: null, createdAt: { lt: now - UNUSED_IMAGE_MS } },
    orderBy: [{ field: 'createdAt', direction: 'asc' as const }],
  }
  for await (const batch of eachBatch<ListingImageDoc>(deps.store, Collections.listingImages, unused)) {
    const named = await keysNamedByListingsOf(deps, [...new Set(batch.map((image) => image.ownerId))])
    for (const image of batch) {
      const listingId = named.get(image.key)
      if (listingId) {
        await deps.store.update(Collections.listingImages, image._id, { listingId }, { listingId: null })
        counts[`${Collections.listingImages}:bound`] += 1
        continue
      }
      try {
        await deps.files.delete(image.key)
        if (await deps.store.delete(Collections.listingImages, image._id)) counts[Collections.listingImages] += 1
      } catch (error) {
        deps.logger.warn('unused listing image not deleted', { key: image.key, ...errorFields(error) })
        counts[`${Collections.listingImages}:failed`] += 1
      }
    }
  }
  return counts
}

/** Every image key the owners' listings name, with the listing naming it. */
async function keysNamedByListingsOf(deps: Pick<Deps, 'store'>, ownerIds: string[]): Promise<Map<string, string>> {
  const named = new Map<string, string>()
  for (const posterId of ownerIds) {
    const query = { where: { posterId }, orderBy: [{ field: 'createdAt', direction: 'desc' as const }] }
    for await (const listings of eachBatch<ListingDoc>(deps.store, Collections.listings, query)) {
      for (const listing of listings) for (const key of fileKeysOf(listing)) named.set(key, listing._id)
    }
  }
  return named
}
