import { Collections } from './collections'
import type { Deps } from '../../core/deps'
import { errorFields } from '../../core/logger'
import { eachBatch } from '../../ports/document-store'
import type { ListingImageDoc } from './listing-images'
import type { ListingDoc } from './listing'

/**
 * What account cancellation asks of the listings domain: while the request is pending the poster's
 * listings are withheld (shown to no one, the status they had kept beside), restored if the poster
 * undoes it; at the purge their ids (for the comments, reveals and favourites on them) and their files.
 * The records themselves go with the rest of the member's data (listingsPersonalData.erase).
 */
const byPoster = (userId: string) => ({
  where: { posterId: userId },
  orderBy: [{ field: '_id', direction: 'asc' as const }],
})

export async function withholdPosterListings(deps: Pick<Deps, 'store' | 'clock'>, userId: string): Promise<number> {
  let withheld = 0
  for await (const batch of eachBatch<ListingDoc>(deps.store, Collections.listings, byPoster(userId), 200)) {
    for (const doc of batch) {
      if (doc.status === 'withheld') continue
      const patch = { status: 'withheld' as const, withheldFrom: doc.status, updatedAt: deps.clock.now() }
      if (await deps.store.update(Collections.listings, doc._id, patch, { status: doc.status })) withheld++
    }
  }
  return withheld
}

export async function restorePosterListings(deps: Pick<Deps, 'store' | 'clock'>, userId: string): Promise<number> {
  let restored = 0
  for await (const batch of eachBatch<ListingDoc>(deps.store, Collections.listings, byPoster(userId), 200)) {
    for (const doc of batch) {
      if (doc.status !== 'withheld') continue
      const patch = { status: doc.withheldFrom ?? 'takenDown', withheldFrom: null, updatedAt: deps.clock.now() }
      if (await deps.store.update(Collections.listings, doc._id, patch, { status: 'withheld' })) restored++
    }
  }
  return restored
}

export async function posterListingIds(deps: Pick<Deps, 'store'>, userId: string): Promise<string[]> {
  const ids: string[] = []
  for await (const batch of eachBatch<ListingDoc>(deps.store, Collections.listings, byPoster(userId), 500)) {
    ids.push(...batch.map((doc) => doc._id))
  }
  return ids
}

/**
 * Deletes the files of every image the member uploaded (listing_images names them all, bound to a
 * listing or not). Idempotent: a file already gone is not an error, and the records stay for the erase,
 * so a run stopped halfway deletes the rest next time.
 */
export async function deleteUploadedFiles(
  deps: Pick<Deps, 'store' | 'files' | 'logger'>,
  userId: string,
): Promise<number> {
  let deleted = 0
  const query = { where: { ownerId: userId }, orderBy: [{ field: '_id', direction: 'asc' as const }] }
  for await (const batch of eachBatch<ListingImageDoc>(deps.store, Collections.listingImages, query, 200)) {
    for (const image of batch) {
      try {
        await deps.files.delete(image.key)
        deleted++
      } catch (error) {
        deps.logger.warn('listing image file not deleted', { key: image.key, ...errorFields(error) })
        throw error
      }
    }
  }
  return deleted
}
