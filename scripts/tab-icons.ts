// `npx tsx scripts/tab-icons.ts`: draws the tab bar's icons (首页 · 发布 · 消息 · 我的), each in grey and in the
// brand colour, as 81×81 PNGs under src/assets/tabbar/ (WeChat's recommended size; each well under its
// 40 KB limit). The PNGs are committed; run this again only after changing a shape or a colour.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { deflateSync } from 'node:zlib'

const SIZE = 81
/** Samples per pixel along each axis: the edges are anti-aliased by coverage. */
const SUPERSAMPLE = 4
/** The tab bar's text colours (app.config: tabBar.color `#646a73`, selectedColor `#1a5fd0`). */
const COLOURS = { normal: [0x64, 0x6a, 0x73], active: [0x1a, 0x5f, 0xd0] } as const
const OUT = resolve(__dirname, '..', 'src', 'assets', 'tabbar')

/** A shape: whether the point (in a 0–1 square) is ink. */
type Shape = (x: number, y: number) => boolean

const within = (x: number, y: number, left: number, top: number, right: number, bottom: number) =>
  x >= left && x <= right && y >= top && y <= bottom
const ring = (x: number, y: number, cx: number, cy: number, r: number, width: number) => {
  const d = Math.hypot(x - cx, y - cy)
  return d <= r && d >= r - width
}
const disc = (x: number, y: number, cx: number, cy: number, r: number) => Math.hypot(x - cx, y - cy) <= r
/** The outline of a rounded rectangle, `width` thick. */
function roundedFrame(x: number, y: number, box: [number, number, number, number], radius: number, width: number) {
  const inside = (px: number, py: number, [l, t, r, b]: number[], rad: number) => {
    const cx = Math.min(Math.max(px, l + rad), r - rad)
    const cy = Math.min(Math.max(py, t + rad), b - rad)
    return Math.hypot(px - cx, py - cy) <= rad
  }
  const [l, t, r, b] = box
  return inside(x, y, box, radius) && !inside(x, y, [l + width, t + width, r - width, b - width], radius - width)
}

const STROKE = 0.075

const SHAPES: Record<string, Shape> = {
  // A house: the roof's two strokes, the walls, a door.
  home: (x, y) => {
    const roof = (px: number, py: number) => py >= 0.14 + Math.abs(px - 0.5) * 0.8 && py <= 0.5
    const roofStroke = roof(x, y) && !roof(x, y - STROKE * 1.3)
    const walls =
      within(x, y, 0.24, 0.42, 0.76, 0.86) && !within(x, y, 0.24 + STROKE, 0.42, 0.76 - STROKE, 0.86 - STROKE)
    const door = within(x, y, 0.43, 0.62, 0.57, 0.86)
    return roofStroke || walls || door
  },
  // A circle with a plus.
  publish: (x, y) =>
    ring(x, y, 0.5, 0.5, 0.38, STROKE) ||
    within(x, y, 0.5 - STROKE / 2, 0.3, 0.5 + STROKE / 2, 0.7) ||
    within(x, y, 0.3, 0.5 - STROKE / 2, 0.7, 0.5 + STROKE / 2),
  // A speech bubble with its tail and three dots.
  messages: (x, y) => {
    const bubble = roundedFrame(x, y, [0.12, 0.18, 0.88, 0.7], 0.14, STROKE)
    const tail = y >= 0.66 && y <= 0.86 && x >= 0.3 && x <= 0.3 + STROKE * 1.2 + (0.86 - y) * 0.9 && x <= 0.46
    const dots = [0.33, 0.5, 0.67].some((cx) => disc(x, y, cx, 0.44, 0.05))
    return bubble || tail || dots
  },
  // A person: the head and the shoulders.
  mine: (x, y) => {
    const head = ring(x, y, 0.5, 0.33, 0.18, STROKE)
    const d = Math.hypot((x - 0.5) / 0.34, (y - 0.9) / 0.32)
    const shoulders = y <= 0.88 && d <= 1 && d >= 1 - STROKE / 0.3
    const base = within(x, y, 0.16, 0.88 - STROKE, 0.84, 0.88) && d <= 1.02
    return head || shoulders || base
  },
}

function crc32(bytes: Buffer): number {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** An RGBA PNG of one colour whose alpha is the shape's coverage. */
function png(shape: Shape, [r, g, b]: readonly number[]): Buffer {
  const rows: Buffer[] = []
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4)
    for (let px = 0; px < SIZE; px++) {
      let hits = 0
      for (let sy = 0; sy < SUPERSAMPLE; sy++)
        for (let sx = 0; sx < SUPERSAMPLE; sx++)
          if (shape((px + (sx + 0.5) / SUPERSAMPLE) / SIZE, (py + (sy + 0.5) / SUPERSAMPLE) / SIZE)) hits++
      row.set([r, g, b, Math.round((255 * hits) / SUPERSAMPLE ** 2)], 1 + px * 4)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(OUT, { recursive: true })
for (const [name, shape] of Object.entries(SHAPES)) {
  for (const [state, colour] of Object.entries(COLOURS)) {
    const file = join(OUT, state === 'normal' ? `${name}.png` : `${name}-active.png`)
    const bytes = png(shape, colour)
    writeFileSync(file, bytes)
    console.log(`${file.slice(OUT.length + 1)}: ${bytes.length} bytes`)
  }
}
