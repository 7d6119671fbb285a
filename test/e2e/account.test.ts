import {
  activePage,
  openTab,
  openVisitor,
  saveScreenshot,
  type Visitor,
  waitForPageSettled,
  waitForRoute,
  closeCheckedVisitor,
} from '../support/e2e/browser'
import { privacyEdition } from '@shared/policy/editions'
import { answerConsent, apiRequests, taroStorageItem } from '../support/e2e/consent'
import { outboxCode } from '../support/e2e/login'
import { startE2eServer, type E2eServer } from '../support/e2e/server'

jest.setTimeout(90_000)

const PHONE = '13712345678'

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

async function waitForCards(v: Visitor, count: number): Promise<void> {
  await activePage(v.page)
    .locator('.listing-card')
    .nth(count - 1)
    .waitFor({ state: 'visible', timeout: 15_000 })
}

/** The newest code the demo server "sent" to this phone, read where a developer reads it. */
describe('consent and login in the browser, against the real server', () => {
  it('a fresh visitor declines, browses as a guest, then agrees, confirms their age, logs in by SMS, edits the profile and logs out', async () => {
    const v = (visitor = await openVisitor())
    await v.page.goto(`${server.url}/`)
    await waitForPageSettled(v.page)
    const page = () => activePage(v.page)

    // The dialog is up and not one API request has been made.
    await page().locator('.consent-dialog').waitFor({ state: 'visible' })
    await v.page.waitForTimeout(500)
    expect(apiRequests(v, server.url)).toEqual([])
    await saveScreenshot(v.page, 'consent-dialog.png')

    await answerConsent(v, server.url, '不同意')
    await waitForCards(v, 10)

    // 「登录」 asks again, saying why.
    await page().locator('.account-entry--login').tap()
    const dialog = page().locator('.consent-dialog')
    await dialog.waitFor({ state: 'visible' })
    await expect(dialog.textContent()).resolves.toContain('登录需要处理你的个人信息')
    await dialog.locator('.consent-dialog__agree').tap()

    await page().locator('.age-gate').waitFor({ state: 'visible' })
    await saveScreenshot(v.page, 'age-gate.png')
    await page().locator('.age-gate__choice--adult').tap()

    await page().locator('.login-sheet').waitFor({ state: 'visible' })
    await page().locator('.sms-login__phone input').fill(PHONE)
    await page().locator('.sms-login__send').tap()
    await page().locator('.sms-login__send', { hasText: '秒后重发' }).waitFor({ state: 'visible' })
    // The demo server keeps the code instead of sending it, and the sheet says where to read it.
    await expect(page().locator('.sms-login__hint').textContent()).resolves.toMatch(/^演示环境：.*\/dev\/sms-outbox/)
    await page()
      .locator('.sms-login__code input')
      .fill(await outboxCode(server.url, PHONE))
    await saveScreenshot(v.page, 'login-sheet.png')
    await page().locator('.sms-login__submit').tap()

    await page().locator('.login-sheet').waitFor({ state: 'detached' })
    // The feed's 「登录」 is gone; 我的 is a tab, and 个人资料 opens from it.
    await page().locator('.account-entry--login').waitFor({ state: 'detached' })
    await openTab(v.page, '我的', '/pages/mine/index')
    await page().locator('.mine-tab__identity').tap()
    await waitForRoute(v.page, '/packages/account/pages/profile/index')
    const phone = page().locator('.profile-page__phone')
    await phone.waitFor({ state: 'visible' })
    await expect(phone.textContent()).resolves.toBe('137****5678')
    expect(await v.page.evaluate(() => document.body.innerText)).not.toContain(PHONE)

    await page().locator('.profile-page__input--nickname input').fill('青禾王经理')
    await page().locator('.profile-page__save').tap()
    await page().locator('.profile-page__name', { hasText: '青禾王经理' }).waitFor({ state: 'visible' })
    await saveScreenshot(v.page, 'profile.png')

    await page().locator('.profile-page__logout').tap()
    await v.page.locator('.taro__modal .taro-model__confirm').tap()
    await waitForRoute(v.page, '/pages/index/index')
    await page().locator('.account-entry--login').waitFor({ state: 'visible' })

    // Every member call carried the token; the logout was one of them.
    const calls = apiRequests(v, server.url).filter((r) => r.url.endsWith('/api/auth'))
    expect(calls.map((r) => (JSON.parse(r.postData ?? '{}') as { action: string }).action)).toEqual(
      expect.arrayContaining(['sendSmsCode', 'loginWithSms', 'getProfile', 'updateProfile', 'logout']),
    )
  })

  it('a visitor who agreed to an older version is shown what changed, and nothing is requested before they choose', async () => {
    const v = (visitor = await openVisitor())
    // An earlier install agreed to 0.9.0; the documents this build carries are newer, with a material change.
    const earlier = ['privacy', 'terms'].map((document) => ({
      decision: { document, version: '0.9.0', choice: 'agree', at: Date.now() - 30 * 86_400_000, platform: 'h5' },
      synced: false,
    }))
    await v.context.addInitScript(
      ([key, value]) => {
        if (!localStorage.getItem(key)) localStorage.setItem(key, value)
      },
      ['zn.consent.v1', taroStorageItem(JSON.stringify(earlier))] as const,
    )
    await v.page.goto(`${server.url}/`)
    await waitForPageSettled(v.page)

    const dialog = activePage(v.page).locator('.consent-dialog')
    await dialog.waitFor({ state: 'visible' })
    await expect(dialog.textContent()).resolves.toContain('隐私政策和用户协议有更新')
    await expect(dialog.textContent()).resolves.toContain(`质能视界隐私政策 ${privacyEdition.version}`)
    await v.page.waitForTimeout(300)
    expect(apiRequests(v, server.url)).toEqual([])
    await saveScreenshot(v.page, 'reconsent-dialog.png')

    await answerConsent(v, server.url)
    await waitForCards(v, 10)
  })
})
