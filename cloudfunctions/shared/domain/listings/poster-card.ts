import { Collections } from './collections'
import type { PosterCard } from '../../contracts/listings'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { GONE_MEMBER, posterFacts, publicProfiles } from '../accounts'
import { isVisible, type ListingDoc } from './listing'

/**
 * Who posted a listing, as the detail page's poster card shows them: the public name, avatar and company
 * members already see beside comments, since when they are a member, how many listings they show now, and
 * the IP属地 of their latest posting.
 * Never a phone or an id. Readable wherever the listing is.
 */
export async function getPosterCard(deps: Pick<Deps, 'store' | 'clock'>, listingId: string): Promise<PosterCard> {
  const now = deps.clock.now()
  const doc = await deps.store.get<ListingDoc>(Collections.listings, listingId)
  if (!doc || !isVisible(doc, now)) throw new AppError(ErrorCode.NotFound, '该信息不存在或已下架')
  const [profiles, facts, published] = await Promise.all([
    publicProfiles(deps, [doc.posterId]),
    posterFacts(deps, doc.posterId),
    deps.store.count(Collections.listings, { posterId: doc.posterId, status: 'published', expiresAt: { gt: now } }),
  ])
  const profile = profiles.get(doc.posterId) ?? GONE_MEMBER
  return { ...profile, memberSince: facts.memberSince, publishedCount: published, ipRegion: facts.ipRegion }
}
