import { activePage, closeClean, openTab, waitForRoute, type Visitor } from '../support/e2e/browser'
import { fillPublishDetails } from '../support/e2e/publish-form'
import { apiLogin, apiPublish, openAsMember } from '../support/e2e/session'
import { startE2eServer, type E2eServer } from '../support/e2e/server'

// Stories through a browser on a 2-core machine: generous, yet every wait is bounded.
jest.setTimeout(120_000)

let server: E2eServer
let visitor: Visitor | undefined

beforeAll(async () => {
  server = await startE2eServer({ env: { SMS_CAPTCHA: 'off' } })
})

afterAll(async () => {
  await server?.close()
})

afterEach(async () => {
  const opened = visitor
  visitor = undefined
  await closeClean(opened)
})

/** Page loads of the app itself (a reload, a typed address): a story without one never reloaded. */
function documentLoads(v: Visitor): number {
  return v.requests.filter((r) => r.resourceType === 'document').length
}

async function back(v: Visitor, route: string): Promise<void> {
  await v.page.locator('#taro-navigation-bar .taro-navigation-bar-back').tap()
  await waitForRoute(v.page, route)
}

async function confirmModal(v: Visitor, title: string): Promise<void> {
  const modal = v.page.locator('.taro__modal')
  await modal.locator('.taro-modal__title', { hasText: title }).waitFor({ state: 'visible' })
  await modal.locator('.taro-model__confirm').tap()
}

const firstCard = (v: Visitor) => activePage(v.page).locator('.listing-card__title').first()

describe('every view shows the member’s change on return, without a reload', () => {
  it('publish → back → the new listing is first in the feed', async () => {
    const session = await apiLogin(server, '13655550001')
    visitor = await openAsMember(server, session, '/pages/index/index')
    const v = visitor
    const page = () => activePage(v.page)
    await firstCard(v).waitFor({ state: 'visible' })
    const title = '氢能叉车华中区域代理招募'
    await expect(firstCard(v).textContent()).resolves.not.toBe(title)
    const loads = documentLoads(v)

    await openTab(v.page, '发布', '/pages/publish/index')
    await page().locator('.publish-tab__start').tap()
    await waitForRoute(v.page, '/packages/publish/pages/edit/index')
    await fillPublishDetails(v.page, {
      category: '代理加盟',
      title,
      description: '氢燃料电池叉车整机供应，提供试用、培训和维保，诚招华中区域代理商。',
      company: '武汉氢行动力有限公司',
      province: '湖北省',
      city: '武汉',
    })
    await page().locator('.publish-steps__next').tap()
    await page().locator('.publish-steps__next').tap()
    await page().locator('.publish-input--contact-name input').fill('周经理')
    await page().locator('.publish-input--contact-phone input').fill('13912340001')
    await page().locator('.publish-consent--phone').tap()
    await page().locator('.publish-steps__next').tap()
    await page().locator('.publish-steps__next').tap()
    await page().locator('.publish-steps__submit').tap()
    await page().locator('.publish-result__title', { hasText: '已发布' }).waitFor({ state: 'visible' })

    // Back to the 发布 tab, then 首页: the feed shown again has it on top.
    await back(v, '/pages/publish/index')
    await openTab(v.page, '首页', '/pages/index/index')
    await activePage(v.page).locator('.listing-card__title', { hasText: title }).first().waitFor({ state: 'visible' })
    await expect(firstCard(v).textContent()).resolves.toBe(title)
    expect(documentLoads(v)).toBe(loads)
  })

  it('take down in 我的发布 → back to 首页 → the listing is gone from the feed', async () => {
    const session = await apiLogin(server, '13655550002')
    const title = '锂电储能柜华南区域招商'
    const listing = await apiPublish(server, session, title)
    expect(listing.status).toBe('published')
    visitor = await openAsMember(server, session, '/pages/index/index')
    const v = visitor
    const page = () => activePage(v.page)
    await expect(firstCard(v).textContent()).resolves.toBe(title)
    const next = await activePage(v.page).locator('.listing-card__title').nth(1).textContent()
    const loads = documentLoads(v)

    await openTab(v.page, '我的', '/pages/mine/index')
    await page().locator('.mine-tab__link--listings').tap()
    await waitForRoute(v.page, '/packages/mine/pages/listings/index')
    const card = page().locator('.my-listing', { hasText: title })
    await card.locator('.my-listing__take-down').tap()
    await confirmModal(v, '下架信息')
    await card.locator('.my-listing__status', { hasText: '已下架' }).waitFor({ state: 'visible' })

    await back(v, '/pages/mine/index')
    await openTab(v.page, '首页', '/pages/index/index')
    await v.page.waitForFunction(
      (expected) =>
        document.querySelector('.taro_page.taro_page_show:not(.taro_page_shade) .listing-card__title')?.textContent ===
        expected,
      next,
      { timeout: 15_000 },
    )
    expect(await activePage(v.page).locator('.listing-card__title', { hasText: title }).count()).toBe(0)
    // The server agrees: taken down, out of the public feed.
    const feed = await server.listListings()
    expect(feed.items.map((l) => l.id)).not.toContain(listing.id)
    expect(documentLoads(v)).toBe(loads)
  })

  it('我的收藏 → its detail → 取消收藏 → back: the list no longer has it', async () => {
    const session = await apiLogin(server, '13655550003')
    const [chosen] = (await server.listListings({ pageSize: 1 })).items
    await server.call('interactions', 'addFavourite', { listingId: chosen.id }, session.token)
    visitor = await openAsMember(server, session, '/packages/mine/pages/favourites/index')
    const v = visitor
    const page = () => activePage(v.page)
    const row = page().locator('.favourites-page__item', { hasText: chosen.title })
    await row.waitFor({ state: 'visible' })
    const loads = documentLoads(v)

    await row.locator('.mine-page__row-main').tap()
    await waitForRoute(v.page, `/pages/detail/index?id=${chosen.id}`)
    await page().locator('.detail-page__favourite', { hasText: '已收藏' }).tap()
    await page()
      .locator('.detail-page__favourite', { hasText: /^收藏$/ })
      .waitFor({ state: 'visible' })

    await back(v, '/packages/mine/pages/favourites/index')
    await page().getByText('还没有收藏').waitFor({ state: 'visible' })
    // The empty state's icon is a drawn one, not a blank circle.
    const icon = await page()
      .locator('.state-view__icon--empty')
      .evaluate((el) => getComputedStyle(el).backgroundImage)
    expect(icon).toContain('data:image/svg+xml')
    const stored = await server.call<{ items: unknown[] }>('interactions', 'listFavourites', {}, session.token)
    expect(stored.items).toEqual([])
    expect(documentLoads(v)).toBe(loads)
  })
})
