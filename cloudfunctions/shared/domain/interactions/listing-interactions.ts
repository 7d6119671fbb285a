import { Collections } from './collections'
import type { ListingInteractions } from '../../contracts/interactions'
import type { ActionContext } from '../../core/action-context'
import { favouriteId } from './favourites'
import { isPoster, loadListingFor } from './listings-access'
import { peekQuota } from '../common/quotas'
import { reportsOf, toMyReport } from './reports'
import { hasPublicContact } from './reveal-contact'
import { chinaDay } from '../common/china-time'

/** The detail page's buttons in one call: what the caller has done with this listing and may do next. */
export async function getListingInteractions(ctx: ActionContext, listingId: string): Promise<ListingInteractions> {
  const { deps, caller } = ctx
  const listing = await loadListingFor(deps, caller, listingId)
  const commentCount = await deps.store.count(Collections.comments, { listingId: listing._id, status: 'visible' })
  const base: ListingInteractions = {
    loggedIn: false,
    isPoster: false,
    favourited: false,
    hasPublicContact: hasPublicContact(listing),
    revealedToday: false,
    revealsRemainingToday: null,
    myReport: null,
    commentCount,
  }
  if (caller.kind !== 'member') return base
  const [favourite, quota, reports] = await Promise.all([
    deps.store.get(Collections.favourites, favouriteId(caller.userId, listing._id)),
    peekQuota(deps, {
      kind: 'reveal',
      subject: caller.userId,
      window: chinaDay(deps.clock.now()),
      limit: deps.limits.revealsPerDay,
      key: listing._id,
    }),
    reportsOf(ctx, caller.userId, listing._id),
  ])
  const latest = reports[0]
  return {
    ...base,
    loggedIn: true,
    isPoster: isPoster(caller, listing),
    favourited: favourite !== null,
    revealedToday: quota.alreadyClaimed,
    revealsRemainingToday: quota.remaining,
    myReport: latest ? { id: latest._id, status: latest.status, statusLabel: toMyReport(latest).statusLabel } : null,
    commentCount,
  }
}
