import type { ImageType } from '@/features/publish/image-bytes'

/** One picture the user chose: a temp path (a blob: URL on H5) and, on H5, the file itself. */
export interface PickedImage {
  path: string
  size: number
  file?: Blob
}

/** Ready for upload: base64 bytes without metadata, and their real type. */
export interface EncodedImage {
  data: string
  mimeType: ImageType
  size: number
}

/**
 * The picture to upload and, where the platform can make one, its small version for the feed cards
 * (encoded once, here, from the same pixels: the server keeps no image library).
 */
export interface PreparedImage extends EncodedImage {
  thumbnail?: EncodedImage
}
