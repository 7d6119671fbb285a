import type { MyListingDetail, Session } from '@shared/contracts'
import { expiryRemindersJob } from '@shared/jobs/expiry-reminders'
import { testClock } from '../support/embedded'
import { activePage, openTab, saveScreenshot, tabBadge, waitForRoute, type Visitor } from '../support/e2e/browser'
import { startE2eServer, type E2eServer } from '../support/e2e/server'
import { apiLogin, apiPublish, openAsMember } from '../support/e2e/session'

// Stories through several browser profiles on a 2-core machine: generous, yet every wait is bounded.
jest.setTimeout(240_000)

const OWNER = '13622230001'
const NEIGHBOUR = '13622230002'
const MODERATOR = '13622230011'
const ADMIN = '13622230012'
const DAY = 24 * 60 * 60 * 1000
const FEED = '/pages/index/index'
const MESSAGES = '/pages/messages/index'
const INCIDENT = {
  happened: '12 月 1 日发现一台备份服务器的访问日志被未授权读取',
  data: '你的昵称和最近一次登录时间',
  impact: '可能收到冒充平台的推销电话',
  measures: '已关闭该服务器的外部访问并更换全部密钥',
  advice: '请留意以质能视界名义索要验证码的电话，不要透露验证码',
  contact: '发送邮件至 privacy@zhineng-demo.example',
}

// The server's clock: the reminder story moves it to three days before a listing's end.
const clock = testClock(Date.now())
let server: E2eServer
const visitors: Visitor[] = []
let owner: Session
let neighbour: Session
let moderator: Session
let admin: Session

beforeAll(async () => {
  // Sessions come from the API (the login sheet has its own stories): no proof of work to solve here.
  server = await startE2eServer({ env: { SMS_CAPTCHA: 'off' }, clock })
  owner = await login(OWNER)
  neighbour = await login(NEIGHBOUR)
  moderator = await login(MODERATOR)
  admin = await login(ADMIN)
  // Granted the way an operator does it: npm run moderator, against the server's data directory.
  expect(await server.moderator('grant', MODERATOR)).toContain('审核员')
  expect(await server.moderator('grant', ADMIN, '--role', 'admin')).toContain('管理员')
})

afterAll(async () => {
  for (const v of visitors) await v.close()
  await server?.close()
})

afterEach(() => {
  for (const v of visitors) expect(v.pageErrors).toEqual([])
})

// Logged in before the reminder story moves the server's clock on, so the consents' time is the clock's too.
const login = (phone: string) => apiLogin(server, phone)
const publish = (session: Session, title: string, validityDays = 30) =>
  apiPublish(server, session, title, { validityDays })

/** A browser profile holding `session` (as if the member had logged in there), opened at `route`. */
async function browserOf(session: Session, route: string): Promise<Visitor> {
  const v = await openAsMember(server, session, route, { viewport: { width: 1280, height: 900 } })
  visitors.push(v)
  return v
}

describe('消息 in the browser, against the real server', () => {
  it('a moderator’s decision → the owner sees a badge on 消息, opens the notice, the badge clears', async () => {
    const listing = await publish(owner, '净水设备华南区域代理')
    await server.call(
      'moderation',
      'decide',
      { target: { kind: 'listing', id: listing.id }, decision: 'takeDown', ruleId: '1.1', note: '代理资质为虚构' },
      moderator.token,
    )

    // On the feed: the badge on 消息 says 1.
    const v = await browserOf(owner, FEED)
    const page = () => activePage(v.page)
    await expect(tabBadge(v.page, '消息').textContent()).resolves.toBe('1')
    await saveScreenshot(v.page, 'notices-badge.png')

    await openTab(v.page, '消息', MESSAGES)
    const card = page().locator('.notice-card--unread[data-kind="moderationDecision"]')
    await card.waitFor({ state: 'visible' })
    await expect(card.locator('.notice-card__title').textContent()).resolves.toContain('下架')
    await card.locator('.notice-card__head').tap()
    // Read: the badge goes, and the notice shows its rule and the way to 处理记录.
    await tabBadge(v.page, '消息').waitFor({ state: 'detached' })
    const opened = page().locator('.notice-card--open')
    await expect(opened.locator('.notice-card__rule').textContent()).resolves.toBe('依据规则 1.1「虚假信息」')
    await expect(opened.getAttribute('class')).resolves.toContain('notice-card--read')
    await saveScreenshot(v.page, 'notices-opened.png')
    expect(await server.call('notices', 'countUnread', {}, owner.token)).toEqual({ unread: 0 })

    await opened.locator('.notice-card__link--decisions').tap()
    await waitForRoute(v.page, `/packages/mine/pages/decisions/index?targetId=${listing.id}`)
    await page().locator('.my-decision__label').first().waitFor({ state: 'visible' })
  })

  it('an admin’s incident notice to one account shows prominently for that account only', async () => {
    await server.call(
      'moderation',
      'publishNotice',
      {
        kind: 'incident',
        service: true,
        title: '安全事件告知',
        body: '我们发现了一起可能涉及你个人信息的安全事件。',
        audience: { userIds: [owner.profile.userId] },
        incident: INCIDENT,
      },
      admin.token,
    )

    const o = await browserOf(owner, MESSAGES)
    const pageO = () => activePage(o.page)
    const prominent = pageO().locator('.messages-page__prominent .notice-card--prominent')
    await expect(prominent.locator('.notice-card__title').textContent()).resolves.toBe('安全事件告知')
    await expect(tabBadge(o.page, '消息').textContent()).resolves.toBe('1')
    await saveScreenshot(o.page, 'notices-incident.png')

    // Another member's 消息 has loaded (its empty state is on screen) and has no such card.
    const n = await browserOf(neighbour, MESSAGES)
    const pageN = () => activePage(n.page)
    await pageN().locator('.state-view__title', { hasText: '暂无消息' }).waitFor({ state: 'visible' })
    expect(await pageN().locator('.notice-card').count()).toBe(0)

    // Read, it leaves the highlighted card and joins the list, with every Art. 57 part.
    await prominent.locator('.notice-card__head').tap()
    await pageO().locator('.messages-page__prominent').waitFor({ state: 'detached' })
    const body = await pageO().locator('.notice-card--open .notice-card__body').textContent()
    for (const part of Object.values(INCIDENT)) expect(body).toContain(part)
    await tabBadge(o.page, '消息').waitFor({ state: 'detached' })
  })

  it('an expiring listing’s reminder renews it in one tap', async () => {
    const listing = await publish(owner, '储能柜华东区域招代理', 7)
    clock.advance(4 * DAY + 60_000)
    // The demo seed's own listings may be reminded too: this one is the owner's only reminder.
    expect((await server.runJob(expiryRemindersJob)).reminded).toBeGreaterThanOrEqual(1)

    const v = await browserOf(owner, MESSAGES)
    const page = () => activePage(v.page)
    const reminder = page().locator('.notice-card[data-kind="listingExpiring"]')
    await reminder.locator('.notice-card__head').tap()
    await reminder.locator('.notice-card__renew').tap()
    const renewed = reminder.locator('.notice-card__renewed')
    await expect(renewed.textContent()).resolves.toMatch(/^已续期 7 天，有效期至 \d{4}年\d{1,2}月\d{1,2}日$/)
    await saveScreenshot(v.page, 'notices-renewed.png')
    const after = await server.call<MyListingDetail>('listings', 'getMyListing', { listingId: listing.id }, owner.token)
    expect(after.expiresAt).toBeGreaterThan(listing.expiresAt + 3 * DAY)
  })
})
