import { Collections } from './collections'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { sessionExpired } from './sessions'
import type { UserDoc } from './users'

/** The member an action runs for. The handler already refused guests; this narrows the type. */
export function memberId(ctx: ActionContext): string {
  if (ctx.caller.kind !== 'member') throw new AppError(ErrorCode.Unauthenticated)
  return ctx.caller.userId
}

/** The member's account; gone (deleted meanwhile) reads as a lost login. */
export async function loadMember(ctx: ActionContext): Promise<UserDoc> {
  const user = await ctx.deps.store.get<UserDoc>(Collections.users, memberId(ctx))
  if (!user) throw sessionExpired()
  return user
}
