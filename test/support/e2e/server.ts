import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Envelope, ListingDetail, ListingSummary, Page } from '@shared/contracts'
import { runJob, type JobCounts, type JobDefinition } from '@shared/core/job'
import { silentLogger } from '@shared/core/logger'
import { systemClock, type Clock } from '@shared/ports/clock'
import { openBackend, startServer, type RunningServer } from '../../../server/server'
import { runModeratorProcess } from '../server-process'

/**
 * The real self-hosted server, in-process: the same `startServer` `npm run serve` uses, on a random
 * loopback port, with a fresh seeded SQLite file and the built H5 app. Only the port and the folder
 * differ from production, so the browser tests cover the whole path from tap to database.
 */
export const H5_DIR = resolve(__dirname, '../../../dist/h5')

export interface E2eServer extends RunningServer {
  /** Calls one action over HTTP like the app does; throws on an error envelope. */
  /** With `token`, as that member (`Authorization: Bearer`). */
  call<T>(functionName: string, action: string, payload?: unknown, token?: string): Promise<T>
  listListings(payload?: Record<string, unknown>): Promise<Page<ListingSummary>>
  getListing(id: string): Promise<ListingDetail>
  /** Runs a scheduled job once against this server's DATA_DIR, in-process, as `npm run job <name>` would. */
  runJob(job: JobDefinition): Promise<JobCounts>
  /** `npm run moderator -- <args>` as a real process against this server's DATA_DIR; throws unless it exits 0. */
  moderator(...args: string[]): Promise<string>
}

export interface E2eServerOptions {
  /** Settings on top of the browser tests' own, e.g. `{ ACCOUNT_DELETION_COOLING_OFF_DAYS: '0' }`. */
  env?: Record<string, string>
  /** The server's clock (a story that must wait out a resend moves it); the system clock by default. */
  clock?: Clock
}

export async function startE2eServer(options: E2eServerOptions = {}): Promise<E2eServer> {
  // The server itself only warns without a build (it can serve the API alone); a browser test cannot.
  if (!existsSync(join(H5_DIR, 'index.html'))) {
    throw new Error(`${join(H5_DIR, 'index.html')} is missing: run npm run build:h5 first`)
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'zhineng-e2e-'))
  const clock = options.clock ?? systemClock
  // The browser solves the real proof of work; several members log in from this one address.
  const env = {
    SMS_CAPTCHA: 'pow',
    SMS_SENDS_PER_IP_PER_HOUR: '1000',
    SMS_WRONG_CODES_PER_IP_PER_HOUR: '1000',
    ...options.env,
  }
  let server: RunningServer
  try {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      h5Dir: H5_DIR,
      seed: true,
      logLevel: 'error',
      logger: silentLogger,
      clock,
      env,
    })
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }

  async function call<T>(functionName: string, action: string, payload?: unknown, token?: string): Promise<T> {
    const res = await fetch(`${server.url}/api/${functionName}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ action, payload }),
    })
    const envelope = (await res.json()) as Envelope<T>
    if (!envelope.ok)
      throw new Error(`${functionName}.${action} failed: ${envelope.error.code} ${envelope.error.message}`)
    return envelope.data
  }

  return {
    ...server,
    call,
    listListings: (payload = {}) => call<Page<ListingSummary>>('listings', 'listListings', payload),
    getListing: (id) => call<ListingDetail>('listings', 'getListing', { id }),
    async runJob(job) {
      // A second connection to the same SQLite file (WAL), with the server's settings, secrets and files.
      const backend = await openBackend({ dataDir, seed: false, logger: silentLogger, clock, env })
      try {
        return await runJob(job, backend.deps, 'manual')
      } finally {
        backend.store.close()
      }
    },
    async moderator(...args) {
      const run = runModeratorProcess(args, { ...env, DATA_DIR: dataDir })
      const code = await run.exited
      if (code !== 0) throw new Error(`npm run moderator -- ${args.join(' ')} exited ${code}: ${run.err()}`)
      return run.out()
    },
    async close() {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
