import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { anonymousCallers } from '@shared/core/caller'
import type { Deps } from '@shared/core/deps'
import type { HttpResult } from '@shared/core/handler'
import { silentLogger } from '@shared/core/logger'
import { openSqliteStore, type SqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { createMains } from '@shared/functions'
import type { FunctionName } from '@shared/contracts'
import { dispatchApi } from '../../server/api-router'
import { seedIfEmpty } from '../../server/seed/seed'

/** A clock tests can move. */
export interface TestClock {
  now(): number
  set(ms: number): void
  advance(ms: number): void
}

export function testClock(start = Date.UTC(2026, 10, 29, 4, 0, 0)): TestClock {
  let current = start
  return {
    now: () => current,
    set: (ms) => {
      current = ms
    },
    advance: (ms) => {
      current += ms
    },
  }
}

/**
 * The real back end in-process: a real SQLite file in a temp folder, the real `main` of every function,
 * the demo seed. Fakes stop at the network edge: callers of this stand in for the transport only.
 */
export async function createEmbeddedBackend(opts: { seed?: boolean; clock?: TestClock } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'zhineng-test-'))
  const store: SqliteStore = openSqliteStore(join(dir, 'store.sqlite'))
  const clock = opts.clock ?? testClock()
  const deps: Deps = { store, clock, logger: silentLogger, callers: anonymousCallers }
  const mains = createMains(() => deps)
  if (opts.seed !== false) await seedIfEmpty(store, clock.now())

  return {
    store,
    clock,
    deps,
    mains,
    /** What the self-hosted server does with `POST /api/<fn>`. */
    async callHttp(functionName: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
      return dispatchApi(mains, functionName, {
        httpMethod: 'POST',
        path: `/api/${functionName}`,
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        isBase64Encoded: false,
      })
    },
    /** What CloudBase does with `wx.cloud.callFunction({ name, data })`: `userInfo` comes from the platform. */
    async callFunction(name: FunctionName, data: unknown, userInfo?: { openId: string; appId?: string }) {
      const event = { ...(data as Record<string, unknown>), ...(userInfo ? { userInfo } : {}) }
      return mains[name](event, { request_id: 'test' })
    },
    async dispose() {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type EmbeddedBackend = Awaited<ReturnType<typeof createEmbeddedBackend>>
