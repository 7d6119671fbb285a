import type { Deps } from '../../core/deps'
import { Collections } from './collections'
import type { ListingDoc } from './listing'

/** One listing as stored, whatever its state, or null: for domains that act on a listing (read only). */
export function findListing(deps: Pick<Deps, 'store'>, id: string): Promise<ListingDoc | null> {
  return deps.store.get<ListingDoc>(Collections.listings, id)
}
