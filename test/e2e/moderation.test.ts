import type { MyDecision, Page, Session } from '@shared/contracts'
import { activePage, saveScreenshot, waitForRoute, type Visitor } from '../support/e2e/browser'
import { startE2eServer, type E2eServer } from '../support/e2e/server'
import { apiLogin, apiPublish, openAsMember } from '../support/e2e/session'

// Long stories through several browser profiles on a 2-core machine: generous, yet every wait is bounded.
jest.setTimeout(240_000)

const POSTER = '13622220001'
const FIRST_MODERATOR = '13622220011'
const SECOND_MODERATOR = '13622220012'
const REPORTERS = ['13622220021', '13622220022', '13622220023']
const HELD_TITLE = '稳赚不赔的储能柜加盟项目'
const REPORTED_TITLE = '智能门锁华东区域招代理'
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

let server: E2eServer
const visitors: Visitor[] = []
let first: Session
let second: Session

beforeAll(async () => {
  // Sessions come from the API (the login sheet has its own stories): no proof of work to solve here.
  server = await startE2eServer({ env: { SMS_CAPTCHA: 'off' } })
  first = await login(FIRST_MODERATOR)
  second = await login(SECOND_MODERATOR)
  // Granted the way an operator does it: npm run moderator, against the server's data directory.
  expect(await server.moderator('grant', FIRST_MODERATOR)).toContain('审核员')
  expect(await server.moderator('grant', SECOND_MODERATOR, '--role', 'admin')).toContain('管理员')
})

afterAll(async () => {
  for (const v of visitors) await v.close()
  await server?.close()
})

afterEach(() => {
  for (const v of visitors) expect(v.pageErrors).toEqual([])
})

const login = (phone: string) => apiLogin(server, phone)
const publish = (session: Session, title: string) => apiPublish(server, session, title)

/** A browser profile holding `session` (as if the member had logged in there), opened at `route`. */
async function browserOf(session: Session, route: string): Promise<Visitor> {
  const v = await openAsMember(server, session, route, { viewport: { width: 1280, height: 900 } })
  visitors.push(v)
  return v
}

/** Taro's H5 modal (Taro.showModal): tap its confirm button. */
async function confirmModal(v: Visitor, title: string): Promise<void> {
  const modal = v.page.locator('.taro__modal')
  await modal.locator('.taro-modal__title', { hasText: title }).waitFor({ state: 'visible' })
  await modal.locator('.taro-model__confirm').tap()
}

const china = (at: number) => new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10)

describe('moderation in the browser, against the real server', () => {
  it('a listing the local rules hold → a moderator rejects it citing a rule → the poster appeals → a second moderator grants it → public', async () => {
    const poster = await login(POSTER)
    const held = await publish(poster, HELD_TITLE)
    expect(held.status).toBe('pending')

    // The first moderator finds the 审核台 in 我的 and rejects the listing, citing rule 3.2.
    const a = await browserOf(first, '/pages/mine/index')
    const pageA = () => activePage(a.page)
    await pageA().locator('.mine-tab__link--moderation').tap()
    await waitForRoute(a.page, '/packages/moderation/pages/queue/index')
    const card = pageA().locator('.queue-item', { hasText: HELD_TITLE })
    await card.waitFor({ state: 'visible' })
    await expect(card.locator('.queue-item__held').textContent()).resolves.toContain('稳赚不赔')
    await saveScreenshot(a.page, 'moderation-queue.png')
    await card.locator('.queue-item__claim').tap()
    await card.locator('.queue-item__claimed').waitFor({ state: 'visible' })
    await card.locator('.queue-item__decide--reject').tap()
    await pageA().locator('.moderation-sheet__rule[data-rule="3.2"]').tap()
    await pageA().locator('.moderation-sheet__note textarea').fill('标题承诺“稳赚不赔”，属于保本收益承诺')
    await saveScreenshot(a.page, 'moderation-decision-sheet.png')
    await pageA().locator('.moderation-sheet__submit').tap()
    await confirmModal(a, '确认审核不通过')
    // The queue is read again: the listing has left it (the demo seed's own held listings stay).
    await card.waitFor({ state: 'detached' })
    await expect(server.getListing(held.id)).rejects.toThrow('NOT_FOUND')

    // The poster sees why in 我的发布 and appeals from 处理记录.
    const p = await browserOf(poster, '/packages/mine/pages/listings/index')
    const pageP = () => activePage(p.page)
    await expect(pageP().locator('.my-listing__reason').textContent()).resolves.toContain('3.2「诈骗与非法集资」')
    await pageP().locator('.my-listing__decisions').tap()
    await waitForRoute(p.page, `/packages/mine/pages/decisions/index?targetId=${held.id}`)
    await expect(pageP().locator('.my-decision__by').textContent()).resolves.toBe('审核员人工处理')
    await pageP().locator('.appeal-form__text textarea').fill('这是保底协议，合同第 3 条写明回购条款，不是承诺收益')
    await pageP().locator('.appeal-form__submit').tap()
    await pageP().locator('.my-decision__appeal-status', { hasText: '申诉处理中' }).waitFor({ state: 'visible' })
    await saveScreenshot(p.page, 'moderation-appealed.png')

    // The second moderator grants it in the 申诉 queue.
    const b = await browserOf(second, '/packages/moderation/pages/queue/index')
    const pageB = () => activePage(b.page)
    await pageB().locator('.moderation-page__tab--appeals').tap()
    const appeal = pageB().locator('.queue-item', { hasText: HELD_TITLE })
    await expect(appeal.locator('.queue-item__appeal-text').textContent()).resolves.toContain('回购条款')
    await appeal.locator('.queue-item__appeal--grant').tap()
    await pageB().locator('.moderation-sheet__note textarea').fill('合同条款属实，不属于收益承诺')
    await pageB().locator('.moderation-sheet__submit').tap()
    await confirmModal(b, '确认申诉成立')
    await pageB().locator('.state-view__title', { hasText: '没有待处理的申诉' }).waitFor({ state: 'visible' })

    await expect(server.getListing(held.id)).resolves.toMatchObject({ id: held.id, title: HELD_TITLE })
    await pageP().locator('.my-decision__appeal-status').waitFor({ state: 'visible' })
    await p.page.reload()
    await pageP().locator('.my-decision__appeal-status', { hasText: '申诉成立' }).waitFor({ state: 'visible' })
  })

  it('three members report a listing → hidden → a moderator bans the poster 7 days and takes it down → a reporter sees 已处理 · 已下架 → the next listing is refused', async () => {
    const poster = await login('13622220002')
    const listing = await publish(poster, REPORTED_TITLE)
    const reporters = await Promise.all(REPORTERS.map(login))
    for (const reporter of reporters) {
      await server.call('interactions', 'reportListing', { listingId: listing.id, reason: '虚假信息' }, reporter.token)
    }
    await expect(server.getListing(listing.id)).rejects.toThrow('NOT_FOUND')
    const m = await browserOf(first, '/packages/moderation/pages/queue/index')
    const page = () => activePage(m.page)
    await page().locator('.moderation-page__tab--reports').tap()
    const card = page().locator('.queue-item', { hasText: REPORTED_TITLE })
    await expect(card.locator('.queue-item__reports').textContent()).resolves.toContain('举报 3 次 · 3 人')
    await expect(card.locator('.queue-item__state').textContent()).resolves.toBe('因举报暂时隐藏')

    // A 7-day publishing ban first, from the same card (禁止发布 and 7 days are the sheet's defaults).
    await card.locator('.queue-item__penalize').tap()
    await page().locator('.penalty-sheet__kind--publishBan').tap()
    await page().locator('.moderation-sheet__days input').fill('7')
    await page().locator('.moderation-sheet__rule[data-rule="1.1"]').tap()
    await page().locator('.moderation-sheet__note textarea').fill('虚构代理资质和授权书')
    await page().locator('.moderation-sheet__submit').tap()
    await confirmModal(m, '确认禁止发布')
    await card.locator('.queue-item__history', { hasText: '处罚 1 次' }).waitFor({ state: 'visible' })

    await card.locator('.queue-item__decide--takeDown').tap()
    await page().locator('.moderation-sheet__rule[data-rule="1.1"]').tap()
    await page().locator('.moderation-sheet__note textarea').fill('虚构代理资质和授权书')
    await page().locator('.moderation-sheet__submit').tap()
    await confirmModal(m, '确认下架')
    await page().locator('.state-view__title', { hasText: '没有待处理的举报' }).waitFor({ state: 'visible' })

    // A reporter is told the outcome.
    const r = await browserOf(reporters[0], '/packages/mine/pages/reports/index')
    const report = activePage(r.page).locator('.my-report', { hasText: REPORTED_TITLE })
    await expect(report.locator('.my-report__status').textContent()).resolves.toBe('已处理 · 已下架')
    await saveScreenshot(r.page, 'moderation-my-reports.png')

    // The poster's next listing is refused, naming the day the ban ends.
    const decisions = await server.call<Page<MyDecision>>('moderation', 'listMyDecisions', {}, poster.token)
    const ban = decisions.items.find((d) => d.decision === 'penalty')
    expect(ban?.penalty).toMatchObject({ kind: 'publishBan', endsAt: expect.any(Number) })
    await expect(publish(poster, '另一条智能门锁代理')).rejects.toThrow(
      new RegExp(`NOT_ALLOWED .*至 ${china(ban!.penalty!.endsAt!)} 解除`),
    )
  })
})
