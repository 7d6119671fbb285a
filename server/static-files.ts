import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { pipeline } from 'node:stream'
import { createGzip, gzipSync } from 'node:zlib'
import { withFirstScreen } from './first-screen'
import { pagePolicy, pagePolicyOf } from './security-headers'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
}
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map'])

/** What the server says about the H5 pages it serves, beyond the build itself. */
export interface PageOptions {
  /** The other origins the page may show images from (PUBLIC_URL, where uploads are linked). */
  imageOrigins?: string[]
  /**
   * `<meta name content>` pairs put into each HTML page's `<head>`, escaped: what the page reads at run time
   * without a rebuild (`icp-beian`, the ICP filing number). A meta element runs nothing, so the page's
   * Content-Security-Policy is the same with or without them.
   */
  meta?: Record<string, string>
  /**
   * The first screen's markup for this answer (first-screen.ts): put into the page, whose policy is then
   * computed from the page as sent (its inline script hashed like the build's own).
   */
  firstScreen?: { head: string; body: string }
}

/**
 * Serves the H5 build. Returns false when the path is not a file of the build (the caller answers 404).
 * Its HTML pages carry their Content-Security-Policy (security-headers.ts) and the `meta` of `page`.
 */
export function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  page: PageOptions = {},
): boolean {
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
  const file = normalize(join(root, relative))
  if (file !== root && !file.startsWith(root + sep)) return false
  return serveFile(file, req, res, { pageOrigins: page.imageOrigins, meta: page.meta, firstScreen: page.firstScreen })
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeAttribute = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c])

/** The page with `meta` as `<meta>` elements at the end of its `<head>` (or its start when it has none). */
export function withMeta(html: string, meta: Record<string, string>): string {
  const tags = Object.entries(meta)
    .filter(([, content]) => content !== '')
    .map(([name, content]) => `<meta name="${escapeAttribute(name)}" content="${escapeAttribute(content)}" />`)
    .join('')
  if (!tags) return html
  const head = /<\/head\s*>/i.exec(html)
  return head ? html.slice(0, head.index) + tags + html.slice(head.index) : tags + html
}

/**
 * Sends one file the caller has already confined to its folder; false when it is not a regular file.
 * `immutable`: the name changes whenever the content does (uploads get fresh random keys), so caches
 * may keep it for good; such files are user content, so they also get a CSP that runs nothing.
 */
export function serveFile(
  file: string,
  req: IncomingMessage,
  res: ServerResponse,
  options: {
    immutable?: boolean
    pageOrigins?: string[]
    meta?: Record<string, string>
    firstScreen?: { head: string; body: string }
  } = {},
): boolean {
  if (!existsSync(file) || !statSync(file).isFile()) return false
  const ext = extname(file).toLowerCase()
  const page = ext === '.html' && !options.immutable
  const meta = page && options.meta && Object.values(options.meta).some(Boolean) ? options.meta : undefined
  const firstScreen = page ? options.firstScreen : undefined
  // A page is a few KB: when it changes per answer it is read, changed and compressed whole.
  let changed: string | null = null
  if (meta || firstScreen) {
    changed = readFileSync(file, 'utf8')
    // The meta last, where it always was: at the very end of the head.
    if (firstScreen) changed = withFirstScreen(changed, firstScreen)
    if (meta) changed = withMeta(changed, meta)
  }
  const headers: Record<string, string> = {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    // Hash routing means index.html must always be fresh; Taro's bundles carry content hashes in prod.
    'cache-control': options.immutable
      ? 'public, max-age=31536000, immutable'
      : ext === '.html'
        ? 'no-cache'
        : 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
    ...(options.immutable
      ? { 'content-security-policy': "default-src 'none'; sandbox" }
      : ext === '.html'
        ? {
            'content-security-policy':
              firstScreen && changed !== null
                ? pagePolicy(changed, options.pageOrigins)
                : pagePolicyOf(file, options.pageOrigins),
          }
        : {}),
  }
  // Caches keep the gzipped and the plain answer apart: the same URL answers both.
  if (COMPRESSIBLE.has(ext)) headers.vary = 'Accept-Encoding'
  const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  if (gzip) headers['content-encoding'] = 'gzip'
  res.writeHead(200, headers)
  if (req.method === 'HEAD') {
    res.end()
    return true
  }
  if (changed !== null) {
    const bytes = Buffer.from(changed)
    res.end(gzip ? gzipSync(bytes) : bytes)
    return true
  }
  // pipeline, not pipe: a client leaving mid-file closes the file too, and a read error ends the answer
  // instead of crashing the process; either way nothing is left to tell the client.
  const stream = createReadStream(file)
  const done = () => undefined
  if (gzip) pipeline(stream, createGzip(), res, done)
  else pipeline(stream, res, done)
  return true
}
