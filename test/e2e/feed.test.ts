import { Collections } from '@shared/collections'
import type { Category, ListingSummary } from '@shared/contracts'
import type { StoredDocument } from '@shared/ports/document-store'
import {
  activePage,
  openVisitor,
  saveScreenshot,
  waitForPageSettled,
  waitForRoute,
  type Visitor,
  closeCheckedVisitor,
} from '../support/e2e/browser'
import { answerConsent } from '../support/e2e/consent'
import { startE2eServer, type E2eServer } from '../support/e2e/server'

// Generous for a 2-core CI machine launching Chromium, yet bounded: every wait below has its own limit.
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

/** A first visit: the consent dialog comes first (nothing is requested before it), and is agreed to. */
async function visit(hashRoute = ''): Promise<Visitor> {
  visitor = await openVisitor()
  await visitor.page.goto(`${server.url}/${hashRoute}`)
  await waitForPageSettled(visitor.page)
  await answerConsent(visitor, server.url)
  return visitor
}

const CARD = '.listing-card'
const cards = (v: Visitor) => activePage(v.page).locator(CARD)
const cardTitles = (v: Visitor) => activePage(v.page).locator('.listing-card__title').allTextContents()

/** Waits (polling in the page) until the current page shows at least `count` cards. */
async function waitForCards(v: Visitor, count: number, timeout = 15_000): Promise<void> {
  await v.page.waitForFunction(
    (n) => {
      const pages = document.querySelectorAll('.taro_router > .taro_page.taro_page_show:not(.taro_page_shade)')
      const top = pages[pages.length - 1]
      return !!top && top.querySelectorAll('.listing-card').length >= n
    },
    count,
    { timeout },
  )
}

const titlesOf = (items: ListingSummary[]) => items.map((item) => item.title)
const CHINESE = /[\u4e00-\u9fff]/

describe('the H5 feed, served by the self-hosted server', () => {
  it('a newcomer opening the site sees the seeded listings, newest first', async () => {
    const expected = await server.listListings()
    expect(expected.items.length).toBeGreaterThanOrEqual(10)

    const v = await visit()
    await waitForCards(v, expected.items.length)

    const titles = await cardTitles(v)
    expect(titles.slice(0, expected.items.length)).toEqual(titlesOf(expected.items))
    expect(titles[0]).toMatch(CHINESE)
    await expect(activePage(v.page).locator('.category-tabs__tab--active').textContent()).resolves.toBe('全部')
    // Same origin only: the H5 app needs nothing from any other host.
    expect(v.requests.filter((r) => !r.url.startsWith(server.url + '/'))).toEqual([])

    await saveScreenshot(v.page, 'feed.png')
  })

  it('tapping a card opens its detail with the phone number masked', async () => {
    const { items } = await server.listListings()
    const chosen = items[2]
    const detail = await server.getListing(chosen.id)
    const stored = await server.store.get<StoredDocument & { contact: { phone: string } }>(
      Collections.listings,
      chosen.id,
    )
    const fullPhone = stored!.contact.phone
    expect(detail.maskedPhone).toMatch(/^\d{3}\*{4}\d{4}$/)

    const v = await visit()
    await waitForCards(v, 3)
    await cards(v).nth(2).tap()

    await waitForRoute(v.page, `/pages/detail/index?id=${chosen.id}`)
    const page = activePage(v.page)
    await expect(page.locator('.detail-page__title').textContent()).resolves.toBe(chosen.title)
    await page.locator('.contact-card__phone').waitFor({ state: 'visible' })
    await expect(page.locator('.contact-card__phone').textContent()).resolves.toBe(detail.maskedPhone)
    expect(await v.page.evaluate(() => document.body.innerText)).not.toContain(fullPhone)
    expect(await v.page.content()).not.toContain(fullPhone)

    await saveScreenshot(v.page, 'detail.png')
  })

  it('a shared deep link opens that listing’s detail directly', async () => {
    const { items } = await server.listListings()
    const chosen = items[5]

    const v = await visit(`#/pages/detail/index?id=${chosen.id}`)

    const page = activePage(v.page)
    await expect(page.locator('.detail-page__title').textContent()).resolves.toBe(chosen.title)
    await expect(page.locator('.detail-page__chip').textContent()).resolves.toBe(chosen.categoryName)
    // The feed was never opened: a deep link must not depend on it. (The detail lists the poster's other
    // listings as cards of its own, so the feed page itself is what must be absent.)
    expect(await v.page.locator('.feed-page').count()).toBe(0)
  })

  it('a deep link to an unknown or unpublished listing says it is gone', async () => {
    const hidden = await server.store.find<StoredDocument>(Collections.listings, {
      where: { status: 'pending' },
      orderBy: [{ field: 'publishedAt', direction: 'desc' }],
      limit: 1,
    })
    expect(hidden.items).toHaveLength(1)

    for (const id of ['demo-9999', hidden.items[0]._id]) {
      const v = await visit(`#/pages/detail/index?id=${id}`)
      const gone = activePage(v.page).locator('.state-view__title')
      await gone.waitFor({ state: 'visible' })
      await expect(gone.textContent()).resolves.toBe('该信息不存在或已下架')
      expect(await activePage(v.page).locator('.detail-page__title').count()).toBe(0)
      expect(v.pageErrors).toEqual([])
      await v.close()
      visitor = undefined
    }
  })

  it('switching a category tab shows only listings of that category', async () => {
    const categories = await server.call<Category[]>('listings', 'listCategories', {})
    const category = categories[2]
    const expected = await server.listListings({ category: category.id })
    expect(expected.items.length).toBeGreaterThan(0)

    const v = await visit()
    await waitForCards(v, 1)
    await activePage(v.page).locator('.category-tabs__tab', { hasText: category.name }).tap()

    // Polls until the list was replaced: every chip names the category and the count matches the server.
    await v.page.waitForFunction(
      ({ name, count }) => {
        const pages = document.querySelectorAll('.taro_router > .taro_page.taro_page_show:not(.taro_page_shade)')
        const chips = pages[pages.length - 1]?.querySelectorAll('.listing-card__chip') ?? []
        return chips.length === count && Array.prototype.every.call(chips, (el: Element) => el.textContent === name)
      },
      { name: category.name, count: expected.items.length },
      { timeout: 15_000 },
    )
    expect(await cardTitles(v)).toEqual(titlesOf(expected.items))
    await expect(activePage(v.page).locator('.category-tabs__tab--active').textContent()).resolves.toBe(category.name)
  })

  it('scrolling to the bottom loads the next page of listings', async () => {
    const first = await server.listListings()
    expect(first.nextCursor).not.toBeNull()
    const second = await server.listListings({ cursor: first.nextCursor })

    const v = await visit()
    await waitForCards(v, first.items.length)
    expect(await cards(v).count()).toBe(first.items.length)

    // Wheel-scroll like a person until the list grows; each round waits briefly for the next page.
    const deadline = Date.now() + 20_000
    const target = first.items.length + second.items.length
    await v.page.mouse.move(195, 600)
    while ((await cards(v).count()) < target) {
      if (Date.now() > deadline) throw new Error(`infinite scroll stopped at ${await cards(v).count()} cards`)
      await v.page.mouse.wheel(0, 3000)
      await waitForCards(v, target, 2_000).catch(() => undefined)
    }

    expect(await cardTitles(v)).toEqual([...titlesOf(first.items), ...titlesOf(second.items)])
  })
})
