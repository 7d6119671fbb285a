import { Collections } from '@shared/collections'
import type { CommentItem, MyListingDetail, Page as Paged } from '@shared/contracts'
import { purgeAccountsJob } from '@shared/jobs/purge-accounts'
import { testClock } from '../support/embedded'
import { plainJpeg } from '../support/images'
import {
  activePage,
  openTab,
  openVisitor,
  saveScreenshot,
  type Visitor,
  waitForPageSettled,
  waitForRoute,
} from '../support/e2e/browser'
import { answerConsent, storedItem } from '../support/e2e/consent'
import { logInBySms, outboxCode } from '../support/e2e/login'
import { startE2eServer, type E2eServer } from '../support/e2e/server'

jest.setTimeout(240_000)

const PHONE = '13655557777'
const COMMENT = '请问华东区域还有代理名额吗'
const TITLE = '青岚储能柜诚招华东区域代理'
const FEED = '/pages/index/index'
const MY_DATA = '/packages/account/pages/my-data/index'
const CANCEL = '/packages/account/pages/cancel-account/index'

// The server's clock moves on between the story's steps: a second code to the same number waits a minute.
const clock = testClock(Date.now())
let server: E2eServer
let v: Visitor | undefined

beforeAll(async () => {
  // No cooling-off: the purge may run as soon as the request is in.
  server = await startE2eServer({ env: { ACCOUNT_DELETION_COOLING_OFF_DAYS: '0' }, clock })
})

afterAll(async () => {
  await v?.close()
  await server?.close()
})

const pendingRequests = async () =>
  (
    await server.store.find(Collections.accountDeletions, {
      where: {},
      orderBy: [{ field: '_id', direction: 'asc' }],
      limit: 5,
    })
  ).items

describe('注销账号 in the browser, against the real server', () => {
  it('publish and comment → request deletion → log in again and undo from the modal → request again → the purge → gone from feed and detail → the same phone is a new, empty account', async () => {
    const [seeded] = (await server.listListings({ pageSize: 1 })).items
    v = await openVisitor()
    const page = () => activePage(v!.page)
    const modalConfirm = () => v!.page.locator('.taro__modal .taro-model__confirm')
    // Taro's H5 modal: its root has no box of its own (the mask and the card are fixed), so look at the card.
    const modalTitled = (title: string | RegExp) =>
      v!.page.locator('.taro__modal .taro-modal__content', {
        has: v!.page.locator('.taro-modal__title', { hasText: title }),
      })

    // Log in (from 收藏), comment on someone's listing, publish one with an image.
    await v.page.goto(`${server.url}/#/pages/detail/index?id=${seeded.id}`)
    await waitForPageSettled(v.page)
    await answerConsent(v, server.url)
    await page().locator('.detail-page__favourite').tap()
    await logInBySms(v.page, server.url, PHONE)
    await page().locator('.detail-page__favourite--on').waitFor({ state: 'visible' })
    await page().locator('.comment-section__input textarea').fill(COMMENT)
    await page().locator('.comment-section__send').tap()
    await page().locator('.comment-section__item', { hasText: COMMENT }).waitFor({ state: 'visible' })
    const first = (await storedItem(v, 'zn.session.v1')) as { token: string; profile: { userId: string } }
    const image = await server.call<{ key: string }>(
      'listings',
      'uploadListingImage',
      { mimeType: 'image/jpeg', data: Buffer.from(plainJpeg()).toString('base64') },
      first.token,
    )
    const mine = await server.call<MyListingDetail>(
      'listings',
      'createListing',
      {
        clientRequestId: 'e2e-cancel-0001',
        category: 'agency',
        title: TITLE,
        description: '青岚储能柜厂家直供，提供样品、培训和售后支持，诚招华东区域代理。',
        company: '杭州青岚能源有限公司',
        region: { province: '浙江省', city: '杭州' },
        images: [image.key],
        contact: { name: '吴经理', phone: '13988886666', public: { phone: true } },
        validityDays: 30,
      },
      first.token,
    )
    const imageUrl = mine.images[0].url
    expect((await fetch(`${server.url}${imageUrl}`)).status).toBe(200)

    // 我的 → 我的数据 → 注销账号: the SMS code to the account's own number, the confirmation, then the feed.
    const requestDeletion = async () => {
      await v!.page.goto(`${server.url}/#${FEED}`)
      await v!.page.reload()
      await waitForPageSettled(v!.page, FEED)
      await page().locator('.listing-card', { hasText: TITLE }).waitFor({ state: 'visible' })
      await openTab(v!.page, '我的', '/pages/mine/index')
      await page().locator('.mine-tab__link--my-data').tap()
      await waitForRoute(v!.page, MY_DATA)
      await page().locator('.my-data-page__cancel-account').tap()
      await waitForRoute(v!.page, CANCEL)
      await page().locator('.sms-login__own-number', { hasText: '136****7777' }).waitFor({ state: 'visible' })
      await page().locator('.sms-login__send').tap()
      await page().locator('.sms-login__send', { hasText: '秒后重发' }).waitFor({ state: 'visible' })
      await page()
        .locator('.sms-login__code input')
        .fill(await outboxCode(server.url, PHONE))
      await saveScreenshot(v!.page, 'cancel-account.png')
      await page().locator('.cancel-account-page__submit').tap()
      await modalTitled('确定注销账号吗？').waitFor({ state: 'visible' })
      await modalConfirm().tap()
      await modalTitled('已提交注销申请').waitFor({ state: 'visible' })
      await modalConfirm().tap()
      await waitForRoute(v!.page, FEED)
      await page().locator('.account-entry--login').waitFor({ state: 'visible' })
    }
    await requestDeletion()
    expect(await pendingRequests()).toEqual([
      expect.objectContaining({ _id: first.profile.userId, method: 'sms', startedAt: null }),
    ])
    expect(await storedItem(v, 'zn.session.v1')).toBeNull()
    await expect(server.getListing(mine.id)).rejects.toThrow(/NOT_FOUND/)

    // Logging in again offers the undo; 撤销注销 brings the account and its listing back.
    clock.advance(61_000)
    await page().locator('.account-entry--login').tap()
    await logInBySms(v.page, server.url, PHONE, { ageAsked: false })
    await modalTitled(/^账号将于 \d{4}-\d{2}-\d{2} 注销$/).waitFor({ state: 'visible' })
    await saveScreenshot(v.page, 'cancel-account-undo.png')
    await modalConfirm().tap()
    await v.page.getByText('已撤销').waitFor({ state: 'visible' })
    expect(await pendingRequests()).toEqual([])
    expect((await server.getListing(mine.id)).title).toBe(TITLE)

    // Again, and this time the purge runs (no cooling-off on this server).
    clock.advance(61_000)
    await requestDeletion()
    expect(await server.runJob(purgeAccountsJob)).toMatchObject({ purged: 1 })
    expect(await pendingRequests()).toEqual([])

    // Gone for everyone: the feed, the detail, the image file, the comment on someone else's listing.
    await v.page.reload()
    await waitForPageSettled(v.page, FEED)
    await page().locator('.listing-card').first().waitFor({ state: 'visible' })
    expect(await page().locator('.listing-card', { hasText: TITLE }).count()).toBe(0)
    await v.page.goto(`${server.url}/#/pages/detail/index?id=${mine.id}`)
    await page().getByText('该信息不存在或已下架').waitFor({ state: 'visible' })
    expect((await fetch(`${server.url}${imageUrl}`)).status).toBe(404)
    const comments = await server.call<Paged<CommentItem>>('interactions', 'listComments', { listingId: seeded.id })
    expect(comments.items.map((c) => c.content)).not.toContain(COMMENT)

    // The same phone logs in as a new account with nothing in it, and nothing to undo.
    clock.advance(61_000)
    await v.page.goto(`${server.url}/#${FEED}`)
    await v.page.reload()
    await waitForPageSettled(v.page, FEED)
    await page().locator('.account-entry--login').tap()
    await logInBySms(v.page, server.url, PHONE, { ageAsked: false })
    await page().locator('.account-entry--login').waitFor({ state: 'detached' })
    const again = (await storedItem(v, 'zn.session.v1')) as { token: string; profile: { userId: string } }
    expect(again.profile.userId).not.toBe(first.profile.userId)
    expect((await server.call<Paged<unknown>>('listings', 'listMyListings', {}, again.token)).items).toEqual([])
    expect((await server.call<{ state: string }>('privacy', 'getAccountDeletion', {}, again.token)).state).toBe('none')
    expect(v.pageErrors).toEqual([])
    expect(v.cspViolations).toEqual([])
  })
})
