import type { Page } from 'playwright-core'
import { FIRST_SCREEN_IDS } from '@shared/contracts/first-screen'
import { CONSENT_DIALOG_FRAME, FIRST_CONSENT_COPY } from '@shared/policy/consent-dialog-copy'
import { activePage, openVisitor, waitForRoute, type Visitor, closeCheckedVisitor } from '../support/e2e/browser'
import { answerConsent } from '../support/e2e/consent'
import { startE2eServer, type E2eServer } from '../support/e2e/server'

jest.setTimeout(60_000)

let server: E2eServer
let visitor: Visitor | undefined

beforeAll(async () => {
  server = await startE2eServer()
})

afterAll(async () => {
  await server?.close()
})

afterEach(async () => {
  const opened = visitor
  visitor = undefined
  await closeCheckedVisitor(opened)
})

const CARDS = `#${FIRST_SCREEN_IDS.cards}`
const CONSENT = `#${FIRST_SCREEN_IDS.consent}`

/** Loads the page with the app's code held back: what a visitor sees before it has arrived and run. */
async function withoutTheApp(page: Page, url: string): Promise<void> {
  await page.route('**/js/**', (route) => route.abort())
  await page.goto(url)
  await page.unroute('**/js/**')
}

/**
 * The server's first screen (server/first-screen.ts): what a visitor sees before the app's code has run,
 * and that it is gone, not doubled, once the app shows its own.
 */
describe('the first screen, before the app runs', () => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    it(`at ${viewport.width} px: a first visit sees the consent dialog inert, a return the first cards where the app's come`, async () => {
      visitor = await openVisitor({ viewport })
      const { page } = visitor

      await withoutTheApp(page, `${server.url}/`)
      const prepaint = page.locator(CONSENT)
      await prepaint.waitFor({ state: 'visible' })
      await expect(prepaint.locator('.consent-dialog__title').textContent()).resolves.toBe(FIRST_CONSENT_COPY.title)
      await expect(
        prepaint.locator('button').evaluateAll((all) => all.map((b) => (b as HTMLButtonElement).disabled)),
      ).resolves.toEqual([true, true])
      await expect(prepaint.locator('button').allTextContents()).resolves.toEqual([
        CONSENT_DIALOG_FRAME.decline,
        CONSENT_DIALOG_FRAME.agree,
      ])
      // No feed before consent, from the server either.
      expect(await page.locator(CARDS).count()).toBe(0)

      // The app arrives: its own dialog replaces the copy.
      await page.reload()
      await answerConsent(visitor, server.url)
      const appCard = activePage(page).locator('.listing-card').first()
      await appCard.waitFor({ state: 'visible' })
      expect(await page.locator(`${CARDS}, ${CONSENT}`).count()).toBe(0)
      // Measured once the tabs are in (their row sets the filters' height).
      await activePage(page).locator('.category-tabs__tab').nth(1).waitFor({ state: 'visible' })
      const appBox = (await appCard.boundingBox())!
      const appTitle = await appCard.locator('.listing-card__title').textContent()

      // Back again: the server's cards, with the same first listing, where the app's first card will be.
      await withoutTheApp(page, `${server.url}/`)
      const first = page.locator(`${CARDS} .listing-card`).first()
      await first.waitFor({ state: 'visible' })
      expect(await page.locator(CONSENT).count()).toBe(0)
      expect(await first.locator('.listing-card__title').textContent()).toBe(appTitle)
      const box = (await first.boundingBox())!
      expect(Math.abs(box.x - appBox.x)).toBeLessThanOrEqual(2)
      expect(Math.abs(box.y - appBox.y)).toBeLessThanOrEqual(2)
      expect(Math.abs(box.width - appBox.width)).toBeLessThanOrEqual(2)

      // And once the app has run, only its own cards are there.
      await page.reload()
      await activePage(page).locator('.listing-card').first().waitFor({ state: 'visible' })
      expect(await page.locator(`${CARDS}, ${CONSENT}`).count()).toBe(0)
    })
  }

  it('a card tapped before the app runs opens its detail once it does', async () => {
    visitor = await openVisitor()
    const { page } = visitor
    await page.goto(`${server.url}/`)
    await answerConsent(visitor, server.url)
    await activePage(page).locator('.listing-card').first().waitFor({ state: 'visible' })

    await withoutTheApp(page, `${server.url}/`)
    const first = page.locator(`${CARDS} .listing-card`).first()
    const href = (await first.getAttribute('href'))!
    await first.tap()
    // Off the feed's route, the first screen goes.
    await page.locator(CARDS).waitFor({ state: 'detached' })
    await page.reload()
    await waitForRoute(page, decodeURIComponent(href.replace(/^#/, '')))
    expect(await page.locator(CARDS).count()).toBe(0)
  })
})
