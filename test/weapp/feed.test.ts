/**
 * @jest-environment jsdom
 */
import type { ListingSummary, Page } from '@shared/contracts'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../support/embedded'
import { agreeToPolicies, launchWeapp, tap, until, type OpenedPage, type Weapp } from '../support/weapp/harness'

jest.setTimeout(30_000)

let backend: EmbeddedBackend
let weapp: Weapp
let page: OpenedPage | undefined

beforeAll(async () => {
  backend = await createEmbeddedBackend({ clock: testClock(Date.now()) })
  weapp = launchWeapp(backend)
})

afterEach(() => {
  page?.close()
  page = undefined
})

afterAll(async () => {
  await backend.dispose()
})

/** What the listings function answers, asked directly rather than through the app. */
async function serverPage(payload: Record<string, unknown>): Promise<Page<ListingSummary>> {
  const envelope = (await backend.callFunction('listings', { action: 'listListings', payload })) as {
    data: Page<ListingSummary>
  }
  return envelope.data
}

const textsOf = (p: OpenedPage, className: string) => p.all(className).map((el) => el.textContent ?? '')

describe('the compiled WeChat feed', () => {
  it('a visitor opening the mini-program sees the seeded listings, newest first, fetched through wx.cloud', async () => {
    const expected = await serverPage({})
    page = weapp.openPage('pages/index/index')
    await agreeToPolicies(page)

    const opened = page
    await until(() => opened.all('listing-card').length === 20, 'the first page of cards')

    expect(textsOf(page, 'listing-card__title')).toEqual(expected.items.map((l) => l.title))
    expect(textsOf(page, 'category-tabs__tab').slice(0, 2)).toEqual(['全部', '品牌招商'])
    expect(weapp.cloudCalls.map((c) => (c.data as { action: string }).action)).toEqual(
      expect.arrayContaining(['listCategories', 'listListings']),
    )
    expect(weapp.httpCalls).toHaveLength(0)
  })

  it('tapping a card navigates to the detail page with that listing’s id', async () => {
    const expected = await serverPage({})
    page = weapp.openPage('pages/index/index')
    await agreeToPolicies(page)
    const opened = page
    const cards = await until(() => opened.all('listing-card').length === 20 && opened.all('listing-card'), 'cards')

    tap(cards[3])

    const navigation = await until(() => weapp.calls.find((c) => c.api === 'navigateTo'), 'wx.navigateTo')
    expect(navigation.options).toEqual({ url: `/pages/detail/index?id=${expected.items[3].id}` })
  })

  it('tapping the 代理加盟 tab shows only 代理加盟 listings', async () => {
    page = weapp.openPage('pages/index/index')
    await agreeToPolicies(page)
    const opened = page
    await until(() => opened.all('listing-card').length === 20, 'cards')
    const agencyTab = opened.all('category-tabs__tab').find((tab) => tab.textContent === '代理加盟')
    expect(agencyTab).toBeDefined()

    tap(agencyTab as HTMLElement)

    await until(() => {
      const chips = textsOf(opened, 'listing-card__chip')
      return chips.length > 0 && chips.every((chip) => chip === '代理加盟')
    }, 'only 代理加盟 cards')
  })

  it('reaching the bottom of the page loads the next page of cards', async () => {
    const first = await serverPage({})
    const second = await serverPage({ cursor: first.nextCursor })
    page = weapp.openPage('pages/index/index')
    await agreeToPolicies(page)
    const opened = page
    await until(() => opened.all('listing-card').length === 20, 'the first page')

    opened.instance.onReachBottom?.()

    await until(() => opened.all('listing-card').length === 40, 'the second page')
    expect(textsOf(opened, 'listing-card__title')).toEqual([...first.items, ...second.items].map((l) => l.title))
  })
})
