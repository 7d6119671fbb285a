import type { IncomingMessage } from 'node:http'

/**
 * Cross-origin calls to `/api/*`, for H5 builds served from another origin (CORS_ORIGINS). A listed origin's
 * preflight is answered and its answers name it; for any other origin nothing is said, so its browser
 * keeps its pages from calling the API (the handler's JSON-only rule makes every call need a preflight).
 * Sessions travel in `Authorization`, not cookies: no credentials mode is needed.
 */
export interface ApiCors {
  /** The headers of a 204 preflight answer for a listed origin asking to POST; null for anyone else. */
  preflight(req: IncomingMessage): Record<string, string> | null
  /** What every API answer adds: the origin when listed, and `Vary: Origin` whenever origins are listed. */
  answerHeaders(req: IncomingMessage): Record<string, string>
}

/** The request headers the app sends (src/services/http-transport.ts). */
const REQUEST_HEADERS = 'content-type, authorization, x-client-platform'

export function createApiCors(origins: readonly string[]): ApiCors {
  const listed = new Set(origins)
  const allowedOrigin = (req: IncomingMessage): string | null => {
    const origin = req.headers.origin
    return typeof origin === 'string' && listed.has(origin) ? origin : null
  }
  // The answer depends on the Origin header only when some origin is listed.
  const vary: Record<string, string> = listed.size > 0 ? { vary: 'Origin' } : {}
  return {
    preflight(req) {
      const origin = allowedOrigin(req)
      if (!origin || String(req.headers['access-control-request-method'] ?? '').toUpperCase() !== 'POST') return null
      return {
        ...vary,
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': REQUEST_HEADERS,
        'access-control-max-age': '600',
      }
    },
    answerHeaders(req) {
      const origin = allowedOrigin(req)
      return origin ? { ...vary, 'access-control-allow-origin': origin } : vary
    },
  }
}
