import type { QueueRequest, Session } from '@shared/contracts'
import { activePage, openVisitor, saveScreenshot, waitForRoute, type Visitor } from '../support/e2e/browser'
import { answerConsent } from '../support/e2e/consent'
import { startE2eServer, type E2eServer } from '../support/e2e/server'
import { apiLogin, openAsMember } from '../support/e2e/session'

// Stories through several browser profiles on a 2-core machine: generous, yet every wait is bounded.
jest.setTimeout(240_000)

const MEMBER = '13622240001'
const MODERATOR = '13622240011'
const SUPPORT = '/packages/support/pages/requests/index'
const QUEUE = '/packages/moderation/pages/requests/index'
const MESSAGES = '/pages/messages/index'

let server: E2eServer
const visitors: Visitor[] = []
let member: Session
let moderator: Session

beforeAll(async () => {
  server = await startE2eServer({ env: { SMS_CAPTCHA: 'off' } })
  member = await apiLogin(server, MEMBER)
  moderator = await apiLogin(server, MODERATOR)
  expect(await server.moderator('grant', MODERATOR)).toContain('审核员')
})

afterAll(async () => {
  for (const v of visitors) await v.close()
  await server?.close()
})

afterEach(() => {
  for (const v of visitors) {
    expect(v.pageErrors).toEqual([])
    expect(v.cspViolations).toEqual([])
  }
})

const modal = (v: Visitor, title: string) =>
  v.page.locator('.taro__modal .taro-modal__content', { has: v.page.locator('.taro-modal__title', { hasText: title }) })
const confirmModal = (v: Visitor) => v.page.locator('.taro__modal .taro-model__confirm').tap()

async function browserOf(session: Session, route: string): Promise<Visitor> {
  const v = await openAsMember(server, session, route)
  visitors.push(v)
  return v
}

/** The moderator's queue in the browser: the card of the request with this text. */
function queueCard(v: Visitor, text: string) {
  return activePage(v.page).locator('.request-card', { has: v.page.locator('.request-card__text', { hasText: text }) })
}

describe('意见反馈与隐私请求 in the browser, against the real server', () => {
  it('a guest sends feedback → a moderator answers it in 反馈与请求, due date shown', async () => {
    const g = await openVisitor()
    visitors.push(g)
    await g.page.goto(`${server.url}/#${SUPPORT}`)
    await answerConsent(g, server.url)
    await waitForRoute(g.page, SUPPORT)
    const page = () => activePage(g.page)
    await page().locator('.support-page__note', { hasText: '登录后提交的请求' }).waitFor({ state: 'visible' })
    await page().locator('.support-page__text textarea').fill('搜索结果希望能按城市筛选')
    await page().locator('.support-page__field input').fill('qinghe-ops@example.com')
    await page().locator('.support-page__submit').tap()
    await modal(g, '已提交').waitFor({ state: 'visible' })
    await expect(modal(g, '已提交').textContent()).resolves.toMatch(/我们会在 \d+月\d+日 前答复你/)
    await saveScreenshot(g.page, 'support-guest-sent.png')
    await confirmModal(g)

    const m = await browserOf(moderator, QUEUE)
    const card = queueCard(m, '搜索结果希望能按城市筛选')
    await card.waitFor({ state: 'visible' })
    await expect(card.locator('.request-card__due').textContent()).resolves.toMatch(/还剩 15 个工作日/)
    await expect(card.textContent()).resolves.toContain('qinghe-ops@example.com')
    await card.locator('.request-card__open').tap()
    await card.locator('.request-card__input textarea').first().fill('已排进下个版本，谢谢你的建议')
    await card.locator('.request-card__send').tap()
    await modal(m, '发送答复').waitFor({ state: 'visible' })
    await confirmModal(m)
    await card.waitFor({ state: 'detached' })

    const answered = await server.call<{ items: QueueRequest[] }>(
      'support',
      'listRequests',
      { state: 'done' },
      moderator.token,
    )
    expect(answered.items).toEqual([
      expect.objectContaining({ text: '搜索结果希望能按城市筛选', answer: '已排进下个版本，谢谢你的建议' }),
    ])
  })

  it('a member’s privacy request is refused with a reason → they see it in 消息 and in 我的请求', async () => {
    const v = await browserOf(member, SUPPORT)
    const page = () => activePage(v.page)
    await page().locator('.support-page__heading', { hasText: '我的请求' }).waitFor({ state: 'visible' })
    await page().locator('.support-choice', { hasText: '隐私请求' }).tap()
    // Without a topic the form says so, before anything is sent.
    await page().locator('.support-page__text textarea').fill('请删除我两年前在别的平台留下的电话')
    await page().locator('.support-page__submit').tap()
    await page().locator('.support-page__error', { hasText: '请选择请求事项' }).waitFor({ state: 'visible' })
    await page().locator('.support-choice', { hasText: '删除' }).tap()
    await page().locator('.support-page__self', { hasText: '我的数据' }).waitFor({ state: 'visible' })
    await page().locator('.support-page__submit').tap()
    await modal(v, '已提交').waitFor({ state: 'visible' })
    await confirmModal(v)
    const mine = page().locator('.support-request', { hasText: '请删除我两年前' })
    await expect(mine.locator('.support-request__state').textContent()).resolves.toBe('处理中')

    const m = await browserOf(moderator, QUEUE)
    const card = queueCard(m, '请删除我两年前')
    await card.locator('.request-card__open').tap()
    await card.locator('.request-card__outcome', { hasText: '拒绝' }).tap()
    await card.locator('.request-card__input textarea').first().fill('该电话不在本平台保存')
    await card.locator('.request-card__send').tap()
    await modal(m, '拒绝这条请求').waitFor({ state: 'visible' })
    await confirmModal(m)
    // The reason is required: the server says which field, nothing is sent.
    await card.locator('.moderation-page__error', { hasText: '拒绝请求须写明理由' }).waitFor({ state: 'visible' })
    await card.locator('.request-card__input textarea').nth(1).fill('请求删除的信息不是本平台处理的个人信息')
    await card.locator('.request-card__send').tap()
    await confirmModal(m)
    await card.waitFor({ state: 'detached' })

    await v.page.goto(`${server.url}/#${MESSAGES}`)
    await waitForRoute(v.page, MESSAGES)
    const notice = page().locator('.notice-card[data-kind="requestAnswer"]')
    await expect(notice.locator('.notice-card__title').textContent()).resolves.toBe(
      '你的隐私请求（删除）未能按你的要求处理',
    )
    await notice.locator('.notice-card__head').tap()
    await expect(page().locator('.notice-card--open .notice-card__body').textContent()).resolves.toContain(
      '理由：请求删除的信息不是本平台处理的个人信息',
    )
    await saveScreenshot(v.page, 'support-refused-notice.png')
    await page().locator('.notice-card--open .notice-card__link--request').tap()
    await waitForRoute(v.page, SUPPORT)
    const refused = page().locator('.support-request--refused', { hasText: '请删除我两年前' })
    await expect(refused.locator('.support-request__state').textContent()).resolves.toBe('已拒绝')
    await expect(refused.textContent()).resolves.toContain('理由：请求删除的信息不是本平台处理的个人信息')
  })
})
