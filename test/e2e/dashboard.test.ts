import type { ModerationStats, Session } from '@shared/contracts'
import { activePage, saveScreenshot, waitForRoute, type Visitor } from '../support/e2e/browser'
import { startE2eServer, type E2eServer } from '../support/e2e/server'
import { apiLogin, apiPublish, openAsMember } from '../support/e2e/session'

jest.setTimeout(120_000)

const MODERATOR = '13633330011'
const POSTER = '13633330001'
const VIEWER = '13633330002'
const HELD_TITLE = '稳赚不赔的储能柜加盟项目'

let server: E2eServer
let v: Visitor | undefined
let moderator: Session

beforeAll(async () => {
  server = await startE2eServer({ env: { SMS_CAPTCHA: 'off' } })
  moderator = await apiLogin(server, MODERATOR)
  expect(await server.moderator('grant', MODERATOR)).toContain('审核员')
})

afterAll(async () => {
  await v?.close()
  await server?.close()
})

const statsNow = () => server.call<ModerationStats>('moderation', 'getStats', { days: 30 }, moderator.token)
const todayOf = (series: number[]) => series[series.length - 1]

describe('数据看板 in the browser', () => {
  it('a moderator opens the dashboard from the 审核台: the tables show the counted activity, each chart is drawn', async () => {
    const before = await statsNow()
    // Today's activity: two listings (one held for review), a reveal, a report, two logins.
    const poster = await apiLogin(server, POSTER)
    const viewer = await apiLogin(server, VIEWER)
    const kept = await apiPublish(server, poster, '智能门锁西南区域招代理')
    const held = await apiPublish(server, poster, HELD_TITLE)
    expect(held.status).toBe('pending')
    await server.call('interactions', 'revealContact', { listingId: kept.id }, viewer.token)
    await server.call('interactions', 'reportListing', { listingId: kept.id, reason: '侵权', note: '' }, viewer.token)

    const after = await statsNow()
    expect(todayOf(after.listingsPublished)).toBe(todayOf(before.listingsPublished) + 2)
    expect(todayOf(after.contactReveals)).toBe(todayOf(before.contactReveals) + 1)
    const infringement = (s: ModerationStats) => todayOf(s.reports.find((r) => r.reason === '侵权')?.perDay ?? [])
    expect(infringement(after)).toBe(infringement(before) + 1)
    const waitingListings = after.queues.find((q) => q.queue === 'listings')
    expect(waitingListings?.size).toBeGreaterThanOrEqual(1)

    v = await openAsMember(server, moderator, '/packages/moderation/pages/queue/index', {
      viewport: { width: 1280, height: 900 },
    })
    const page = () => activePage(v!.page)
    await page().locator('.moderation-page__dashboard-link').tap()
    await waitForRoute(v.page, '/packages/moderation/pages/dashboard/index')
    const listings = page().locator('table.stats-table--listings')
    await listings.waitFor({ state: 'visible' })

    // Today is the last row of each per-day table: its cells are the counted numbers.
    const today = after.days[after.days.length - 1].slice(5)
    const lastRow = (id: string) => page().locator(`table.stats-table--${id} tbody tr`).last()
    await expect(lastRow('listings').locator('th').textContent()).resolves.toBe(today)
    await expect(lastRow('listings').locator('td').allTextContents()).resolves.toEqual([
      String(todayOf(after.listingsPublished)),
    ])
    await expect(lastRow('reveals').locator('td').allTextContents()).resolves.toEqual([
      String(todayOf(after.contactReveals)),
    ])
    await expect(lastRow('reports').locator('td').allTextContents()).resolves.toEqual(
      after.reports.map((r) => String(todayOf(r.perDay))),
    )
    await expect(page().locator('table.stats-table--reports thead th').allTextContents()).resolves.toEqual([
      '日期',
      '虚假信息',
      '违法违规',
      '骚扰诈骗',
      '侵权',
      '其他',
    ])
    await expect(lastRow('logins').locator('td').allTextContents()).resolves.toEqual(
      after.logins.map((l) => String(todayOf(l.perDay))),
    )
    expect(await page().locator('table.stats-table--listings tbody tr').count()).toBe(30)
    const queueRow = page().locator('table.stats-table--queues tbody tr', { hasText: '信息' }).first()
    await expect(queueRow.locator('td').first().textContent()).resolves.toBe(String(waitingListings?.size))
    await expect(page().locator('table.stats-table--listings caption').textContent()).resolves.toContain(
      '每日发布的信息',
    )

    // One canvas per chart, drawn by uPlot.
    for (const id of ['listings', 'reports', 'reveals', 'logins']) {
      await page().locator(`.stats-chart--${id} canvas`).waitFor({ state: 'attached' })
    }
    expect(await page().locator('.stats-chart canvas').count()).toBe(4)
    await saveScreenshot(v.page, 'dashboard.png')

    // The 7-day window: seven rows.
    await page().locator('.dashboard__day--7').tap()
    const rows = page().locator('table.stats-table--listings tbody tr')
    await rows.nth(7).waitFor({ state: 'detached' })
    expect(await rows.count()).toBe(7)
    expect(v.pageErrors).toEqual([])
    expect(v.cspViolations).toEqual([])
  })
})
