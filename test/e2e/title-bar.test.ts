import {
  activePage,
  openVisitor,
  type Visitor,
  waitForPageSettled,
  waitForRoute,
  closeCheckedVisitor,
} from '../support/e2e/browser'
import { answerConsent } from '../support/e2e/consent'
import { startE2eServer, type E2eServer } from '../support/e2e/server'

// Generous for a 2-core CI machine launching Chromium, yet bounded: every wait below has its own limit.
jest.setTimeout(60_000)

const POLICY = '/packages/account/pages/policy/index'

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

interface Box {
  width: number
  height: number
}

/** What the H5 title bar draws: the title's text and whether any of it is cut, and the icon's tap area. */
async function titleBar(v: Visitor, icon: 'back' | 'home') {
  return v.page.evaluate((which) => {
    const bar = document.getElementById('taro-navigation-bar')!
    const title = bar.querySelector<HTMLElement>('.taro-navigation-bar-title')!
    const target = bar.querySelector<HTMLElement>(`.taro-navigation-bar-${which}`)!
    const rect = target.getBoundingClientRect()
    return {
      title: title.textContent,
      // A cut title overflows its box (the ellipsis hides the rest): scrollWidth > clientWidth.
      titleCut: title.scrollWidth > title.clientWidth,
      titleFontSize: parseFloat(getComputedStyle(title).fontSize),
      iconShown: getComputedStyle(target).display !== 'none',
      target: { width: rect.width, height: rect.height } as Box,
    }
  }, icon)
}

describe('the H5 title bar', () => {
  it('a sub-page shows its whole title, and its back arrow is a 44 × 44 tap target that goes back', async () => {
    visitor = await openVisitor()
    const v = visitor
    // Straight to 我的 rather than through its tab: tapping one of Taro's H5 tabs (an <a href="javascript:;">)
    // is itself blocked by the CSP, which is not what this story is about.
    await v.page.goto(`${server.url}/#/pages/mine/index`)
    await waitForPageSettled(v.page)
    await answerConsent(v, server.url)

    await activePage(v.page).getByText('用户协议（含平台规则）').tap()
    await waitForRoute(v.page, `${POLICY}?doc=terms`)
    const heading = activePage(v.page).locator('.policy-page__title')
    await heading.waitFor({ state: 'visible' })
    const expected = await heading.textContent()
    // Longer than the four characters Taro's default bar had room for.
    expect(expected!.length).toBeGreaterThan(4)
    await v.page.waitForFunction(
      (text) => document.querySelector('#taro-navigation-bar .taro-navigation-bar-title')?.textContent === text,
      expected,
      { timeout: 15_000 },
    )

    const bar = await titleBar(v, 'back')
    expect(bar).toMatchObject({ title: expected, titleCut: false, iconShown: true })
    expect(bar.titleFontSize).toBeLessThan(24)
    expect(bar.target.width).toBeGreaterThanOrEqual(44)
    expect(bar.target.height).toBeGreaterThanOrEqual(44)

    await v.page.locator('#taro-navigation-bar .taro-navigation-bar-back').tap()
    await waitForRoute(v.page, '/pages/mine/index')
  })

  it('a sub-page opened from a link (no page to go back to) gets a 44 × 44 home target and its whole title', async () => {
    visitor = await openVisitor()
    const v = visitor
    await v.page.goto(`${server.url}/#/packages/mine/pages/reveals/index`)
    await waitForPageSettled(v.page)
    await answerConsent(v, server.url)
    await v.page.waitForFunction(
      () =>
        document.querySelector('#taro-navigation-bar .taro-navigation-bar-title')?.textContent === '谁看过我的联系方式',
      undefined,
      { timeout: 15_000 },
    )

    const bar = await titleBar(v, 'home')
    expect(bar).toMatchObject({ title: '谁看过我的联系方式', titleCut: false, iconShown: true })
    expect(bar.target.width).toBeGreaterThanOrEqual(44)
    expect(bar.target.height).toBeGreaterThanOrEqual(44)
  })
})
