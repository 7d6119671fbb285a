import { Collections } from './collections'
import type { ActionContext } from '../../core/action-context'

/**
 * IP属地 of what the member is posting now: the label of the request's origin address (never the address
 * itself), also kept on the account as their latest, which their poster card shows. Called by the domains
 * that publish content (a listing, an edit of it, a comment) just before they store it.
 */
export async function notePostingRegion(ctx: ActionContext, userId: string): Promise<string> {
  const label = ctx.deps.ipRegion.labelOf(ctx.request.originIp)
  await ctx.deps.store.update(Collections.users, userId, { ipRegion: label })
  return label
}
