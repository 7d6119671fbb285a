/**
 * @jest-environment jsdom
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { NOTICE_PAGE } from '@shared/contracts'
import { notify } from '@shared/domain/notices'
import type { Notifier } from '@shared/ports/notifier'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../support/embedded'
import {
  DIST,
  launchWeapp,
  logInFromGuestView,
  type OpenedPage,
  tap,
  until,
  type Weapp,
} from '../support/weapp/harness'

jest.setTimeout(30_000)

const SETTINGS = 'packages/account/pages/notice-settings/index'
const PHONE = '13800005701'
const SESSION_KEY = 'zn.session.v1'
// As WECHAT_SUBSCRIBE_TEMPLATES would configure them on the server.
const TEMPLATES: Record<string, string> = { comment: 'tmpl-comment-0001', listingExpiring: 'tmpl-expiring-0002' }
const templates: Notifier = { templateFor: (kind) => TEMPLATES[kind] ?? null, send: async () => {} }

let backend: EmbeddedBackend
let weapp: Weapp
let page: OpenedPage | undefined

beforeAll(async () => {
  backend = await createEmbeddedBackend({ clock: testClock(Date.now()), notifier: templates })
  weapp = launchWeapp(backend)
})

afterEach(() => {
  page?.close()
  page = undefined
})

afterAll(async () => {
  await backend.dispose()
})

const callsOf = (api: string) => weapp.calls.filter((c) => c.api === api).map((c) => c.options)
const noticeCalls = (action: string) =>
  weapp.cloudCalls.filter((c) => c.name === 'notices' && (c.data as { action: string }).action === action)
const sessionUserId = () =>
  (JSON.parse(String(weapp.storage.get(SESSION_KEY))) as { profile: { userId: string } }).profile.userId

/** A page opened on a fresh device: agree, the page's own 「登录」, the age, WeChat's phone button. */
async function openLoggedIn(route: string): Promise<OpenedPage> {
  const opened = weapp.openPage(route)
  page = opened
  await logInFromGuestView(weapp, backend, opened, PHONE)
  return opened
}

describe('the tab bar and 消息 in the compiled WeChat build', () => {
  it('app.json has 首页 · 发布 · 消息 · 我的, each page in the main package, 消息 at NOTICE_PAGE, with small icons', () => {
    const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
      pages: string[]
      tabBar: { list: Array<{ pagePath: string; text: string; iconPath: string; selectedIconPath: string }> }
    }
    expect(app.tabBar.list.map((t) => [t.text, t.pagePath])).toEqual([
      ['首页', 'pages/index/index'],
      ['发布', 'pages/publish/index'],
      ['消息', NOTICE_PAGE],
      ['我的', 'pages/mine/index'],
    ])
    for (const tab of app.tabBar.list) {
      expect(app.pages).toContain(tab.pagePath)
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        const file = path.join(DIST, icon)
        expect(existsSync(file)).toBe(true)
        // WeChat refuses tab icons over 40 KB.
        expect(statSync(file).size).toBeLessThan(4 * 1024)
      }
    }
    // The publish form stays in its subpackage: the 发布 tab only opens it.
    const publishTab = readFileSync(path.join(DIST, 'pages/publish/index.js'), 'utf8')
    expect(publishTab).not.toContain('publish-steps__next')
  })

  it('消息 renders in the main package: a guest is asked to log in; logged in, the badge follows countUnread, and opening the notice clears it', async () => {
    const opened = await openLoggedIn(NOTICE_PAGE)
    await until(() => opened.root.textContent?.includes('暂无消息'), 'the empty 消息')
    expect(noticeCalls('countUnread').length).toBeGreaterThan(0)
    await until(() => callsOf('removeTabBarBadge').length > 0, 'no badge while nothing is unread')

    await notify(backend.deps, sessionUserId(), { kind: 'announcement', title: '春节服务安排', body: '审核时间延长' })
    await notify(backend.deps, sessionUserId(), { kind: 'announcement', title: '五一服务安排', body: '正常审核' })
    opened.instance.onPullDownRefresh?.()
    await until(() => opened.all('notice-card--unread').length === 2, 'two unread notices')
    await until(() => callsOf('setTabBarBadge').find((c) => c.text === '2'), 'the badge set from countUnread')
    expect(callsOf('setTabBarBadge').at(-1)).toEqual({ index: 2, text: '2' })
    await until(() => callsOf('stopPullDownRefresh').length > 0, 'the pull-down to stop')

    tap(opened.all('notice-card__head')[0])
    await until(() => opened.all('notice-card--unread').length === 1, 'the opened notice read')
    expect(noticeCalls('markRead')).toHaveLength(1)
    await until(() => callsOf('setTabBarBadge').at(-1)?.text === '1', 'the badge at 1')

    tap(opened.one('messages-page__read-all')!)
    await until(() => opened.all('notice-card--unread').length === 0, 'all read')
    const removed = callsOf('removeTabBarBadge').length
    expect(removed).toBeGreaterThan(0)
    expect(callsOf('removeTabBarBadge').at(-1)).toEqual({ index: 2 })
  })

  it('消息设置: 「订阅微信提醒」 asks WeChat from the tap itself, and only the accepted template is recorded', async () => {
    const opened = await openLoggedIn(SETTINGS)
    await until(() => opened.all('notice-kind__subscribe').length > 0, 'the subscribe buttons')
    // Kinds without a template, and locked ones (no template here), have no button.
    expect(opened.one('notice-kind--incident')?.textContent).toContain('不能关闭')
    expect(opened.all('notice-kind__subscribe')).toHaveLength(2)
    // Nothing was asked of WeChat before a tap.
    expect(callsOf('requestSubscribeMessage')).toEqual([])

    weapp.subscribeAnswers = { [TEMPLATES.comment]: 'accept' }
    tap(opened.all('notice-kind__subscribe')[0])
    await until(
      () => opened.one('notice-kind--comment')?.textContent?.includes('已订阅 1 次微信提醒'),
      'one push agreed',
    )
    expect(callsOf('requestSubscribeMessage')).toEqual([{ tmplIds: [TEMPLATES.comment], fromTap: true }])
    expect(noticeCalls('acceptSubscriptions').map((c) => (c.data as { payload: unknown }).payload)).toEqual([
      { kinds: ['comment'] },
    ])

    // Refused in WeChat's dialog: the server is not told anything.
    const expiring = opened.all('notice-kind__subscribe')[1]
    tap(expiring)
    await until(() => callsOf('showToast').find((t) => t.title === '未订阅'), 'the refusal told')
    expect(callsOf('requestSubscribeMessage').at(-1)).toEqual({ tmplIds: [TEMPLATES.listingExpiring], fromTap: true })
    expect(noticeCalls('acceptSubscriptions')).toHaveLength(1)
  })
})
