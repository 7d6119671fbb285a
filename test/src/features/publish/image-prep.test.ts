import {
  base64ToBytes,
  bytesToBase64,
  hasExif,
  sniffImageType,
  stripImageMetadata,
} from '@/features/publish/image-bytes'
import { prepareImage } from '@/platform/image-prep'
import {
  CAMERA_MODEL,
  COMMENT_TEXT,
  indexOfText,
  jpegMarkers,
  jpegWithGps,
  plainJpeg,
  XMP_MARKER,
} from '../../../support/images'

const APP1 = 0xe1

function pngWith(chunks: Array<[string, number[]]>): Uint8Array {
  const bytes: number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  for (const [type, data] of chunks) {
    const n = data.length
    bytes.push((n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff)
    bytes.push(...Array.from(type, (c) => c.charCodeAt(0)), ...data, 0, 0, 0, 0)
  }
  return new Uint8Array(bytes)
}

const text = (s: string) => Array.from(s, (c) => c.charCodeAt(0))

describe('photos lose their hidden metadata before upload', () => {
  it('a camera JPEG with a GPS position comes out without EXIF, XMP or comment, and otherwise byte for byte the same picture', () => {
    const camera = jpegWithGps()
    expect(jpegMarkers(camera)).toContain(APP1)
    expect(indexOfText(camera, 'Exif')).toBeGreaterThan(0)
    expect(hasExif(camera)).toBe(true)

    const stripped = stripImageMetadata(camera)

    expect(jpegMarkers(stripped)).not.toContain(APP1)
    for (const secret of ['Exif', CAMERA_MODEL, XMP_MARKER, COMMENT_TEXT])
      expect(indexOfText(stripped, secret)).toBe(-1)
    expect(hasExif(stripped)).toBe(false)
    // What the picture needs stays: JFIF, the ICC colour profile, tables, frame, scan.
    expect(Buffer.from(stripped).equals(Buffer.from(plainJpeg()))).toBe(true)
    expect(indexOfText(stripped, 'ICC_PROFILE')).toBeGreaterThan(0)
  })

  it('the H5 path (file → re-encode where a canvas exists → strip) hands over a JPEG with no APP1/Exif marker', async () => {
    // jsdom has no 2D canvas, so this runs the path of a browser without one; Chromium's canvas path is
    // covered by the e2e story, which checks the stored file.
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const file = new Blob([jpegWithGps()], { type: 'image/jpeg' })

    const prepared = await prepareImage({ path: 'blob:local/photo', size: file.size, file })

    const uploaded = base64ToBytes(prepared.data)
    expect(prepared.mimeType).toBe('image/jpeg')
    expect(prepared.size).toBe(uploaded.length)
    expect(sniffImageType(uploaded)).toBe('image/jpeg')
    expect(jpegMarkers(uploaded)).not.toContain(APP1)
    expect(indexOfText(uploaded, 'Exif')).toBe(-1)
    expect(indexOfText(uploaded, CAMERA_MODEL)).toBe(-1)
  })

  it('a PNG keeps its picture chunks and loses eXIf, text and time chunks', () => {
    const png = pngWith([
      ['IHDR', Array(13).fill(1)],
      ['eXIf', text(`MM\0*${CAMERA_MODEL}`)],
      ['tEXt', text(`Comment\0${COMMENT_TEXT}`)],
      ['tIME', Array(7).fill(2)],
      ['IDAT', Array(20).fill(3)],
      ['IEND', []],
    ])
    expect(hasExif(png)).toBe(true)

    const stripped = stripImageMetadata(png)

    expect(sniffImageType(stripped)).toBe('image/png')
    expect(hasExif(stripped)).toBe(false)
    expect(indexOfText(stripped, CAMERA_MODEL)).toBe(-1)
    expect(indexOfText(stripped, COMMENT_TEXT)).toBe(-1)
    expect(indexOfText(stripped, 'tIME')).toBe(-1)
    for (const kept of ['IHDR', 'IDAT', 'IEND']) expect(indexOfText(stripped, kept)).toBeGreaterThan(0)
  })

  it('a WebP loses its EXIF and XMP chunks, its header stops announcing them, and the RIFF size still adds up', () => {
    const chunk = (type: string, data: number[]) => {
      const n = data.length
      return [...text(type), n & 0xff, (n >> 8) & 0xff, 0, 0, ...data, ...(n % 2 ? [0] : [])]
    }
    const body = [
      ...text('WEBP'),
      ...chunk('VP8X', [0x0c, 0, 0, 0, 15, 0, 0, 11, 0, 0]),
      ...chunk('VP8 ', Array(11).fill(7)),
      ...chunk('EXIF', text(`II*\0${CAMERA_MODEL}`)),
      ...chunk('XMP ', text(XMP_MARKER)),
    ]
    const webp = new Uint8Array([...text('RIFF'), body.length & 0xff, (body.length >> 8) & 0xff, 0, 0, ...body])
    expect(hasExif(webp)).toBe(true)

    const stripped = stripImageMetadata(webp)

    expect(sniffImageType(stripped)).toBe('image/webp')
    expect(hasExif(stripped)).toBe(false)
    expect(indexOfText(stripped, CAMERA_MODEL)).toBe(-1)
    expect(indexOfText(stripped, XMP_MARKER)).toBe(-1)
    expect(stripped[20] & 0x0c).toBe(0)
    expect(stripped[4] | (stripped[5] << 8)).toBe(stripped.length - 8)
  })

  it('anything that is not an image it knows is left alone (the server refuses it by its bytes)', () => {
    const bytes = new Uint8Array(text('<svg onload=alert(1)>'))
    expect(sniffImageType(bytes)).toBeNull()
    expect(stripImageMetadata(bytes)).toBe(bytes)
  })

  it('base64 without atob: the same text Node writes, and back', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n * 11) & 0xff)
      const encoded = bytesToBase64(bytes)
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'))
      expect(Buffer.from(base64ToBytes(encoded)).equals(Buffer.from(bytes))).toBe(true)
    }
  })
})
