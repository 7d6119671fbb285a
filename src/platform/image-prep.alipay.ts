import Taro from '@tarojs/taro'
import { base64ToBytes, bytesToBase64, sniffImageType, stripImageMetadata } from '@/features/publish/image-bytes'
import type { PickedImage, PreparedImage } from './image-types'

export type { PickedImage, PreparedImage }

declare const my: {
  compressImage?: (options: {
    apFilePaths: string[]
    compressLevel: number
    success(res: { apFilePaths: string[] }): void
    fail(err: unknown): void
  }) => void
}

/**
 * Alipay: `my.compressImage` re-encodes the photo where the client has it (Taro does not map this API),
 * then the bytes are stripped of any metadata block left, so no GPS position or camera data leaves the
 * phone whatever the client's encoder keeps.
 */
export async function prepareImage(picked: PickedImage): Promise<PreparedImage> {
  const path = await compress(picked.path).catch(() => picked.path)
  const bytes = stripImageMetadata(base64ToBytes(await readBase64(path)))
  const mimeType = sniffImageType(bytes)
  if (!mimeType) throw new Error('unsupported image')
  return { data: bytesToBase64(bytes), mimeType, size: bytes.length }
}

function compress(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (typeof my.compressImage !== 'function') {
      resolve(path)
      return
    }
    my.compressImage({
      apFilePaths: [path],
      compressLevel: 4,
      success: (res) => resolve(res.apFilePaths[0] ?? path),
      fail: reject,
    })
  })
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
