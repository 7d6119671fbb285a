import { Collections } from '@shared/collections'
import type { StoredDocument } from '@shared/ports/document-store'
import { activePage, openVisitor, waitForPageSettled, waitForRoute, type Visitor } from '../support/e2e/browser'
import { answerConsent } from '../support/e2e/consent'
import { logInBySms } from '../support/e2e/login'
import { startE2eServer, type E2eServer } from '../support/e2e/server'

jest.setTimeout(90_000)

let server: E2eServer
let visitor: Visitor | undefined

beforeAll(async () => {
  server = await startE2eServer()
})
afterAll(async () => {
  await server?.close()
})
afterEach(async () => {
  await visitor?.close()
  visitor = undefined
})

type SeededListing = StoredDocument & {
  title: string
  status: string
  contact: { phone: string; public: { phone: boolean } }
}

describe('the H5 app runs under its own security headers', () => {
  it('the page carries a CSP that admits its inline script by hash, forbids framing, sends no referrer and no sniffing', async () => {
    const page = await fetch(`${server.url}/`)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/)
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')

    const api = await fetch(`${server.url}/api/listings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'listCategories', payload: {} }),
    })
    expect(api.status).toBe(200)
    expect(api.headers.get('x-content-type-options')).toBe('nosniff')
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
    expect(api.headers.get('x-frame-options')).toBe('DENY')

    const script = /<script defer="defer" src="([^"]+)"/.exec(await page.text())?.[1]
    expect(script).toBeDefined()
    for (const encoding of ['gzip', 'identity']) {
      const res = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': encoding } })
      expect(res.headers.get('vary')).toBe('Accept-Encoding')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('a visitor browses the feed, opens a detail and logs in by SMS to reveal a contact, and the policy blocks nothing', async () => {
    const published = await server.store.find<SeededListing>(Collections.listings, {
      where: { status: 'published' },
      orderBy: [{ field: 'publishedAt', direction: 'desc' }],
      limit: 20,
    })
    const listing = published.items.find((item) => item.contact.public.phone)
    expect(listing).toBeDefined()

    visitor = await openVisitor()
    const v = visitor
    await v.page.goto(`${server.url}/`)
    await waitForPageSettled(v.page)
    // Taro's inline rem script ran: the policy admits it by its hash.
    expect(await v.page.evaluate(() => document.documentElement.style.fontSize)).toMatch(/px$/)
    await answerConsent(v, server.url)
    await activePage(v.page).locator('.listing-card').first().waitFor({ state: 'visible' })

    await v.page.goto(`${server.url}/#/pages/detail/index?id=${listing!._id}`)
    await v.page.reload()
    await waitForRoute(v.page, `/pages/detail/index?id=${listing!._id}`)
    const detail = activePage(v.page)
    await expect(detail.locator('.detail-page__title').textContent()).resolves.toBe(listing!.title)
    await detail.locator('.contact-card__reveal').tap()
    // The age gate, the login sheet, the proof of work solved in the page, the code from the outbox.
    await logInBySms(v.page, server.url, '13655556666')
    await activePage(v.page)
      .locator('.contact-card__phone', { hasText: listing!.contact.phone })
      .waitFor({ state: 'visible' })

    expect(v.cspViolations).toEqual([])
    expect(v.pageErrors).toEqual([])
  })

  it('another site that frames the app is refused by the browser', async () => {
    visitor = await openVisitor()
    const v = visitor
    const refused = v.page.waitForEvent('console', {
      predicate: (message) => /frame-ancestors/.test(message.text()),
      timeout: 15_000,
    })
    await v.page.setContent(`<iframe src="${server.url}/" width="390" height="600"></iframe>`)
    await refused
    const framed = v.page.frames().find((frame) => frame !== v.page.mainFrame())
    expect(await framed?.evaluate(() => document.querySelector('#app') !== null).catch(() => false)).toBe(false)
  })
})
