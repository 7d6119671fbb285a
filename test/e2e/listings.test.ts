import { Collections } from '@shared/collections'
import type { StoredDocument } from '@shared/ports/document-store'
import { CAMERA_MODEL, indexOfText, jpegMarkers, jpegWithGps } from '../support/images'
import {
  activePage,
  openTab,
  openVisitor,
  saveScreenshot,
  type Visitor,
  waitForPageSettled,
  waitForRoute,
} from '../support/e2e/browser'
import { answerConsent } from '../support/e2e/consent'
import { logInBySms } from '../support/e2e/login'
import { startE2eServer, type E2eServer } from '../support/e2e/server'

// One long story through three browser profiles on a 2-core machine: generous, yet every wait is bounded.
jest.setTimeout(180_000)

const POSTER_PHONE = '13611112222'
const VIEWER_PHONE = '13633334444'
const CONTACT_PHONE = '13912345678'
const CONTACT_WECHAT = 'kunpeng_li'
/** A two-character word found in no seeded listing: the search must find ours by it. */
const KEYWORD = '鲲鹏'
const TITLE = `${KEYWORD}净水华南区域代理招募`

let server: E2eServer
const visitors: Visitor[] = []

beforeAll(async () => {
  server = await startE2eServer()
})

afterAll(async () => {
  for (const v of visitors) await v.close()
  await server?.close()
})

async function visitor(hashRoute = ''): Promise<Visitor> {
  const v = await openVisitor()
  visitors.push(v)
  await v.page.goto(`${server.url}/${hashRoute}`)
  await waitForPageSettled(v.page)
  await answerConsent(v, server.url)
  return v
}

/** Opens a route as a fresh page load (a hash change alone would show the page already in Taro's stack). */
async function openFresh(v: Visitor, route: string): Promise<void> {
  await v.page.goto(`${server.url}/#${route}`)
  await v.page.reload()
  await waitForPageSettled(v.page, route.split('?')[0])
}

describe('listings in the browser, against the real server', () => {
  it('A publishes with a photo and one public contact → feed → search → B reveals → A sees B → a visitor opens the link → B reports', async () => {
    // Member A: the 发布 tab, then 开始发布 asks to log in first, then opens the publish form.
    const a = await visitor()
    const pageA = () => activePage(a.page)
    await openTab(a.page, '发布', '/pages/publish/index')
    await pageA().locator('.publish-tab__start').tap()
    await logInBySms(a.page, server.url, POSTER_PHONE)
    await waitForRoute(a.page, '/packages/publish/pages/edit/index')

    await pageA().locator('.publish-category__item', { hasText: '代理加盟' }).tap()
    await pageA().locator('.publish-input--title input').fill(TITLE)
    await pageA()
      .locator('.publish-input--description textarea')
      .fill('厂家直供净水设备，提供样品、培训与售后支持，诚招华南区域代理商。')
    await pageA().locator('.publish-input--company input').fill('深圳鲲鹏商贸有限公司')
    await pageA().locator('.publish-field__region').tap()
    await pageA().locator('.region-sheet__option', { hasText: '广东省' }).tap()
    await pageA().locator('.region-sheet__option', { hasText: '深圳' }).tap()
    await pageA().locator('.publish-steps__next').tap()

    // A photo straight from a camera, GPS position included, through the browser's own file chooser.
    const [chooser] = await Promise.all([
      a.page.waitForEvent('filechooser'),
      pageA().locator('.publish-images__add').tap(),
    ])
    await chooser.setFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpegWithGps()) })
    await pageA().locator('.publish-images__item').first().waitFor({ state: 'visible' })
    await pageA().locator('.publish-steps__next').tap()

    await pageA().locator('.publish-input--contact-name input').fill('李经理')
    await pageA().locator('.publish-input--contact-phone input').fill(CONTACT_PHONE)
    await pageA().locator('.publish-input--contact-wechat input').fill(CONTACT_WECHAT)
    await pageA().locator('.publish-consent--phone').tap()
    await saveScreenshot(a.page, 'publish-contact.png')
    await pageA().locator('.publish-steps__next').tap()
    await pageA().locator('.publish-steps__next').tap()
    await pageA().locator('.publish-preview__contact--phone .publish-preview__public--on').waitFor()
    await pageA().locator('.publish-steps__submit').tap()
    await pageA().locator('.publish-result__title', { hasText: '已发布' }).waitFor({ state: 'visible' })
    await saveScreenshot(a.page, 'publish-result.png')

    // Stored with only the ticked contact public; the uploaded photo carries no EXIF and no GPS.
    const stored = await server.store.find<StoredDocument & { contact: Record<string, unknown>; images: string[] }>(
      Collections.listings,
      { where: { title: TITLE }, orderBy: [{ field: 'createdAt', direction: 'desc' }], limit: 5 },
    )
    expect(stored.items).toHaveLength(1)
    const listing = stored.items[0]
    expect(listing.contact).toMatchObject({ phone: CONTACT_PHONE, wechat: CONTACT_WECHAT })
    expect(listing.contact.public).toMatchObject({ phone: true, wechat: false })
    expect(listing.images).toHaveLength(1)
    const photo = new Uint8Array(await (await fetch(new URL(listing.images[0], server.url))).arrayBuffer())
    expect(photo[0]).toBe(0xff)
    expect(jpegMarkers(photo)).not.toContain(0xe1)
    expect(indexOfText(photo, 'Exif')).toBe(-1)
    expect(indexOfText(photo, CAMERA_MODEL)).toBe(-1)
    const id = listing._id

    // It is the newest listing in the feed.
    await openFresh(a, '/pages/index/index')
    await expect(pageA().locator('.listing-card__title').first().textContent()).resolves.toBe(TITLE)

    // A two-character keyword finds it.
    await pageA().locator('.search-entry').tap()
    await waitForRoute(a.page, '/packages/search/pages/search/index')
    await pageA().locator('.search-page__input input').fill(KEYWORD)
    await pageA().locator('.search-page__submit').tap()
    await pageA().locator('.listing-card__title', { hasText: TITLE }).waitFor({ state: 'visible' })
    await saveScreenshot(a.page, 'search.png')

    // Member B opens it, taps 查看联系方式, logs in, and sees the phone A made public — not the WeChat ID.
    const b = await visitor(`#/pages/detail/index?id=${id}`)
    const pageB = () => activePage(b.page)
    await pageB().locator('.contact-card__reveal').tap()
    await logInBySms(b.page, server.url, VIEWER_PHONE)
    await pageB().locator('.contact-card__phone', { hasText: CONTACT_PHONE }).waitFor({ state: 'visible' })
    expect(await b.page.evaluate(() => document.body.innerText)).not.toContain(CONTACT_WECHAT)
    await saveScreenshot(b.page, 'detail-revealed.png')

    // A sees B in 「谁看过我的联系方式」.
    await openFresh(a, `/packages/mine/pages/reveals/index?listingId=${id}`)
    await pageA().locator('.reveal-log__item').first().waitFor({ state: 'visible' })
    expect(await pageA().locator('.reveal-log__item').count()).toBe(1)
    expect(await a.page.evaluate(() => document.body.innerText)).not.toContain(VIEWER_PHONE)

    // A visitor opens the shared link: the detail, with the phone masked.
    const c = await visitor(`#/pages/detail/index?id=${id}`)
    await activePage(c.page).locator('.detail-page__title', { hasText: TITLE }).waitFor({ state: 'visible' })
    await expect(activePage(c.page).locator('.contact-card__phone').textContent()).resolves.toBe('139****5678')
    expect(await c.page.content()).not.toContain(CONTACT_PHONE)

    // B reports it and sees 已提交.
    await pageB().locator('.detail-page__report').tap()
    await pageB().locator('.report-sheet__reason', { hasText: '虚假信息' }).tap()
    await pageB().locator('.report-sheet__submit').tap()
    await pageB().locator('.report-sheet__status', { hasText: '已提交' }).waitFor({ state: 'visible' })
    await saveScreenshot(b.page, 'report-submitted.png')

    for (const v of [a, b, c]) expect(v.pageErrors).toEqual([])
    // Publishing reads the picked photo through a blob: URL and previews it: the page's policy allows both.
    for (const v of [a, b, c]) expect(v.cspViolations).toEqual([])
  })
})
