import { randomBytes } from 'node:crypto'
import type * as v from 'valibot'
import { Collections } from '../../collections'
import { AVATAR_MAX_BYTES, type AVATAR_TYPES, type Profile, type UploadAvatarInput } from '../../contracts/auth'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/handler'
import { errorFields } from '../../core/logger'
import { loadMember } from './member'
import { toProfile } from './users'

type AvatarType = (typeof AVATAR_TYPES)[number]

const EXTENSIONS: Record<AvatarType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/**
 * Replaces the member's avatar. The type is read from the bytes, not taken from the label: a file is
 * stored only when it really is the JPEG, PNG or WebP image it claims to be, so nothing else is ever
 * served from our storage under an image type.
 */
export async function uploadAvatar(
  ctx: ActionContext,
  input: v.InferOutput<typeof UploadAvatarInput>,
): Promise<Profile> {
  const bytes = decodeAvatar(input.data)
  assertImageOfType(bytes, input.mimeType)
  const user = await loadMember(ctx)
  const key = `avatars/${user._id}/${randomBytes(12).toString('hex')}.${EXTENSIONS[input.mimeType]}`
  const { url } = await ctx.deps.files.put(key, bytes, input.mimeType)
  const patch = { avatarKey: key, avatarUrl: url, updatedAt: ctx.deps.clock.now() }
  await ctx.deps.store.update(Collections.users, user._id, patch)
  if (user.avatarKey) await deleteQuietly(ctx, user.avatarKey)
  return toProfile(ctx.deps, { ...user, ...patch })
}

function decodeAvatar(data: string): Buffer {
  const bytes = Buffer.from(data, 'base64')
  if (bytes.length > AVATAR_MAX_BYTES) throw new AppError(ErrorCode.InvalidInput, '头像不能超过 2 MB', 'data')
  return bytes
}

/** The image type the bytes start with, or null for anything that is not one of the accepted images. */
export function sniffImageType(bytes: Buffer): AvatarType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png'
  }
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return 'image/webp'
  }
  return null
}

function assertImageOfType(bytes: Buffer, mimeType: AvatarType): void {
  const actual = sniffImageType(bytes)
  if (actual === null) throw new AppError(ErrorCode.InvalidInput, '头像仅支持 JPG、PNG 或 WebP 图片', 'data')
  if (actual !== mimeType) throw new AppError(ErrorCode.InvalidInput, '图片的实际格式与声明的类型不一致', 'mimeType')
}

/** The new avatar is already saved; a leftover old file is a storage leak, not a failed upload. */
async function deleteQuietly(ctx: ActionContext, key: string): Promise<void> {
  try {
    await ctx.deps.files.delete(key)
  } catch (error) {
    ctx.deps.logger.warn('old avatar not deleted', { key, ...errorFields(error) })
  }
}
