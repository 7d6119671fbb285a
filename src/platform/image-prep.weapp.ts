import Taro from '@tarojs/taro'
import { base64ToBytes, bytesToBase64, sniffImageType, stripImageMetadata } from '@/features/publish/image-bytes'
import type { PickedImage, PreparedImage } from './image-types'

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
  const bytes = stripImageMetadata(base64ToBytes(await readBase64(path)))
  const mimeType = sniffImageType(bytes)
  if (!mimeType) throw new Error('unsupported image')
  return { data: bytesToBase64(bytes), mimeType, size: bytes.length }
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
