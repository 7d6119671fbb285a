import type { Session } from '@shared/contracts'
import { activePage, saveScreenshot, waitForRoute, type Visitor } from '../support/e2e/browser'
import { startE2eServer, type E2eServer } from '../support/e2e/server'
import { apiLogin, openAsMember } from '../support/e2e/session'

jest.setTimeout(120_000)

const ADMIN = '13633330021'

let server: E2eServer
let v: Visitor | undefined
let admin: Session

beforeAll(async () => {
  server = await startE2eServer({ env: { SMS_CAPTCHA: 'off' } })
  admin = await apiLogin(server, ADMIN)
  expect(await server.moderator('grant', ADMIN, '--role', 'admin')).toContain('管理员')
})

afterAll(async () => {
  await v?.close()
  await server?.close()
})

async function confirmModal(visitor: Visitor, title: string): Promise<void> {
  const modal = visitor.page.locator('.taro__modal')
  await modal.locator('.taro-modal__title', { hasText: title }).waitFor({ state: 'visible' })
  await modal.locator('.taro-model__confirm').tap()
}

async function back(visitor: Visitor, route: string): Promise<void> {
  await visitor.page.locator('#taro-navigation-bar .taro-navigation-bar-back').tap()
  await waitForRoute(visitor.page, route)
}

describe('the console in the browser', () => {
  it('an admin on a 场地资源 tab hides that category in 分类管理; back on 首页, without a reload, the tab is gone and 全部 is shown', async () => {
    v = await openAsMember(server, admin, '/pages/index/index', { viewport: { width: 1280, height: 900 } })
    const page = () => activePage(v!.page)
    const tabs = () => page().locator('.category-tabs__tab')
    await tabs().filter({ hasText: '场地资源' }).tap()
    await expect(page().locator('.category-tabs__tab--active').textContent()).resolves.toBe('场地资源')
    const loads = v.requests.filter((r) => r.resourceType === 'document').length

    await v.page.locator('.weui-tabbar .weui-tabbar__item', { hasText: '我的' }).tap()
    await waitForRoute(v.page, '/pages/mine/index')
    await page().locator('.mine-tab__link--moderation').tap()
    await waitForRoute(v.page, '/packages/moderation/pages/queue/index')
    await page().locator('.moderation-page__categories-link').tap()
    await waitForRoute(v.page, '/packages/moderation/pages/categories/index')

    const venue = page().locator('.category-card[data-category="venue"]')
    await venue.locator('.category-card__hide').tap()
    await confirmModal(v, '隐藏「场地资源」')
    await venue.locator('.category-card__badge', { hasText: '已隐藏' }).waitFor({ state: 'visible' })
    await saveScreenshot(v.page, 'categories.png')

    // 政策版本 from the same header: what is published, and who agreed to it (the admin, just now).
    await back(v, '/packages/moderation/pages/queue/index')
    await page().locator('.moderation-page__policy-link').tap()
    await waitForRoute(v.page, '/packages/moderation/pages/policy-versions/index')
    const privacy = page().locator('.policy-doc[data-document="privacy"]')
    await privacy.locator('.policy-doc__published').waitFor({ state: 'visible' })
    await expect(privacy.locator('.policy-doc__published').textContent()).resolves.toMatch(
      /^当前要求同意的版本：\d+\.\d+\.\d+$/,
    )
    await expect(privacy.locator('table.stats-table--shares-privacy caption').textContent()).resolves.toContain(
      '位会员最近同意的版本',
    )

    await back(v, '/packages/moderation/pages/queue/index')
    await back(v, '/pages/mine/index')
    await v.page.locator('.weui-tabbar .weui-tabbar__item', { hasText: '首页' }).tap()
    await waitForRoute(v.page, '/pages/index/index')
    await expect(page().locator('.category-tabs__tab--active').textContent()).resolves.toBe('全部')
    await expect(tabs().filter({ hasText: '场地资源' }).count()).resolves.toBe(0)
    expect(v.requests.filter((r) => r.resourceType === 'document')).toHaveLength(loads)
  })
})
