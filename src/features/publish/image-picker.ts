import Taro from '@tarojs/taro'
import { LISTING_IMAGE_MAX_BYTES, type ListingImage } from '@shared/contracts'
import { UserNotice } from '@/features/auth/user-notice'
import { prepareImage, type PickedImage } from '@/platform/image-prep'
import { api } from '@/services/api'

/**
 * Lets the member choose up to `room` pictures (the picker shows only what they choose: no album
 * access), compressed by the platform. Empty when they cancel.
 */
export async function pickImages(room: number): Promise<PickedImage[]> {
  let chosen: Taro.chooseImage.SuccessCallbackResult
  try {
    chosen = await Taro.chooseImage({
      count: room,
      sizeType: ['compressed'],
      // A browser's file input offers the camera itself; two sources would add Taro's own action sheet.
      sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
    })
  } catch (error) {
    if (/cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? ''))) return []
    throw new UserNotice('无法打开相册，请在设置中允许访问照片后重试')
  }
  const files = (chosen.tempFiles ?? []) as Array<{ path: string; size: number; originalFileObj?: Blob }>
  const picked: PickedImage[] = files.length
    ? files.map((f) => ({ path: f.path, size: f.size, ...(f.originalFileObj ? { file: f.originalFileObj } : {}) }))
    : (chosen.tempFilePaths ?? []).map((path) => ({ path, size: 0 }))
  return picked.slice(0, room)
}

/**
 * Metadata removed and re-encoded on the device (platform/image-prep), then uploaded, and its small
 * version beside it when the platform made one. The thumbnail is a nicety: if its upload fails, the
 * listing's cards show the image itself.
 */
export async function uploadImage(picked: PickedImage): Promise<ListingImage> {
  let prepared
  try {
    prepared = await prepareImage(picked)
  } catch {
    throw new UserNotice('图片仅支持 JPG、PNG 或 WebP 格式')
  }
  if (prepared.size > LISTING_IMAGE_MAX_BYTES) throw new UserNotice('图片不能超过 2 MB，请换一张')
  const image = await api.listings.uploadListingImage({ mimeType: prepared.mimeType, data: prepared.data })
  const { thumbnail } = prepared
  if (!thumbnail) return image
  const small = await api.listings
    .uploadListingImage({ mimeType: thumbnail.mimeType, data: thumbnail.data })
    .catch(() => null)
  return small ? { ...image, thumbnailKey: small.key } : image
}
