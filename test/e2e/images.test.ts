import type { ListingImage, MyListingDetail, Session } from '@shared/contracts'
import { agreedConsents } from '../support/accounts'
import { PLAIN_JPEG_BASE64 } from '../support/images'
import { activePage, openVisitor, waitForPageSettled, waitForRoute, type Visitor } from '../support/e2e/browser'
import { answerConsent } from '../support/e2e/consent'
import { outboxCode } from '../support/e2e/login'
import { startE2eServer, type E2eServer } from '../support/e2e/server'
import { validListing } from '../support/listings'

jest.setTimeout(90_000)

const POSTER = '13622230001'
/** Listings without pictures published between the two with pictures: enough to push the older one far down. */
const BETWEEN = 12

let server: E2eServer
let visitor: Visitor | undefined
let poster: Session
let seq = 0

beforeAll(async () => {
  // Sessions come from the API: the login sheet has its own stories.
  server = await startE2eServer({ env: { SMS_CAPTCHA: 'off', LISTING_DAILY_PUBLISH_LIMIT: '50' } })
  await server.call('auth', 'sendSmsCode', { phone: POSTER })
  poster = await server.call<Session>('auth', 'loginWithSms', {
    phone: POSTER,
    code: await outboxCode(server.url, POSTER),
    consents: agreedConsents(Date.now()),
  })
  // An approved listing first, so this poster's pictures show without waiting for a moderator.
  await publish('先发布的一条净水设备代理信息')
})

afterAll(async () => {
  await visitor?.close()
  await server?.close()
})

const upload = () =>
  server.call<ListingImage>(
    'listings',
    'uploadListingImage',
    { mimeType: 'image/jpeg', data: PLAIN_JPEG_BASE64 },
    poster.token,
  )

function publish(title: string, pictures: { images: string[]; thumbnails: string[] } = { images: [], thumbnails: [] }) {
  return server.call<MyListingDetail>(
    'listings',
    'createListing',
    validListing({ title, clientRequestId: `e2e-images-${++seq}-${Date.now()}`, ...pictures }),
    poster.token,
  )
}

async function withPicture(title: string) {
  const [image, thumbnail] = [await upload(), await upload()]
  const listing = await publish(title, { images: [image.key], thumbnails: [thumbnail.key] })
  return { listing, image, thumbnail }
}

const card = (v: Visitor, title: string) => activePage(v.page).locator('.listing-card', { hasText: title })

async function cover(v: Visitor, title: string) {
  const img = card(v, title).locator('.listing-card__cover img')
  return { src: await img.getAttribute('src'), top: (await img.boundingBox())?.y ?? null }
}

describe('pictures in the feed: small versions, loaded when near the screen', () => {
  it('a card shows the thumbnail, a card far below loads its thumbnail only when scrolled to, the detail shows the image itself', async () => {
    const below = await withPicture('滤芯耗材华南区域诚招代理')
    for (let i = 0; i < BETWEEN; i++) await publish(`净水设备第 ${i + 1} 批区域代理招募`)
    const top = await withPicture('商用净水机城市合伙人招募')

    visitor = await openVisitor()
    const v = visitor
    await v.page.goto(`${server.url}/`)
    await waitForPageSettled(v.page)
    await answerConsent(v, server.url)

    const thumbUrl = (t: ListingImage) => new URL(t.url, server.url).href
    await v.page.waitForFunction(
      (url) =>
        [...document.querySelectorAll('.listing-card__cover img')].some((img) => (img as HTMLImageElement).src === url),
      thumbUrl(top.thumbnail),
    )
    expect((await cover(v, top.listing.title)).src).toBe(top.thumbnail.url)

    // Far below the fold (more than Taro's 300 px margin), the older card's picture has not been asked for.
    const far = await cover(v, below.listing.title)
    expect(far.top).toBeGreaterThan(v.page.viewportSize()!.height + 300)
    expect(far.src).toBeNull()

    await card(v, below.listing.title).scrollIntoViewIfNeeded()
    await v.page.waitForFunction(
      (url) =>
        [...document.querySelectorAll('.listing-card__cover img')].some((img) => (img as HTMLImageElement).src === url),
      thumbUrl(below.thumbnail),
    )
    const asked = v.requests.map((r) => r.url)
    expect(asked).toEqual(expect.arrayContaining([thumbUrl(top.thumbnail), thumbUrl(below.thumbnail)]))
    expect(asked).not.toContain(thumbUrl(top.image))
    expect(asked).not.toContain(thumbUrl(below.image))

    // The detail page shows the picture itself.
    await card(v, top.listing.title).scrollIntoViewIfNeeded()
    await card(v, top.listing.title).locator('.listing-card__title').tap()
    await waitForRoute(v.page, `/pages/detail/index?id=${top.listing.id}`)
    await v.page.waitForFunction(
      (url) =>
        [...document.querySelectorAll('.detail-page__image img')].some((img) => (img as HTMLImageElement).src === url),
      thumbUrl(top.image),
    )
    expect(v.pageErrors).toEqual([])
    expect(v.cspViolations).toEqual([])
  })
})
