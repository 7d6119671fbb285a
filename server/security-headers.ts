import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'

/**
 * The headers that keep browsers from misusing what this server answers. Every answer gets `COMMON`: no
 * content-type guessing (a JSON body is never run as script), no framing (the publish and reveal screens
 * cannot be laid under another site's buttons), no Referer to other sites (a detail's URL names a listing),
 * and, for anything that is not the app's page (API JSON, 404 text, health, metrics), a policy that runs
 * nothing. The H5 page replaces that policy with `pagePolicy`.
 */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
}

/**
 * The Content-Security-Policy of a page of the H5 build, from the page itself: scripts only from this
 * origin plus each inline script of the file by its SHA-256 (Taro's build inlines the rem sizing script in
 * index.html), so an injected script runs nowhere. Styles allow 'unsafe-inline': Taro's runtime, its
 * components and style-loader insert `<style>` elements at run time whose text the build does not fix, and
 * none of them takes a nonce; CSS cannot run script. Images may be `blob:` / `data:` (the publish form's
 * previews, the compressed copy) and come from `imageOrigins` (PUBLIC_URL, where uploads are linked);
 * `fetch` of a `blob:` / `data:` URL reads a picked image. Fonts: Taro's icon font is a `data:` URL. No
 * worker: the SMS proof of work is solved on the page's own thread.
 */
export function pagePolicy(html: string, imageOrigins: string[] = []): string {
  const scripts = inlineScripts(html).map((text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`)
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scripts].join(' '),
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...imageOrigins].join(' '),
    "font-src 'self' data:",
    "connect-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The text of each `<script>` without a `src`, exactly as the browser hashes it. */
function inlineScripts(html: string): string[] {
  const found: string[] = []
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (!/\bsrc\s*=/i.test(match[1])) found.push(match[2])
  }
  return found
}

const policies = new Map<string, { mtimeMs: number; size: number; policy: string }>()

/** `pagePolicy` of an HTML file, read again only when the file changed (a rebuild while serving). */
export function pagePolicyOf(file: string, imageOrigins: string[] = []): string {
  const { mtimeMs, size } = statSync(file)
  const key = `${file}\n${imageOrigins.join(' ')}`
  const cached = policies.get(key)
  if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.policy
  const policy = pagePolicy(readFileSync(file, 'utf8'), imageOrigins)
  policies.set(key, { mtimeMs, size, policy })
  return policy
}
