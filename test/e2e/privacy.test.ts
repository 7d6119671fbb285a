import { readFileSync } from 'node:fs'
import { Collections } from '@shared/collections'
import type { PersonalDataExport } from '@shared/contracts'
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
import { logInBySms } from '../support/e2e/login'
import { startE2eServer, type E2eServer } from '../support/e2e/server'

jest.setTimeout(180_000)

const PHONE = '13655556666'
const COMMENT = '想了解一下华东区域的代理政策'
const TITLE = '澜石储能柜诚招华东区域代理'

let server: E2eServer
let v: Visitor | undefined

beforeAll(async () => {
  server = await startE2eServer()
})

afterAll(async () => {
  await v?.close()
  await server?.close()
})

describe('我的数据 in the browser, against the real server', () => {
  it('log in → publish with an image → favourite → comment → export (the downloaded JSON holds them) → withdraw consent → a guest with no session', async () => {
    const [seeded] = (await server.listListings({ pageSize: 1 })).items
    v = await openVisitor()
    const page = () => activePage(v!.page)
    await v.page.goto(`${server.url}/#/pages/detail/index?id=${seeded.id}`)
    await waitForPageSettled(v.page)
    await answerConsent(v, server.url)

    // 收藏 asks to log in; once in, it is favourited. Then a comment.
    await page().locator('.detail-page__favourite').tap()
    await logInBySms(v.page, server.url, PHONE)
    await page().locator('.detail-page__favourite--on').waitFor({ state: 'visible' })
    await page().locator('.comment-section__input textarea').fill(COMMENT)
    await page().locator('.comment-section__send').tap()
    await page().locator('.comment-section__item', { hasText: COMMENT }).waitFor({ state: 'visible' })

    // A listing with an image, published with this session (the publish form itself has its own story).
    const session = (await storedItem(v, 'zn.session.v1')) as { token: string; profile: { userId: string } }
    const image = await server.call<{ key: string }>(
      'listings',
      'uploadListingImage',
      { mimeType: 'image/jpeg', data: Buffer.from(plainJpeg()).toString('base64') },
      session.token,
    )
    await server.call(
      'listings',
      'createListing',
      {
        clientRequestId: 'e2e-privacy-0001',
        category: 'agency',
        title: TITLE,
        description: '澜石储能柜厂家直供，提供样品、培训和售后支持，诚招华东区域代理。',
        company: '杭州澜石能源有限公司',
        region: { province: '浙江省', city: '杭州' },
        images: [image.key],
        contact: { name: '周经理', phone: '13988887777', public: { phone: true } },
        validityDays: 30,
      },
      session.token,
    )

    // 我的 → 我的数据: the data by category, then the export, downloaded as a file.
    await v.page.goto(`${server.url}/#/pages/index/index`)
    await v.page.reload()
    await waitForPageSettled(v.page, '/pages/index/index')
    await openTab(v.page, '我的', '/pages/mine/index')
    await page().locator('.mine-tab__link--my-data').tap()
    await waitForRoute(v.page, '/packages/account/pages/my-data/index')
    await page().locator('.my-data-page__category--account', { hasText: '136****6666' }).waitFor({ state: 'visible' })
    await saveScreenshot(v.page, 'my-data.png')
    await page().locator('.my-data-page__export-button').tap()
    const [download] = await Promise.all([
      v.page.waitForEvent('download'),
      v.page.locator('.taro__modal .taro-model__confirm').tap(),
    ])
    expect(download.suggestedFilename()).toMatch(/^质能视界-个人信息-\d{4}-\d{2}-\d{2}\.json$/)
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as PersonalDataExport
    const records = (collection: string) =>
      exported.sections.flatMap((s) =>
        s.collections.filter((c) => c.collection === collection).flatMap((c) => c.records),
      )
    expect(exported.userId).toBe(session.profile.userId)
    expect(records(Collections.users)).toEqual(expect.arrayContaining([expect.objectContaining({ phone: PHONE })]))
    expect(records(Collections.listings).find((r) => r.title === TITLE)?.images).toEqual([
      expect.stringMatching(/^\/files\/listings\//),
    ])
    expect(records(Collections.comments).map((r) => r.content)).toEqual([COMMENT])
    expect(records(Collections.favourites).map((r) => r.listingId)).toEqual([seeded.id])
    await page().locator('.my-data-page__summary', { hasText: '质能视界个人信息副本' }).waitFor({ state: 'visible' })
    await saveScreenshot(v.page, 'my-data-exported.png')

    // 撤回同意: recorded on the account, then logged out; the device keeps no session.
    await page().locator('.my-data-page__withdraw').tap()
    await v.page.locator('.taro__modal .taro-model__confirm').tap()
    await waitForRoute(v.page, '/pages/index/index')
    await page().locator('.account-entry--login').waitFor({ state: 'visible' })
    expect(await storedItem(v, 'zn.session.v1')).toBeNull()
    expect(await storedItem(v, 'zn.browse-history.v1')).toBeNull()
    const ledger = await server.store.find(Collections.consentLedger, {
      where: { userId: session.profile.userId, document: 'privacy', choice: 'disagree' },
      orderBy: [{ field: '_id', direction: 'asc' }],
      limit: 5,
    })
    expect(ledger.items).toHaveLength(1)
    expect(v.pageErrors).toEqual([])
    expect(v.cspViolations).toEqual([])
  })
})
