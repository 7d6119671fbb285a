import type { CloudFunctionMain, HttpEvent, HttpResult } from '@shared/core/handler'
import type { Logger } from '@shared/core/logger'

/**
 * What a guest's feed or search asks is the same for every guest until a listing changes, and the busiest
 * screen asks it most: the server keeps those answers (the bytes, as sent) and serves them again without
 * running the function. An answer is kept with the generation it was computed in, and every write to the
 * listings or categories (whichever use case made it: publish, edit, owner's status changes, moderation,
 * expiry reminders, deletion, purge, view counts) moves the generation on (server.ts wires it to the
 * store's `onChange`), so a new listing is in the very next answer. A kept answer also ends when the
 * first of its listings expires, since the feed hides expired listings without any write.
 *
 * Only guests' calls (no Authorization header) of the actions that read public listings are kept: a
 * member's call resolves a session, which must be checked on every call. One process only: a second
 * process would not see this one's writes (README, performance).
 */
export interface FeedCache {
  /** The listings function's `main`, answering guests' repeated reads from the cache. */
  wrap(main: CloudFunctionMain): CloudFunctionMain
  /** Everything kept so far is out of date. */
  invalidate(): void
  /** Answers served from the cache and answers computed, since start. */
  stats(): { hits: number; misses: number }
}

/** The listings function's actions whose guest answers depend only on the request and the stored listings. */
const CACHED_ACTIONS = new Set(['listListings', 'listCategories'])

interface Entry {
  generation: number
  /** When the answer stops being right even without a write (its first listing's expiry). */
  until: number
  result: HttpResult
}

export interface FeedCacheOptions {
  now: () => number
  logger: Logger
  maxEntries?: number
  /**
   * Whether another process wrote the database since the last call (`npm run job`, a restore): asked on
   * every guest read, since such a write never passes this process's store.
   */
  changedElsewhere?: () => boolean
}

export function createFeedCache(options: FeedCacheOptions): FeedCache {
  const maxEntries = options.maxEntries ?? 500
  const entries = new Map<string, Entry>()
  const inflight = new Map<string, { generation: number; answer: Promise<HttpResult> }>()
  let generation = 0
  let hits = 0
  let misses = 0

  const invalidate = () => {
    generation += 1
    entries.clear()
  }

  return {
    invalidate,
    stats: () => ({ hits, misses }),
    wrap(main) {
      return async (event, context) => {
        const key = cacheKey(event)
        if (key === null) return main(event, context)
        if (options.changedElsewhere?.()) invalidate()
        const started = options.now()
        const kept = entries.get(key.body)
        if (kept && kept.generation === generation && started < kept.until) {
          hits += 1
          // Most recently used last, so the oldest is the first to go when full.
          entries.delete(key.body)
          entries.set(key.body, kept)
          options.logger.info('action', { fn: 'listings', action: key.action, ok: true, cached: true, ms: 0 })
          return kept.result
        }
        misses += 1
        // Many guests asking the same at once (the feed after a write): one computes, the others wait for it.
        const running = inflight.get(key.body)
        if (running && running.generation === generation) return running.answer
        // Taken before the function reads: a write while it runs leaves this answer already out of date.
        const at = generation
        const answer = (main(event, context) as Promise<HttpResult>).finally(() => {
          if (inflight.get(key.body)?.answer === answer) inflight.delete(key.body)
        })
        inflight.set(key.body, { generation: at, answer })
        const result = await answer
        if (result.statusCode === 200 && at === generation) {
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
          entries.set(key.body, { generation: at, until: firstExpiry(result.body), result })
        }
        return result
      }
    },
  }
}

/** The body itself (and its action), for a guest's HTTP call of a cached action; null for anything else. */
function cacheKey(event: unknown): { body: string; action: string } | null {
  const http = event as HttpEvent
  if (typeof http !== 'object' || http === null || typeof http.httpMethod !== 'string' || !http.body) return null
  if (http.isBase64Encoded) return null
  let json = false
  for (const [name, value] of Object.entries(http.headers ?? {})) {
    const lower = name.toLowerCase()
    if (lower === 'authorization') return null
    // Anything but JSON is the function's to refuse (415), every time.
    if (lower === 'content-type') json = value?.split(';')[0].trim().toLowerCase() === 'application/json'
  }
  if (!json) return null
  let action: unknown
  try {
    action = (JSON.parse(http.body) as { action?: unknown }).action
  } catch {
    return null
  }
  if (typeof action !== 'string' || !CACHED_ACTIONS.has(action)) return null
  return { body: http.body, action }
}

/** The earliest `expiresAt` among the answer's listings; forever for an answer without any. */
function firstExpiry(body: string): number {
  const data = (JSON.parse(body) as { data?: { items?: Array<{ expiresAt?: unknown }> } }).data
  let first = Number.POSITIVE_INFINITY
  for (const item of data?.items ?? []) {
    if (typeof item.expiresAt === 'number' && item.expiresAt < first) first = item.expiresAt
  }
  return first
}
