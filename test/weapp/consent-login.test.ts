/**
 * @jest-environment jsdom
 */
import { Collections } from '@shared/collections'
import type { StoredDocument } from '@shared/ports/document-store'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../support/embedded'
import {
  agreeToPolicies,
  launchWeapp,
  runAppToIdle,
  tap,
  TEST_OPENID,
  trigger,
  until,
  type OpenedPage,
  wxAttribute,
  type Weapp,
} from '../support/weapp/harness'

jest.setTimeout(30_000)

const PHONE = '13900139000'
const SESSION_KEY = 'zn.session.v1'

let backend: EmbeddedBackend
let weapp: Weapp
let page: OpenedPage | undefined

beforeAll(async () => {
  backend = await createEmbeddedBackend({ clock: testClock(Date.now()) })
  weapp = launchWeapp(backend)
})

afterEach(() => {
  jest.useRealTimers()
  page?.close()
  page = undefined
})

afterAll(async () => {
  await backend.dispose()
})

/** From here on the app's timers wait until the story runs them (microtasks stay real). */
const holdAppTimers = () => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] })
const actions = () => weapp.cloudCalls.map((c) => `${c.name}.${(c.data as { action: string }).action}`)

/** From the feed of a fresh device: agree, tap 「登录」, confirm the age; the login sheet is open. */
async function openLoginSheet(): Promise<OpenedPage> {
  const opened = weapp.openPage('pages/index/index')
  page = opened
  await agreeToPolicies(opened)
  await until(() => opened.all('listing-card').length > 0, 'the feed')
  tap(await until(() => opened.one('account-entry--login'), 'the 登录 entry'))
  tap(await until(() => opened.one('age-gate__choice--adult'), 'the age confirmation'))
  await until(() => opened.one('phone-login__primary'), 'the getPhoneNumber button')
  return opened
}

describe('the compiled WeChat app on first launch', () => {
  // First in this file on purpose: the app initialises wx.cloud once per process, on its first call.
  it('shows our consent dialog, and neither wx.cloud nor wx.request is touched before the choice', async () => {
    const opened = weapp.openPage('pages/index/index')
    page = opened

    const dialog = await until(() => opened.one('consent-dialog'), 'the consent dialog')
    expect(dialog.textContent).toContain('欢迎使用质能视界')
    expect(opened.all('consent-dialog__link').map((l) => l.textContent)).toEqual(['《隐私政策》', '《用户协议》'])
    expect(opened.one('consent-dialog__decline')?.textContent).toBe('不同意')
    expect(opened.one('consent-dialog__agree')?.textContent).toBe('同意')
    // The agree button is WeChat's own privacy-agreement button.
    expect(wxAttribute(opened.one('consent-dialog__agree')!, 'openType')).toBe('agreePrivacyAuthorization')
    expect(wxAttribute(opened.one('consent-dialog__agree')!, 'id')).toBe('zn-privacy-agree')
    // Whatever the app would do on its own or after a pull or a scroll, however late: all of it runs here.
    holdAppTimers()
    await runAppToIdle()
    opened.instance.onPullDownRefresh?.()
    opened.instance.onReachBottom?.()
    await runAppToIdle()
    jest.useRealTimers()

    expect(weapp.cloudCalls).toEqual([])
    expect(weapp.httpCalls).toEqual([])
    expect(weapp.cloudInits).toBe(0)
    expect(opened.all('listing-card')).toHaveLength(0)

    await agreeToPolicies(opened)

    await until(() => opened.all('listing-card').length === 20, 'the feed after 同意')
    expect(weapp.cloudInits).toBe(1)
    expect(JSON.parse(String(weapp.storage.get('zn.consent.v1')))).toEqual([
      expect.objectContaining({
        decision: expect.objectContaining({ document: 'privacy', choice: 'agree', platform: 'weapp' }),
      }),
      expect.objectContaining({
        decision: expect.objectContaining({ document: 'terms', choice: 'agree', platform: 'weapp' }),
      }),
    ])
  })

  it('「不同意」 still opens the feed, as a guest', async () => {
    const opened = weapp.openPage('pages/index/index')
    page = opened

    tap(await until(() => opened.one('consent-dialog__decline'), 'the consent dialog'))

    await until(() => opened.all('listing-card').length === 20, 'the guest feed')
    expect(actions().every((a) => a.startsWith('listings.'))).toBe(true)
  })
})

describe('WeChat privacy authorization', () => {
  it('the app listens to wx.onNeedPrivacyAuthorization, and our agree button answers agree with its id', async () => {
    expect(weapp.privacyListeners).toHaveLength(1)
    const opened = weapp.openPage('pages/index/index')
    page = opened
    await agreeToPolicies(opened)

    const request = weapp.requestPrivacyAuthorization('button.getPhoneNumber')
    const agreeButton = await until(() => opened.one('consent-dialog__agree'), 'our dialog for WeChat')
    expect(request.exposures()).toBe(1)
    // The tap itself does not answer: WeChat must first confirm its agree button was tapped.
    tap(agreeButton)
    trigger(agreeButton, 'agreeprivacyauthorization', {})

    await expect(request.answer).resolves.toEqual({ event: 'agree', buttonId: 'zn-privacy-agree' })
    await until(() => !opened.one('consent-dialog'), 'the dialog to close')
  })

  it('「不同意」 answers disagree, so the paused API fails instead of hanging', async () => {
    const opened = weapp.openPage('pages/index/index')
    page = opened
    await agreeToPolicies(opened)

    const request = weapp.requestPrivacyAuthorization('chooseImage')
    tap(await until(() => opened.one('consent-dialog__decline'), 'our dialog for WeChat'))

    await expect(request.answer).resolves.toEqual({ event: 'disagree' })
  })
})

describe('login with WeChat phone authorization', () => {
  it('the getPhoneNumber code reaches the real auth function with the device consents; the member is logged in', async () => {
    const opened = await openLoginSheet()
    expect(wxAttribute(opened.one('phone-login__primary')!, 'openType')).toBe('getPhoneNumber')
    expect(actions().some((a) => a.startsWith('auth.'))).toBe(false)
    const phoneCode = backend.wechat.phoneCode(PHONE, TEST_OPENID)

    trigger(opened.one('phone-login__primary')!, 'getphonenumber', { code: phoneCode, errMsg: 'getPhoneNumber:ok' })

    // Logged in, the header's 「登录」 goes (the account is under the 我的 tab).
    await until(() => weapp.storage.get('zn.session.v1') && !opened.one('account-entry--login'), 'the login to land')
    const login = weapp.cloudCalls.find((c) => (c.data as { action: string }).action === 'loginWithWechat')
    expect(login).toEqual({
      name: 'auth',
      data: {
        action: 'loginWithWechat',
        payload: {
          phoneCode,
          clientVersion: expect.any(String),
          consents: [
            expect.objectContaining({ document: 'privacy', version: '1.6.0', choice: 'agree', platform: 'weapp' }),
            expect.objectContaining({ document: 'terms', version: '1.1.0', choice: 'agree', platform: 'weapp' }),
            expect.objectContaining({ document: 'age', version: '1.0.0', choice: 'adult', platform: 'weapp' }),
          ],
        },
      },
    })
    // Over CloudBase the OPENID comes with the call: no wx.login code is sent.
    expect((login?.data as { payload: Record<string, unknown> }).payload.loginCode).toBeUndefined()
    expect(backend.wechat.phoneExchanges).toEqual([{ phoneCode, openId: TEST_OPENID }])
    const session = JSON.parse(String(weapp.storage.get(SESSION_KEY)))
    expect(session.profile.maskedPhone).toBe('139****9000')
    const user = await backend.store.get<StoredDocument>(Collections.users, session.profile.userId)
    expect(user).not.toBeNull()
    expect(JSON.stringify(user)).not.toContain(PHONE)
    expect(weapp.calls).toContainEqual({ api: 'showToast', options: { title: '登录成功', icon: 'success' } })
    await until(() => !opened.one('login-sheet'), 'the sheet to close')
  })

  it('refusing the phone authorization shows a message and sends nothing; no retry loop', async () => {
    const opened = await openLoginSheet()
    holdAppTimers()

    trigger(opened.one('phone-login__primary')!, 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' })

    // The refusal's render and a retry, however delayed, would be among the timers run here.
    await runAppToIdle()
    jest.useRealTimers()
    expect(opened.one('phone-login__error')?.textContent).toBe('你已取消手机号授权，需要时可以再次点击登录')
    expect(actions().some((a) => a.startsWith('auth.'))).toBe(false)
    expect(weapp.storage.has(SESSION_KEY)).toBe(false)
    expect(opened.one('login-sheet')).not.toBeNull()

    tap(await until(() => opened.one('login-sheet__cancel'), 'the cancel button'))
    await until(() => !opened.one('login-sheet'), 'the sheet to close')
  })
})
