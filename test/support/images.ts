/**
 * Photos for the image tests: a real 16×12 JPEG (encoded once by Chromium's canvas, so it decodes in
 * any browser), and the same picture with what a phone camera adds to it — an EXIF block holding the GPS
 * position where the photo was taken, a camera model, an XMP packet and a comment.
 */
export const PLAIN_JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAMABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAQF/8QAIRAAAAUEAgMAAAAAAAAAAAAAAQIEERIAAxMUBQYxUXH/xAAVAQEBAAAAAAAAAAAAAAAAAAAFBv/EAB0RAAEDBQEAAAAAAAAAAAAAABIAE1ECAxEhIoH/2gAMAwEAAhEDEQA/ALescKm5fZ2T3i4oRxiAO7+XAfVOz8Km4jW1j3jZZyyCAszeGAPdY6dWpSy1lF6zJpYziV/rUUK1KqOyovXovHIcTN8eqNu46Rcx4iDobHG5X//Z'

export function plainJpeg(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(PLAIN_JPEG_BASE64, 'base64'))
}

/** Text every metadata block below carries, so a test can prove none of it survived. */
export const CAMERA_MODEL = 'ZN-Camera-X1'
export const XMP_MARKER = 'zn-xmp-location-shenzhen'
export const COMMENT_TEXT = 'zn-comment-shot-at-home'

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0))
const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff]
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff]

/** A TIFF (little-endian) EXIF block: IFD0 with the camera model and a pointer to a GPS IFD. */
export function exifWithGps(lat = 22.5431, lng = 114.0579): Uint8Array {
  const model = [...ascii(CAMERA_MODEL), 0]
  // Layout: header(8) | IFD0 (2 + 2*12 + 4 = 30) | model | GPS IFD (2 + 4*12 + 4 = 54) | rationals
  const ifd0At = 8
  const modelAt = ifd0At + 30
  const gpsAt = modelAt + model.length
  const latAt = gpsAt + 54
  const lngAt = latAt + 24
  const dms = (v: number) => {
    const d = Math.floor(v)
    const m = Math.floor((v - d) * 60)
    const s = Math.round(((v - d) * 60 - m) * 60 * 100)
    return [...u32(d), ...u32(1), ...u32(m), ...u32(1), ...u32(s), ...u32(100)]
  }
  const entry = (tag: number, type: number, count: number, value: number[]) => [
    ...u16(tag),
    ...u16(type),
    ...u32(count),
    ...value,
    ...Array(4 - value.length).fill(0),
  ]
  const tiff = [
    ...ascii('II'),
    ...u16(42),
    ...u32(ifd0At),
    // IFD0: Model (ASCII), GPSInfo pointer (LONG)
    ...u16(2),
    ...entry(0x0110, 2, model.length, u32(modelAt)),
    ...entry(0x8825, 4, 1, u32(gpsAt)),
    ...u32(0),
    ...model,
    // GPS IFD: LatitudeRef N, Latitude, LongitudeRef E, Longitude
    ...u16(4),
    ...entry(0x0001, 2, 2, [...ascii('N'), 0]),
    ...entry(0x0002, 5, 3, u32(latAt)),
    ...entry(0x0003, 2, 2, [...ascii('E'), 0]),
    ...entry(0x0004, 5, 3, u32(lngAt)),
    ...u32(0),
    ...dms(lat),
    ...dms(lng),
  ]
  return new Uint8Array([...ascii('Exif'), 0, 0, ...tiff])
}

function segment(marker: number, payload: Uint8Array | number[]): number[] {
  const length = payload.length + 2
  return [0xff, marker, (length >> 8) & 0xff, length & 0xff, ...payload]
}

/** The plain JPEG with EXIF (GPS), XMP and a comment inserted right after its start marker, as cameras write them. */
export function jpegWithGps(base: Uint8Array = plainJpeg()): Uint8Array<ArrayBuffer> {
  const xmp = ascii(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${XMP_MARKER}</x:xmpmeta>`)
  return new Uint8Array([
    0xff,
    0xd8,
    ...segment(0xe1, exifWithGps()),
    ...segment(0xe1, xmp),
    ...segment(0xfe, ascii(COMMENT_TEXT)),
    ...base.subarray(2),
  ])
}

/** Where the bytes contain `text` (ASCII), or -1. */
export function indexOfText(bytes: Uint8Array, text: string): number {
  return Buffer.from(bytes).indexOf(Buffer.from(text, 'latin1'))
}

/** The JPEG markers in order (SOI, APPn, DQT …), read by walking the segments. */
export function jpegMarkers(bytes: Uint8Array): number[] {
  const markers: number[] = [bytes[1]]
  let at = 2
  while (at + 3 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]
    markers.push(marker)
    if (marker === 0xda || marker === 0xd9) break
    at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3])
  }
  return markers
}
