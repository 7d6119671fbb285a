import type { ImageType } from '@/features/publish/image-bytes'

/** One picture the user chose: a temp path (a blob: URL on H5) and, on H5, the file itself. */
export interface PickedImage {
  path: string
  size: number
  file?: Blob
}

/** Ready for upload: base64 bytes without metadata, and their real type. */
export interface PreparedImage {
  data: string
  mimeType: ImageType
  size: number
}
