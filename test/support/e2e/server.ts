import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Envelope, ListingDetail, ListingSummary, Page } from '@shared/contracts'
import { silentLogger } from '@shared/core/logger'
import { startServer, type RunningServer } from '../../../server/server'

/**
 * The real self-hosted server, in-process: the same `startServer` `npm run serve` uses, on a random
 * loopback port, with a fresh seeded SQLite file and the built H5 app. Only the port and the folder
 * differ from production, so the browser tests cover the whole path from tap to database.
 */
export const H5_DIR = resolve(__dirname, '../../../dist/h5')

export interface E2eServer extends RunningServer {
  /** Calls one action over HTTP like the app does; throws on an error envelope. */
  call<T>(functionName: string, action: string, payload?: unknown): Promise<T>
  listListings(payload?: Record<string, unknown>): Promise<Page<ListingSummary>>
  getListing(id: string): Promise<ListingDetail>
}

export async function startE2eServer(): Promise<E2eServer> {
  // The server itself only warns without a build (it can serve the API alone); a browser test cannot.
  if (!existsSync(join(H5_DIR, 'index.html'))) {
    throw new Error(`${join(H5_DIR, 'index.html')} is missing: run npm run build:h5 first`)
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'zhineng-e2e-'))
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
      // The browser solves the real proof of work; several members log in from this one address.
      env: { SMS_CAPTCHA: 'pow', SMS_SENDS_PER_IP_PER_HOUR: '1000', SMS_WRONG_CODES_PER_IP_PER_HOUR: '1000' },
    })
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }

  async function call<T>(functionName: string, action: string, payload?: unknown): Promise<T> {
    const res = await fetch(`${server.url}/api/${functionName}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
    async close() {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
