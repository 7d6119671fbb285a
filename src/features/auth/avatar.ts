import Taro from '@tarojs/taro'
import { AVATAR_MAX_BYTES, AVATAR_TYPES } from '@shared/contracts'
import { readFileAsBase64 } from '@/platform/read-file'
import { UserNotice } from './user-notice'

export type AvatarType = (typeof AVATAR_TYPES)[number]

const BY_EXTENSION: Record<string, AvatarType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}

/**
 * Lets the user pick one picture (the photo picker shows only what they choose; no album access) and
 * reads it for upload. Null when they cancel. Compressed by the platform; still refused here when over
 * the server's limit, so a big photo fails at once instead of after a slow upload.
 */
export async function pickAvatar(): Promise<{ data: string; mimeType: AvatarType } | null> {
  let chosen: Taro.chooseImage.SuccessCallbackResult
  try {
    chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  } catch (error) {
    if (/cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? ''))) return null
    throw new UserNotice('无法打开相册，请在设置中允许访问照片后重试')
  }
  const file = chosen.tempFiles[0]
  if (!file) return null
  if (file.size > AVATAR_MAX_BYTES) throw new UserNotice('头像不能超过 2 MB，请换一张图片')
  const read = await readFileAsBase64(file.path)
  const mimeType = avatarType(read.mimeType, file.path)
  if (!mimeType) throw new UserNotice('头像仅支持 JPG、PNG 或 WebP 图片')
  return { data: read.data, mimeType }
}

/** The file's own type when the platform knows it (H5), else its extension; the server checks the bytes. */
export function avatarType(reported: string | null, path: string): AvatarType | null {
  if (reported) return (AVATAR_TYPES as readonly string[]).includes(reported) ? (reported as AvatarType) : null
  const extension = /\.([a-z0-9]+)(?:\?|$)/i.exec(path)?.[1]?.toLowerCase() ?? ''
  return BY_EXTENSION[extension] ?? null
}
