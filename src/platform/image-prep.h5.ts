import { bytesToBase64, sniffImageType, stripImageMetadata } from '@/features/publish/image-bytes'
import type { EncodedImage, PickedImage, PreparedImage } from './image-types'

export type { PickedImage, PreparedImage }

/** Longest side after re-encoding: plenty for a phone screen, a fraction of a camera original. */
const MAX_SIDE = 1600
const JPEG_QUALITY = 0.82
/** The feed card's cover is 84 CSS px square: 400 px covers it on a 3× screen, at a few tens of KB. */
const THUMBNAIL_SIDE = 400
const THUMBNAIL_QUALITY = 0.7

/**
 * H5: the picked file is drawn onto a canvas and encoded again as JPEG. The canvas holds only pixels,
 * so EXIF (GPS position, camera, time) cannot survive it; createImageBitmap applies the EXIF rotation
 * first, so the picture still stands the right way up. The byte-level strip runs on the result as well
 * — and is all that runs where a browser offers no 2D canvas.
 */
export async function prepareImage(picked: PickedImage): Promise<PreparedImage> {
  const source = picked.file ?? (await (await fetch(picked.path)).blob())
  const encoded = await reencode(source, MAX_SIDE, JPEG_QUALITY).catch(() => null)
  const image = await encodedOf(encoded ?? source)
  if (!image) throw new Error('unsupported image')
  // Without a canvas there is no small version: the cards then show the image itself.
  const small = encoded ? await reencode(source, THUMBNAIL_SIDE, THUMBNAIL_QUALITY).catch(() => null) : null
  const thumbnail = small && small.size < image.size ? await encodedOf(small) : null
  return thumbnail ? { ...image, thumbnail } : image
}

async function encodedOf(blob: Blob): Promise<EncodedImage | null> {
  const bytes = stripImageMetadata(await readBytes(blob))
  const mimeType = sniffImageType(bytes)
  return mimeType ? { data: bytesToBase64(bytes), mimeType, size: bytes.length } : null
}

async function reencode(source: Blob, maxSide: number, quality: number): Promise<Blob | null> {
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d')
  if (!context) return null
  const picture = await decode(source)
  const scale = Math.min(1, maxSide / Math.max(picture.width, picture.height, 1))
  canvas.width = Math.max(1, Math.round(picture.width * scale))
  canvas.height = Math.max(1, Math.round(picture.height * scale))
  // JPEG has no transparency: a transparent PNG would otherwise turn black.
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.drawImage(picture.image, 0, 0, canvas.width, canvas.height)
  picture.close()
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), 'image/jpeg', quality))
}

interface Decoded {
  image: CanvasImageSource
  width: number
  height: number
  close(): void
}

async function decode(source: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    const bitmap = await createImageBitmap(source)
    return { image: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() }
  }
  const url = URL.createObjectURL(source)
  const image = new Image()
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve()
    image.onerror = () => reject(new Error('image decode failed'))
    image.src = url
  })
  return { image, width: image.naturalWidth, height: image.naturalHeight, close: () => URL.revokeObjectURL(url) }
}

function readBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer))
    reader.onerror = () => reject(reader.error)
    reader.readAsArrayBuffer(blob)
  })
}
