import type { QueueItem, Session } from '@shared/contracts'
import { activePage, openTab, saveScreenshot, tabBadge, waitForRoute, type Visitor } from '../support/e2e/browser'
import { startE2eServer, type E2eServer } from '../support/e2e/server'
import { apiLogin, apiPublish, openAsMember } from '../support/e2e/session'

// Two members in two browser profiles on a 2-core machine: generous, yet every wait is bounded.
jest.setTimeout(240_000)

const POSTER = '13622240001'
const ASKER = '13622240002'
const MODERATOR = '13622240011'
const MESSAGES = '/pages/messages/index'
const CONVERSATION = '/packages/messages/pages/conversation/index'

let server: E2eServer
const visitors: Visitor[] = []
let poster: Session
let asker: Session
let moderator: Session

beforeAll(async () => {
  server = await startE2eServer({ env: { SMS_CAPTCHA: 'off' } })
  poster = await login(POSTER)
  asker = await login(ASKER)
  moderator = await login(MODERATOR)
  expect(await server.moderator('grant', MODERATOR)).toContain('审核员')
})

afterAll(async () => {
  for (const v of visitors) await v.close()
  await server?.close()
})

afterEach(() => {
  for (const v of visitors) expect(v.pageErrors).toEqual([])
})

const login = (phone: string) => apiLogin(server, phone)

/** A phone-sized browser profile holding `session` (as if the member had logged in there), opened at `route`. */
async function browserOf(session: Session, route: string): Promise<Visitor> {
  const v = await openAsMember(server, session, route, { viewport: { width: 390, height: 844 } })
  visitors.push(v)
  return v
}

describe('留言咨询 in the browser, two members against the real server', () => {
  it('B asks about A’s listing with a card → A sees the badge, reads the card, replies → B reads it → A blocks B → B’s next message is not delivered → B reports the conversation', async () => {
    const listing = await apiPublish(server, poster, '储能电站华东区域合作')
    await server.call('auth', 'updateProfile', { nickname: '澄湖储能', companyName: '澄湖能源有限公司' }, asker.token)
    await server.call(
      'messages',
      'saveMyCard',
      { name: '沈澄', company: '澄湖能源有限公司', phone: '13622249999' },
      asker.token,
    )

    // B on the detail page: 给TA留言 opens a new conversation; the first message starts it.
    const b = await browserOf(asker, `/pages/detail/index?id=${listing.id}`)
    const pageB = () => activePage(b.page)
    await pageB().locator('.detail-page__ask').tap()
    await waitForRoute(b.page, `${CONVERSATION}?listingId=${listing.id}`)
    await pageB().locator('.conversation-page__input textarea').fill('你好，想了解华东区域的合作条件')
    await pageB().locator('.conversation-page__send').tap()
    await pageB().locator('.bubble--mine .bubble__text', { hasText: '华东区域的合作条件' }).waitFor()
    // The card, with the two fields ticked (the phone is not).
    await pageB().locator('.conversation-page__card-button').tap()
    await pageB().locator('.card-choice__field', { hasText: '姓名' }).tap()
    await pageB().locator('.card-choice__field', { hasText: '公司' }).tap()
    await pageB().locator('.card-choice__send').tap()
    await pageB().locator('.bubble--mine .bubble__card').waitFor()
    await saveScreenshot(b.page, 'inquiry-asked.png')

    // A: a badge on 消息, the conversation with its unread count, B's card without the phone.
    const a = await browserOf(poster, '/pages/index/index')
    const pageA = () => activePage(a.page)
    await expect(tabBadge(a.page, '消息').textContent()).resolves.toBe('1')
    await openTab(a.page, '消息', MESSAGES)
    const row = pageA().locator('.conversation-row', { hasText: '澄湖储能' })
    await expect(row.locator('.conversation-row__badge').textContent()).resolves.toBe('2')
    await row.tap()
    const [conversation] = (
      await server.call<{ items: Array<{ conversationId: string }> }>('messages', 'listConversations', {}, poster.token)
    ).items
    await waitForRoute(a.page, `${CONVERSATION}?conversationId=${conversation.conversationId}`)
    const card = pageA().locator('.bubble__card')
    await expect(card.textContent()).resolves.toContain('姓名：沈澄')
    await expect(card.textContent()).resolves.toContain('公司：澄湖能源有限公司')
    expect(await pageA().locator('.conversation-page').textContent()).not.toContain('13622249999')
    await pageA().locator('.conversation-page__input textarea').fill('可以，明天上午方便通话吗？')
    await pageA().locator('.conversation-page__send').tap()
    await pageA().locator('.bubble--mine .bubble__text', { hasText: '明天上午' }).waitFor()
    await saveScreenshot(a.page, 'inquiry-answered.png')

    // B sees the reply after pulling the page fresh (a reload stands in for the pull-down here).
    await b.page.reload()
    await pageB().locator('.bubble:not(.bubble--mine) .bubble__text', { hasText: '明天上午' }).waitFor()

    // A blocks B, confirming in the modal.
    await pageA().locator('.conversation-page__tool', { hasText: '屏蔽' }).tap()
    await a.page.locator('.taro__modal .taro-model__confirm').tap()
    await pageA().locator('.conversation-page__tool', { hasText: '解除屏蔽' }).waitFor()

    // B's next message is not delivered, and nothing says why.
    await pageB().locator('.conversation-page__input textarea').fill('请问还在吗？')
    await pageB().locator('.conversation-page__send').tap()
    await expect(pageB().locator('.conversation-page__error').textContent()).resolves.toBe('消息无法送达')

    // B reports the conversation; it waits in the moderators' queue.
    await pageB().locator('.conversation-page__tool', { hasText: '举报' }).tap()
    await b.page.locator('.taro-actionsheet__cell', { hasText: '骚扰诈骗' }).tap()
    await b.page.getByText('举报已提交').waitFor()
    const queue = await server.call<{ items: QueueItem[] }>(
      'moderation',
      'listQueue',
      { queue: 'reports' },
      moderator.token,
    )
    const reported = queue.items.find((i) => i.target.kind === 'conversation')
    expect(reported?.owner?.userId).toBe(poster.profile.userId)
    expect(reported?.content.text).toContain('咨询者：你好，想了解华东区域的合作条件')
  })
})
