import type * as v from 'valibot'
import { Collections } from './collections'
import { AVATAR_MAX_BYTES, type Profile, type UploadAvatarInput } from '../../contracts/auth'
import type { ActionContext } from '../../core/action-context'
import { errorFields } from '../../core/logger'
import { assertImageOfType, decodeImage, newImageKey, type ImageMessages } from '../common/images'
import { loadMember } from './member'
import { toProfile, type UserDoc } from './users'
import type { Deps } from '../../core/deps'

const AVATAR_MESSAGES: ImageMessages = {
  tooLarge: '头像不能超过 2 MB',
  notAnImage: '头像仅支持 JPG、PNG 或 WebP 图片',
}

/**
 * Replaces the member's avatar. The type is read from the bytes, not taken from the label: a file is
 * stored only when it really is the JPEG, PNG or WebP image it claims to be, so nothing else is ever
 * served from our storage under an image type.
 */
export async function uploadAvatar(
  ctx: ActionContext,
  input: v.InferOutput<typeof UploadAvatarInput>,
): Promise<Profile> {
  const bytes = decodeImage(input.data, AVATAR_MAX_BYTES, AVATAR_MESSAGES)
  assertImageOfType(bytes, input.mimeType, AVATAR_MESSAGES)
  const user = await loadMember(ctx)
  const key = newImageKey(`avatars/${user._id}`, input.mimeType)
  const { url } = await ctx.deps.files.put(key, bytes, input.mimeType)
  const patch = { avatarKey: key, avatarUrl: url, updatedAt: ctx.deps.clock.now() }
  await ctx.deps.store.update(Collections.users, user._id, patch)
  if (user.avatarKey) await deleteQuietly(ctx, user.avatarKey)
  return toProfile(ctx.deps, { ...user, ...patch })
}

/** The new avatar is already saved; a leftover old file is a storage leak, not a failed upload. */
async function deleteQuietly(ctx: ActionContext, key: string): Promise<void> {
  try {
    await ctx.deps.files.delete(key)
  } catch (error) {
    ctx.deps.logger.warn('old avatar not deleted', { key, ...errorFields(error) })
  }
}

/** The avatar's file, for the account purge (the record goes with the account). Idempotent. */
export async function deleteAvatarFile(deps: Pick<Deps, 'store' | 'files'>, userId: string): Promise<number> {
  const user = await deps.store.get<UserDoc>(Collections.users, userId)
  if (!user?.avatarKey) return 0
  await deps.files.delete(user.avatarKey)
  return 1
}
