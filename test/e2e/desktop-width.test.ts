import {
  activePage,
  closeClean,
  openVisitor,
  saveScreenshot,
  waitForPageSettled,
  type Visitor,
} from '../support/e2e/browser'
import { answerConsent } from '../support/e2e/consent'
import { startE2eServer, type E2eServer } from '../support/e2e/server'

jest.setTimeout(60_000)

let server: E2eServer

beforeAll(async () => {
  server = await startE2eServer()
})

afterAll(() => server?.close())

interface Layout {
  column: { left: number; width: number }
  tabBar: { left: number; width: number }
  cardTitlePx: number
  rootFontPx: number
}

/** Where the app's column, its tab bar and the first card's title sit at the current viewport width. */
async function layout(v: Visitor): Promise<Layout> {
  return v.page.evaluate(() => {
    const box = (el: Element | null) => {
      const r = el!.getBoundingClientRect()
      return { left: r.left, width: r.width }
    }
    const title = document.querySelector('.taro_page.taro_page_show .listing-card__title')
    return {
      column: box(document.getElementById('app')),
      tabBar: box(document.querySelector('.weui-tabbar')),
      cardTitlePx: parseFloat(getComputedStyle(title!).fontSize),
      rootFontPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
    }
  })
}

describe('the H5 app in a desktop browser', () => {
  it('at 1280 px the feed is a centred column of 480–560 px, sized like on a large phone, tab bar included', async () => {
    const v = await openVisitor({ viewport: { width: 1280, height: 900 } })
    try {
      await story(v)
    } finally {
      await closeClean(v)
    }
  })
})

/** The feed at 1280 px, then the same page at 390 px. */
async function story(v: Visitor): Promise<void> {
  await v.page.goto(`${server.url}/#/pages/index/index`)
  await waitForPageSettled(v.page)
  await answerConsent(v, server.url)
  await activePage(v.page).locator('.listing-card__title').first().waitFor({ state: 'visible' })

  const desk = await layout(v)
  await saveScreenshot(v.page, 'desktop-1280-feed.png')
  expect(desk.column.width).toBeGreaterThanOrEqual(480)
  expect(desk.column.width).toBeLessThanOrEqual(560)
  // Centred: as much room on the left as on the right.
  expect(Math.abs(desk.column.left - (1280 - desk.column.left - desk.column.width))).toBeLessThanOrEqual(1)
  expect(desk.tabBar).toEqual(desk.column)

  // The same page on a 390 px phone: text on the desktop is at most as much bigger as the column is wider.
  await v.page.setViewportSize({ width: 390, height: 844 })
  await v.page.waitForFunction(() => document.getElementById('app')!.getBoundingClientRect().width === 390)
  const phone = await layout(v)
  expect(phone.column).toEqual({ left: 0, width: 390 })
  expect(desk.cardTitlePx / phone.cardTitlePx).toBeLessThanOrEqual(desk.column.width / 390 + 0.01)
  expect(desk.rootFontPx).toBeLessThan(40)
}
