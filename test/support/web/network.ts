import type { Notifier } from '@shared/ports/notifier'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../embedded'

/** One request as it left the app: which function, the JSON body, and the headers (lower-cased names). */
export interface SentRequest {
  functionName: string
  body: { action?: string; payload?: unknown }
  headers: Record<string, string>
}

/** An answer given instead of the real handlers' (e.g. a proxy's error page after the server did its work). */
export interface Override {
  status: number
  body: string
}

export interface FakeNetwork {
  backend: EmbeddedBackend
  /** Every request that reached the network, in order. */
  sent: SentRequest[]
  /** While true, every request fails the way fetch fails when the device is offline. */
  offline: boolean
  /**
   * Runs before a request is answered; return a promise to hold the answer back (to reorder replies),
   * or a `{ status, body }` to answer with instead of the real handlers (e.g. a proxy's error page).
   */
  before?: (request: SentRequest) => Promise<Override | void> | Override | void
  /**
   * Resolves once every request sent so far (and any sent while waiting) has been answered and the app
   * has done with each answer whatever it does without a timer: the answers' promise chains have all run.
   * A positive signal that a reply has landed, in place of a sleep that hopes it did.
   */
  idle(): Promise<void>
  restore(): Promise<void>
}

interface ResponseLike {
  status: number
  headers: Map<string, string>
  json(): Promise<unknown>
  text(): Promise<string>
}

/**
 * Answers the app's `Taro.request` at the network edge — taro-h5 sends it through `fetch` — with the
 * real cloud-function handlers over a real SQLite file (test/support/embedded.ts). The clock starts at
 * the real time so that 「3 小时前」 is measured against the same now as the app's.
 */
export async function installFakeNetwork(
  opts: { seed?: boolean; humanCheck?: 'pow'; notifier?: Notifier } = {},
): Promise<FakeNetwork> {
  const backend = await createEmbeddedBackend({
    seed: opts.seed,
    clock: testClock(Date.now()),
    humanCheck: opts.humanCheck,
    notifier: opts.notifier,
  })
  const previousFetch = globalThis.fetch
  const inFlight = new Set<Promise<unknown>>()
  const network: FakeNetwork = {
    backend,
    sent: [],
    offline: false,
    async idle() {
      while (inFlight.size > 0) {
        await Promise.allSettled([...inFlight])
        // One macrotask turn: the microtask queue (the app's chains on those answers) drains before it.
        await new Promise((resolve) => setTimeout(resolve, 0))
      }
    },
    async restore() {
      globalThis.fetch = previousFetch
      await backend.dispose()
    },
  }

  const reply = (status: number, body: string): ResponseLike => ({
    status,
    headers: new Map([['content-type', 'application/json; charset=utf-8']]),
    json: async () => JSON.parse(body),
    text: async () => body,
  })

  const fakeFetch = (input: unknown, init?: { method?: string; body?: unknown; headers?: unknown }) => {
    const answer = answerFetch(input, init)
    inFlight.add(answer)
    const done = () => void inFlight.delete(answer)
    answer.then(done, done)
    return answer
  }
  const answerFetch = async (
    input: unknown,
    init?: { method?: string; body?: unknown; headers?: unknown },
  ): Promise<ResponseLike> => {
    const url = String(input)
    const match = /^(?:https?:\/\/[^/]+)?\/api\/([^/?#]+)$/.exec(url)
    if (!match || init?.method !== 'POST') throw new TypeError(`unexpected request ${init?.method} ${url}`)
    const request: SentRequest = {
      functionName: decodeURIComponent(match[1]),
      body: JSON.parse(String(init.body)),
      headers: headerRecord(init.headers),
    }
    network.sent.push(request)
    const override = await network.before?.(request)
    if (network.offline) throw new TypeError('Failed to fetch')
    if (override) return reply(override.status, override.body)
    // The headers travel too: the session token and the platform are part of what the server reads.
    const result = await backend.callHttp(request.functionName, request.body, request.headers)
    return reply(result.statusCode, result.body)
  }
  globalThis.fetch = fakeFetch as unknown as typeof fetch
  return network
}

/** fetch accepts a plain object, a Headers instance or pairs; taro-h5 passes a plain object. */
function headerRecord(headers: unknown): Record<string, string> {
  const record: Record<string, string> = {}
  if (!headers) return record
  const entries: Iterable<[string, unknown]> =
    typeof (headers as { entries?: unknown }).entries === 'function' && !Array.isArray(headers)
      ? (headers as { entries(): Iterable<[string, unknown]> }).entries()
      : Array.isArray(headers)
        ? (headers as Array<[string, unknown]>)
        : Object.entries(headers as Record<string, unknown>)
  for (const [name, value] of entries) record[name.toLowerCase()] = String(value)
  return record
}
