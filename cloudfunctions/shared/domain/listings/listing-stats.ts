import { Collections } from './collections'
import type { Deps } from '../../core/deps'
import { countPerDay, waiting, type DayWindow, type WaitingStat } from '../common/daily-counts'

export interface ListingStats {
  /** Listings submitted per day (by `createdAt`: a refresh moves `publishedAt`, not the day it was posted). */
  publishedPerDay: number[]
  queues: { listings: WaitingStat; images: WaitingStat }
}

/** The dashboard's numbers of this domain: what was posted, and what waits for a moderator. */
export async function listingStats(deps: Pick<Deps, 'store'>, days: DayWindow[]): Promise<ListingStats> {
  const [publishedPerDay, listings, images] = await Promise.all([
    countPerDay(deps.store, Collections.listings, 'createdAt', days),
    waiting(deps.store, Collections.listings, { status: 'pending' }, 'updatedAt'),
    waiting(deps.store, Collections.listingImages, { check: 'held' }, 'createdAt'),
  ])
  return { publishedPerDay, queues: { listings, images } }
}
