import type * as v from 'valibot'
import { Collections } from './collections'
import type { Profile, UpdateProfileInput } from '../../contracts/auth'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { loadMember } from './member'
import { toProfile } from './users'

export async function getProfile(ctx: ActionContext): Promise<Profile> {
  return toProfile(ctx.deps, await loadMember(ctx))
}

/** Changes only the fields given (already trimmed by the contract); an empty nickname is refused. */
export async function updateProfile(
  ctx: ActionContext,
  input: v.InferOutput<typeof UpdateProfileInput>,
): Promise<Profile> {
  const user = await loadMember(ctx)
  const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined))
  if (changes.nickname === '') throw new AppError(ErrorCode.InvalidInput, '昵称不能为空', 'nickname')
  if (Object.keys(changes).length === 0) return toProfile(ctx.deps, user)
  const patch = { ...changes, updatedAt: ctx.deps.clock.now() }
  await ctx.deps.store.update(Collections.users, user._id, patch)
  return toProfile(ctx.deps, { ...user, ...patch })
}
