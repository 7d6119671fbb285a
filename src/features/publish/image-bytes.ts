/**
 * What a photo carries besides its pixels — EXIF (camera, time, often GPS coordinates), XMP, IPTC,
 * comments — removed at the byte level, for JPEG, PNG and WebP. Pure: no platform API, so the same code
 * runs in WeChat, Alipay and the browser, and is tested on its own.
 *
 * Every platform also re-encodes the photo (canvas / compressImage), which drops metadata in practice;
 * this pass is what makes it a guarantee rather than a property of one client's encoder.
 */

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp'

/** The real type, from the first bytes (a file's name or label can say anything). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length >= 8 && ascii(bytes, 1, 3) === 'PNG' && bytes[0] === 0x89) return 'image/png'
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp'
  return null
}

/** Removes metadata from an image of a known type; other bytes are returned unchanged. */
export function stripImageMetadata(bytes: Uint8Array): Uint8Array {
  switch (sniffImageType(bytes)) {
    case 'image/jpeg':
      return stripJpeg(bytes)
    case 'image/png':
      return stripPng(bytes)
    case 'image/webp':
      return stripWebp(bytes)
    default:
      return bytes
  }
}

/** True when the bytes still hold an EXIF block (used by tests and as a last check before upload). */
export function hasExif(bytes: Uint8Array): boolean {
  const type = sniffImageType(bytes)
  if (type === 'image/jpeg') return jpegSegments(bytes).some((s) => s.marker === 0xe1)
  if (type === 'image/png') return pngChunks(bytes).some((c) => c.type === 'eXIf')
  if (type === 'image/webp') return webpChunks(bytes).some((c) => c.type === 'EXIF' || c.type === 'XMP ')
  return false
}

// ---- JPEG ------------------------------------------------------------------------------------------

interface JpegSegment {
  marker: number
  /** Offset of the 0xFF of the marker. */
  start: number
  /** Offset just past the segment (for SOS: past the entropy-coded data, at the next marker). */
  end: number
}

const SOI = 0xd8
const EOI = 0xd9
const SOS = 0xda
const APP0 = 0xe0
const APP2 = 0xe2
const APP14 = 0xee
const COM = 0xfe

/**
 * Kept: everything needed to decode the picture, JFIF (APP0), an ICC colour profile (APP2
 * "ICC_PROFILE") and Adobe's colour-transform flag (APP14, without which CMYK photos decode wrongly).
 * Dropped: APP1 (EXIF, XMP), APP2 that is not ICC (MPF can embed a second image with its own EXIF),
 * APP3–APP13, APP15 (IPTC, maker notes), comments, and anything after the end-of-image marker.
 */
function keepJpegSegment(bytes: Uint8Array, segment: JpegSegment): boolean {
  const { marker } = segment
  if (marker === COM) return false
  if (marker < APP0 || marker > 0xef) return true
  if (marker === APP0 || marker === APP14) return true
  if (marker === APP2) return ascii(bytes, segment.start + 4, 11) === 'ICC_PROFILE'
  return false
}

function stripJpeg(bytes: Uint8Array): Uint8Array {
  const segments = jpegSegments(bytes)
  // A file that does not parse cleanly is returned as is: the server checks it, and a re-encode follows.
  if (segments.length === 0) return bytes
  const kept = segments.filter((s) => keepJpegSegment(bytes, s))
  return concat(kept.map((s) => bytes.subarray(s.start, s.end)))
}

function jpegSegments(bytes: Uint8Array): JpegSegment[] {
  const segments: JpegSegment[] = [{ marker: SOI, start: 0, end: 2 }]
  let offset = 2
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) return []
    const marker = bytes[offset + 1]
    // Fill bytes before a marker.
    if (marker === 0xff) {
      offset++
      continue
    }
    if (marker === EOI) {
      segments.push({ marker, start: offset, end: offset + 2 })
      return segments
    }
    // Markers without a length (restart markers, TEM).
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      segments.push({ marker, start: offset, end: offset + 2 })
      offset += 2
      continue
    }
    if (offset + 3 >= bytes.length) return []
    const length = (bytes[offset + 2] << 8) | bytes[offset + 3]
    let end = offset + 2 + length
    if (length < 2 || end > bytes.length) return []
    if (marker === SOS) end = endOfScan(bytes, end)
    segments.push({ marker, start: offset, end })
    offset = end
  }
  // No end-of-image marker: keep what was parsed, but only if it reached the image data.
  return segments.some((s) => s.marker === SOS) ? segments : []
}

/** Entropy-coded data runs until a marker that is not a stuffed 0xFF00 or a restart marker. */
function endOfScan(bytes: Uint8Array, from: number): number {
  let i = from
  while (i + 1 < bytes.length) {
    if (bytes[i] === 0xff) {
      const next = bytes[i + 1]
      if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) return i
    }
    i++
  }
  return bytes.length
}

// ---- PNG -------------------------------------------------------------------------------------------

interface Chunk {
  type: string
  start: number
  end: number
}

/** Chunks that affect how the picture looks; text, EXIF and timestamps are dropped. */
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'bKGD',
  'pHYs',
])

function stripPng(bytes: Uint8Array): Uint8Array {
  const chunks = pngChunks(bytes)
  if (chunks.length === 0) return bytes
  return concat([
    bytes.subarray(0, 8),
    ...chunks.filter((c) => PNG_KEEP.has(c.type)).map((c) => bytes.subarray(c.start, c.end)),
  ])
}

function pngChunks(bytes: Uint8Array): Chunk[] {
  const chunks: Chunk[] = []
  let offset = 8
  while (offset + 12 <= bytes.length) {
    const length = readUint32BE(bytes, offset)
    const end = offset + 12 + length
    if (end > bytes.length) return []
    const type = ascii(bytes, offset + 4, 4)
    chunks.push({ type, start: offset, end })
    offset = end
    if (type === 'IEND') return chunks
  }
  return []
}

// ---- WebP ------------------------------------------------------------------------------------------

const VP8X_EXIF = 0x08
const VP8X_XMP = 0x04

function stripWebp(bytes: Uint8Array): Uint8Array {
  const chunks = webpChunks(bytes)
  if (chunks.length === 0) return bytes
  const kept = chunks.filter((c) => c.type !== 'EXIF' && c.type !== 'XMP ').map((c) => bytes.slice(c.start, c.end))
  for (const chunk of kept) {
    // The extended header announces EXIF/XMP; a decoder may look for them if the flags stay set.
    if (ascii(chunk, 0, 4) === 'VP8X' && chunk.length > 8) chunk[8] &= ~(VP8X_EXIF | VP8X_XMP)
  }
  const body = concat(kept)
  const out = new Uint8Array(12 + body.length)
  out.set(bytes.subarray(0, 12))
  writeUint32LE(out, 4, 4 + body.length)
  out.set(body, 12)
  return out
}

function webpChunks(bytes: Uint8Array): Chunk[] {
  const chunks: Chunk[] = []
  let offset = 12
  while (offset + 8 <= bytes.length) {
    const size = readUint32LE(bytes, offset + 4)
    // Chunks are padded to an even size.
    const end = offset + 8 + size + (size % 2)
    if (end > bytes.length) return []
    chunks.push({ type: ascii(bytes, offset, 4), start: offset, end })
    offset = end
  }
  return chunks
}

// ---- bytes and base64 (mini-programs have no atob/btoa) -------------------------------------------

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let s = ''
  for (let i = start; i < start + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i])
  return s
}

function readUint32BE(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0
}

function readUint32LE(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0
}

function writeUint32LE(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff
  bytes[at + 1] = (value >>> 8) & 0xff
  bytes[at + 2] = (value >>> 16) & 0xff
  bytes[at + 3] = (value >>> 24) & 0xff
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOOKUP = new Map(Array.from(ALPHABET, (c, i) => [c, i]))

export function bytesToBase64(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0
    const triple = (a << 16) | (b << 8) | c
    out += ALPHABET[(triple >> 18) & 63] + ALPHABET[(triple >> 12) & 63]
    out += i + 1 < bytes.length ? ALPHABET[(triple >> 6) & 63] : '='
    out += i + 2 < bytes.length ? ALPHABET[triple & 63] : '='
  }
  return out
}

export function base64ToBytes(base64: string): Uint8Array {
  const clean = base64.replace(/[^A-Za-z0-9+/]/g, '')
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4))
  let at = 0
  for (let i = 0; i < clean.length; i += 4) {
    const n =
      ((LOOKUP.get(clean[i]) ?? 0) << 18) |
      ((LOOKUP.get(clean[i + 1]) ?? 0) << 12) |
      ((LOOKUP.get(clean[i + 2]) ?? 0) << 6) |
      (LOOKUP.get(clean[i + 3]) ?? 0)
    if (at < out.length) out[at++] = (n >> 16) & 0xff
    if (at < out.length && i + 2 < clean.length) out[at++] = (n >> 8) & 0xff
    if (at < out.length && i + 3 < clean.length) out[at++] = n & 0xff
  }
  return out.subarray(0, at)
}
