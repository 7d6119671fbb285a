import Taro from '@tarojs/taro'
import { base64ToBytes, bytesToBase64, sniffImageType, stripImageMetadata } from '@/features/publish/image-bytes'
import type { EncodedImage, PickedImage, PreparedImage } from './image-types'

export type { PickedImage, PreparedImage }

/**
 * WeChat: `compressImage` re-encodes the photo (smaller, and in practice without its EXIF); the bytes are
 * then stripped of any metadata block that is left, so no GPS position or camera data leaves the phone
 * whatever the client's encoder keeps.
 */
export async function prepareImage(picked: PickedImage): Promise<PreparedImage> {
  const path = await Taro.compressImage({ src: picked.path, quality: 80 })
    .then((res) => res.tempFilePath)
    .catch(() => picked.path)
  const image = await encodedAt(path)
  if (!image) throw new Error('unsupported image')
  // The small version for the feed cards: 400 px wide covers the 84 px cover on a 3× screen. A client too
  // old for `compressedWidth` makes none, and the cards show the image itself.
  const small = await Taro.compressImage({ src: picked.path, quality: 60, compressedWidth: THUMBNAIL_WIDTH })
    .then((res) => encodedAt(res.tempFilePath))
    .catch(() => null)
  return small && small.size < image.size ? { ...image, thumbnail: small } : image
}

const THUMBNAIL_WIDTH = 400

async function encodedAt(path: string): Promise<EncodedImage | null> {
  const bytes = stripImageMetadata(base64ToBytes(await readBase64(path)))
  const mimeType = sniffImageType(bytes)
  return mimeType ? { data: bytesToBase64(bytes), mimeType, size: bytes.length } : null
}

function readBase64(filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding: 'base64',
      success: (res) => resolve(String(res.data)),
      fail: reject,
    })
  })
}
