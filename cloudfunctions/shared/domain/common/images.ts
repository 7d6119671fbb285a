import { randomBytes } from 'node:crypto'
import { AppError, ErrorCode } from '../../core/app-error'

/**
 * Uploaded images (avatars, listing images). The type is read from the bytes, not taken from the label:
 * a file is stored only when it really is the JPEG, PNG or WebP image it claims to be, so nothing else is
 * ever served from our storage under an image type.
 */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp'

export const IMAGE_EXTENSIONS: Record<ImageType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
}

export interface ImageMessages {
  /** e.g. 头像不能超过 2 MB */
  tooLarge: string
  /** e.g. 头像仅支持 JPG、PNG 或 WebP 图片 */
  notAnImage: string
}

/** The bytes of a base64 upload (already shape-checked by the contract), refused when over the limit. */
export function decodeImage(data: string, maxBytes: number, messages: ImageMessages): Buffer {
  const bytes = Buffer.from(data, 'base64')
  if (bytes.length > maxBytes) throw new AppError(ErrorCode.InvalidInput, messages.tooLarge, 'data')
  return bytes
}

/** The image type the bytes start with, or null for anything that is not one of the accepted images. */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png'
  }
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return 'image/webp'
  }
  return null
}

export function assertImageOfType(bytes: Buffer, mimeType: ImageType, messages: ImageMessages): void {
  const actual = sniffImageType(bytes)
  if (actual === null) throw new AppError(ErrorCode.InvalidInput, messages.notAnImage, 'data')
  if (actual !== mimeType) throw new AppError(ErrorCode.InvalidInput, '图片的实际格式与声明的类型不一致', 'mimeType')
}

/** A fresh, unguessable storage key in `folder`, with the extension of the type (COS infers the type from it). */
export function newImageKey(folder: string, mimeType: ImageType): string {
  return `${folder}/${randomBytes(12).toString('hex')}.${IMAGE_EXTENSIONS[mimeType]}`
}
