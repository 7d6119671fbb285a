import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Collections } from '@shared/collections'
import type { ListingSummary, Page } from '@shared/contracts'
import { FIRST_SCREEN_IDS } from '@shared/contracts/first-screen'
import { silentLogger } from '@shared/core/logger'
import { CONSENT_DIALOG_FRAME, FIRST_CONSENT_COPY } from '@shared/policy/consent-dialog-copy'
import { FIRST_SCREEN_CARDS, FIRST_SCREEN_SCRIPT } from '../../server/first-screen'
import { startServer, type RunningServer } from '../../server/server'
import { dataOf } from '../support/accounts'
import { callServer } from '../support/server-process'

const Rem = 'document.documentElement.style.fontSize="20px"'
const PAGE = `<!doctype html><html><head><title>质能视界</title><script>${Rem}</script></head><body><div id="app"></div></body></html>`
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/**
 * The H5 page's first screen (server/first-screen.ts): the guest feed's first cards and an inert copy of the
 * consent dialog, in the HTML the server sends for the home page, before the app's code has run.
 */
describe('the self-hosted server: the H5 page carries its first screen', () => {
  let dir: string
  let server: RunningServer

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-first-screen-'))
    mkdirSync(join(dir, 'h5', 'css'), { recursive: true })
    writeFileSync(join(dir, 'h5', 'index.html'), PAGE)
    writeFileSync(join(dir, 'h5', 'css', '4266.abc.css'), '.listing-card{margin:0}.listing-card__title{color:#000}')
    writeFileSync(join(dir, 'h5', 'css', '9999.def.css'), '.my-listing-card{margin:0}')
    writeFileSync(join(dir, 'h5', 'css', '9921.fed.css'), '@charset "UTF-8";.consent-dialog{position:fixed}')
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      h5Dir: join(dir, 'h5'),
      seed: true,
      logLevel: 'error',
      logger: silentLogger,
    })
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const guestFeed = async () =>
    dataOf(await callServer<Page<ListingSummary>>(server.url, 'listings', 'listListings', { cursor: null })).items
  const home = async (path = '/') => {
    const res = await fetch(`${server.url}${path}`)
    return { res, html: await res.text() }
  }

  it('shows the guest feed’s first cards, as links to their details, with titles escaped', async () => {
    const [first, second] = await guestFeed()
    const title = '<script>alert("x")</script> 招商 & 加盟'
    await server.store.update(Collections.listings, first.id, { title })
    // Taken down: no longer in the public feed, so not on the first screen either.
    await server.store.update(Collections.listings, second.id, { status: 'removed' })

    const { res, html } = await home()
    expect(res.status).toBe(200)
    const feed = await guestFeed()
    expect(feed[0].title).toBe(title)
    expect(html).toContain(
      `<span class="listing-card__title">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 招商 &amp; 加盟</span>`,
    )
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain(second.title)
    const cards = [...html.matchAll(/<a class="listing-card" href="([^"]+)"/g)].map((match) => match[1])
    expect(cards).toEqual(
      feed.slice(0, FIRST_SCREEN_CARDS).map((item) => `#/pages/detail/index?id=${encodeURIComponent(item.id)}`),
    )
    expect(html).toContain(`<span class="listing-card__chip">${feed[0].categoryName}</span>`)
    expect(html).toContain(`id="${FIRST_SCREEN_IDS.cards}"`)
    // Only what a card shows: no summary, company or contact.
    for (const item of feed.slice(0, FIRST_SCREEN_CARDS)) {
      if (item.company) expect(html).not.toContain(item.company)
    }
    expect(html).not.toMatch(/1[3-9]\d{9}/)
    // Styled by the build's own stylesheet of the card, linked from the head; not by a look-alike name.
    expect(html).toMatch(/<link href="\/css\/4266\.abc\.css" rel="stylesheet">[^]*<\/head>/)
    expect(html).toContain('<link href="/css/9921.fed.css" rel="stylesheet">')
    expect(html).not.toContain('9999.def.css')
    // The app's mount point is untouched: the first screen is beside it.
    expect(html).toContain('<div id="app"></div>')
  })

  it('its Content-Security-Policy covers the page’s inline scripts by hash and still allows no inline script', async () => {
    const { res, html } = await home()
    const policy = res.headers.get('content-security-policy') ?? ''
    const scriptSrc = policy.split('; ').find((part) => part.startsWith('script-src')) ?? ''
    expect(scriptSrc).toBe(`script-src 'self' ${sha256(Rem)} ${sha256(FIRST_SCREEN_SCRIPT)}`)
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(policy).not.toContain('unsafe-eval')
    expect(html).toContain(`<script>${FIRST_SCREEN_SCRIPT}</script>`)
    // The script carries no data: its hash is the same whatever the feed holds.
    expect(FIRST_SCREEN_SCRIPT).not.toMatch(/listing-card__title/)
  })

  it('carries the consent dialog’s first screen from the app’s own words, hidden and inert until the app takes over', async () => {
    const { html } = await home('/index.html')
    const consent = new RegExp(
      `<div id="${FIRST_SCREEN_IDS.consent}" class="consent-dialog" hidden><style>[^]*?</button></div></div></div>`,
    )
    const dialog = consent.exec(html)?.[0] ?? ''
    expect(dialog).not.toBe('')
    for (const text of [FIRST_CONSENT_COPY.title, FIRST_CONSENT_COPY.intro, ...FIRST_CONSENT_COPY.points]) {
      expect(dialog).toContain(text)
    }
    expect(dialog).toContain(`disabled>${CONSENT_DIALOG_FRAME.agree}</button>`)
    expect(dialog).toContain(`disabled>${CONSENT_DIALOG_FRAME.decline}</button>`)
    expect(dialog).not.toMatch(/<button(?![^>]*disabled)/)
  })

  it('other files of the build are sent as they are', async () => {
    const res = await fetch(`${server.url}/css/4266.abc.css`)
    expect(await res.text()).toBe('.listing-card{margin:0}.listing-card__title{color:#000}')
  })
})
