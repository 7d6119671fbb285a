import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Collections } from '@shared/collections'
import type { ListingSummary, MyListingDetail, Page, Session } from '@shared/contracts'
import { silentLogger } from '@shared/core/logger'
import type { OutboxMessage } from '@shared/drivers/local/sms-outbox'
import { openSqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { startServer, STORE_FILE, type RunningServer } from '../../server/server'
import { agreedConsents, dataOf } from '../support/accounts'
import { callServer } from '../support/server-process'
import { validListing } from '../support/listings'

const PHONE = '13812345678'

/**
 * The server keeps guests' feed and search answers (server/feed-cache.ts); these stories prove a kept answer
 * never outlives a change to the listings, whichever way the change is made.
 */
describe('the self-hosted server: guests’ feed answers kept between writes', () => {
  let dir: string
  let server: RunningServer
  /** The server's clock: the real time until a story moves it. */
  let now: number

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-feed-cache-'))
    now = Date.now()
    server = await startServer({
      clock: { now: () => now },
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      h5Dir: join(dir, 'no-h5'),
      seed: true,
      logLevel: 'error',
      logger: silentLogger,
      env: { SMS_CAPTCHA: 'off' },
    })
  })
  afterEach(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const call = <T>(fn: string, action: string, payload: unknown, token?: string) =>
    callServer<T>(server.url, fn, action, payload, token)
  const data = dataOf
  const guestFeed = async (payload: Record<string, unknown> = {}) =>
    data(await call<Page<ListingSummary>>('listings', 'listListings', { cursor: null, ...payload })).items.map(
      (item) => item.id,
    )
  const login = async (): Promise<Session> => {
    data(await call('auth', 'sendSmsCode', { phone: PHONE }))
    const [message] = (await (await fetch(`${server.url}/dev/sms-outbox`)).json()) as OutboxMessage[]
    return data(
      await call<Session>('auth', 'loginWithSms', {
        phone: PHONE,
        code: message.code,
        consents: agreedConsents(Date.now()),
      }),
    )
  }

  it('a listing published after the feed was cached is first in the next feed page, and in the next search', async () => {
    const before = await guestFeed()
    // Asked twice: the second answer is the kept one, and the same.
    expect(await guestFeed()).toEqual(before)
    const searchBefore = await guestFeed({ keyword: '门锁' })
    const session = await login()

    const created = data(await call<MyListingDetail>('listings', 'createListing', validListing(), session.token))
    expect(created.status).toBe('published')

    const after = await guestFeed()
    expect(after[0]).toBe(created.id)
    expect(after.slice(1)).toEqual(before.slice(0, after.length - 1))
    const searchAfter = await guestFeed({ keyword: '门锁' })
    expect(searchAfter[0]).toBe(created.id)
    expect(searchBefore).not.toContain(created.id)
  })

  it('a listing its owner takes down leaves the next guest feed page, though that page was kept', async () => {
    const session = await login()
    const created = data(await call<MyListingDetail>('listings', 'createListing', validListing(), session.token))
    expect((await guestFeed())[0]).toBe(created.id)
    expect((await guestFeed())[0]).toBe(created.id)

    data(await call('listings', 'takeDownListing', { listingId: created.id }, session.token))
    expect(await guestFeed()).not.toContain(created.id)
  })

  it('a write that goes around the use cases (a job, a moderator tool) still ends the kept answers', async () => {
    const [first] = await guestFeed()
    // Straight to the store, as the purge or the moderator CLI would: the store itself reports the change.
    expect(await server.store.update(Collections.listings, first, { status: 'removed' })).toBe(true)
    expect(await guestFeed()).not.toContain(first)
  })

  it('a write by another process (a job run from the command line) also ends the kept answers', async () => {
    const [first] = await guestFeed()
    const other = openSqliteStore(join(dir, 'data', STORE_FILE))
    try {
      expect(await other.update(Collections.listings, first, { status: 'removed' })).toBe(true)
    } finally {
      other.close()
    }
    expect(await guestFeed()).not.toContain(first)
  })

  it('a kept page ends when its first listing expires, though nothing was written', async () => {
    const page = data(await call<Page<ListingSummary>>('listings', 'listListings', { cursor: null }))
    const soonest = page.items.reduce((a, b) => (b.expiresAt < a.expiresAt ? b : a))
    expect(await guestFeed()).toContain(soonest.id)
    now = soonest.expiresAt
    expect(await guestFeed()).not.toContain(soonest.id)
  })

  it('a member’s feed is never served from what was kept for guests: the session is checked every time', async () => {
    await guestFeed()
    const refused = await call('listings', 'listListings', { cursor: null }, 'not-a-session')
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})
