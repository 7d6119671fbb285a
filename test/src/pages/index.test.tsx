import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Collections } from '@shared/collections'
import type { ListingSummary, Page } from '@shared/contracts'
import FeedPage from '@/pages/index/index'
import PublishTabPage from '@/pages/publish/index'
import { renderAfterConsent } from '../../support/web/consent'
import { installFakeNetwork, type FakeNetwork } from '../../support/web/network'
import { firePageEvent } from '../../support/web/page'

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork()
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined)
})

afterEach(async () => {
  jest.restoreAllMocks()
  await network.restore()
})

/** What the listings function itself answers, asked directly (not through the app). */
async function serverPage(payload: Record<string, unknown>): Promise<Page<ListingSummary>> {
  const res = await network.backend.callHttp('listings', { action: 'listListings', payload })
  return (JSON.parse(res.body) as { data: Page<ListingSummary> }).data
}

function cards(container: HTMLElement) {
  return Array.from(container.querySelectorAll('.listing-card'))
}

/**
 * How many cards are shown. Assert on this inside waitFor, never on the element array: a failed
 * match pretty-prints every element with its React fiber, which takes long enough to starve the test.
 */
function cardCount(container: HTMLElement): number {
  return cards(container).length
}

function cardTitles(container: HTMLElement): string[] {
  return cards(container).map((card) => card.querySelector('.listing-card__title')?.textContent ?? '')
}

function cardCategories(container: HTMLElement): string[] {
  return cards(container).map((card) => card.querySelector('.listing-card__chip')?.textContent ?? '')
}

/** The tab labelled `name` (chips on the cards carry the same words, so look among the tabs only). */
async function tab(container: HTMLElement, name: string): Promise<Element> {
  let found: Element | undefined
  await waitFor(() => {
    found = Array.from(container.querySelectorAll('.category-tabs__tab')).find((t) => t.textContent === name)
    expect(found).toBeDefined()
  })
  return found as Element
}

function listRequests() {
  return network.sent.filter((r) => r.body.action === 'listListings')
}

describe('the feed', () => {
  it('a visitor opening the mini-program sees the newest listings as cards, under tabs that start with 全部', async () => {
    const first = await serverPage({})
    const { container } = await renderAfterConsent(<FeedPage />)

    await waitFor(() => expect(cardTitles(container)).toEqual(first.items.map((l) => l.title)))
    expect(first.items).toHaveLength(20)
    const tabs = Array.from(container.querySelectorAll('.category-tabs__tab')).map((t) => t.textContent)
    expect(tabs.slice(0, 3)).toEqual(['全部', '品牌招商', '代理加盟'])
    // Cards show the category, the region and the time in words.
    expect(container.querySelector('.listing-card__chip')?.textContent).toBe(first.items[0].categoryName)
    expect(container.querySelector('.listing-card__time')?.textContent).toMatch(/前$|^刚刚$|月/)
  })

  it('the first screen’s four cards are built first, the other sixteen a frame later, then the footer', async () => {
    const first = await serverPage({})
    const { container } = await renderAfterConsent(<FeedPage />)

    await waitFor(() => expect(cardCount(container)).toBeGreaterThan(0))
    expect(cardTitles(container)).toEqual(first.items.slice(0, 4).map((l) => l.title))
    expect(container.querySelector('.feed-list__footer')).toBeNull()
    await waitFor(() => expect(cardCount(container)).toBe(20))
    expect(cardTitles(container)).toEqual(first.items.map((l) => l.title))
    expect(container.querySelector('.feed-list__footer')).not.toBeNull()
  })

  it('choosing the 代理加盟 tab shows only 代理加盟 listings', async () => {
    const agency = await serverPage({ category: 'agency' })
    const { container } = await renderAfterConsent(<FeedPage />)
    await waitFor(() => expect(cardCount(container)).toBe(20))

    fireEvent.click(await tab(container, '代理加盟'))

    await waitFor(() => expect(cardTitles(container)).toEqual(agency.items.map((l) => l.title)))
    expect(new Set(cardCategories(container))).toEqual(new Set(['代理加盟']))
    expect(listRequests().at(-1)?.body.payload).toMatchObject({ category: 'agency' })
  })

  it('reaching the bottom appends the next page, once, however often the event fires', async () => {
    const first = await serverPage({})
    const second = await serverPage({ cursor: first.nextCursor })
    const { container } = await renderAfterConsent(<FeedPage />)
    await waitFor(() => expect(cardCount(container)).toBe(20))

    act(() => {
      firePageEvent('onReachBottom')
      firePageEvent('onReachBottom')
    })

    await waitFor(() => expect(cardCount(container)).toBe(40))
    expect(cardTitles(container)).toEqual([...first.items, ...second.items].map((l) => l.title))
    expect(listRequests().filter((r) => (r.body.payload as { cursor?: unknown }).cursor)).toHaveLength(1)
  })

  it('after the last page the footer says 没有更多了', async () => {
    const { container } = await renderAfterConsent(<FeedPage />)
    await waitFor(() => expect(cardCount(container)).toBeGreaterThan(0))
    fireEvent.click(await tab(container, '场地资源'))
    await waitFor(() => expect(new Set(cardCategories(container))).toEqual(new Set(['场地资源'])))

    // 240 demo listings over 8 categories: 场地资源 has fewer than two pages.
    for (let i = 0; i < 3 && !screen.queryByText('没有更多了'); i++) {
      act(() => {
        firePageEvent('onReachBottom')
      })
      await waitFor(() => expect(screen.queryByText('加载中…')).toBeNull())
    }

    expect(await screen.findByText('没有更多了')).toBeTruthy()
  })

  it('a category nobody has published in yet shows 暂无合作信息', async () => {
    await network.backend.store.insert(Collections.categories, { _id: 'talent', name: '人才招聘', order: 99 })
    const { container } = await renderAfterConsent(<FeedPage />)

    fireEvent.click(await tab(container, '人才招聘'))

    expect(await screen.findByText('暂无合作信息')).toBeTruthy()
    expect(cardCount(container)).toBe(0)
  })

  it('when the network is down the feed says so, and 重试 brings the listings and the tabs back', async () => {
    network.offline = true
    const { container } = await renderAfterConsent(<FeedPage />)

    expect(await screen.findByText('网络异常，请检查网络后重试')).toBeTruthy()
    expect(cardCount(container)).toBe(0)

    network.offline = false
    fireEvent.click(screen.getByText('重试'))

    await waitFor(() => expect(cardCount(container)).toBe(20))
    expect(await tab(container, '品牌招商')).toBeTruthy()
  })

  it('a slow answer for the previous tab never lands in the list of the tab chosen after it', async () => {
    let releaseFranchise: () => void = () => undefined
    network.before = (request) => {
      const payload = request.body.payload as { category?: string } | undefined
      if (payload?.category === 'brand-franchise') return new Promise<void>((resolve) => (releaseFranchise = resolve))
    }
    const supply = await serverPage({ category: 'supply' })
    const { container } = await renderAfterConsent(<FeedPage />)
    await waitFor(() => expect(cardCount(container)).toBe(20))

    fireEvent.click(await tab(container, '品牌招商'))
    fireEvent.click(await tab(container, '产品供应'))
    await waitFor(() => expect(cardTitles(container)).toEqual(supply.items.map((l) => l.title)))
    // The stale answer is computed, delivered and handled by the app before act returns.
    await act(async () => {
      releaseFranchise()
      await network.idle()
    })
    expect(listRequests().map((r) => (r.body.payload as { category?: string }).category)).toContain('brand-franchise')

    expect(new Set(cardCategories(container))).toEqual(new Set(['产品供应']))
  })

  it('pulling down reloads the first page and then stops the spinner', async () => {
    const { container } = await renderAfterConsent(<FeedPage />)
    await waitFor(() => expect(cardCount(container)).toBe(20))
    const before = listRequests().length

    await act(async () => {
      await Promise.all(firePageEvent('onPullDownRefresh'))
    })

    expect(listRequests()).toHaveLength(before + 1)
    expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
    expect(cardCount(container)).toBe(20)
  })

  it('the region filter narrows the feed to a province, then a city; 全国 lifts it', async () => {
    const shenzhen = await serverPage({ province: '广东省', city: '深圳' })
    const { container } = await renderAfterConsent(<FeedPage />)
    await waitFor(() => expect(cardCount(container)).toBe(20))
    const option = (name: string) =>
      Array.from(container.querySelectorAll('.region-sheet__option')).find((o) => o.textContent === name)!

    fireEvent.click(container.querySelector('.region-filter')!)
    fireEvent.click(option('广东省'))
    fireEvent.click(option('深圳'))

    await waitFor(() => expect(cardTitles(container)).toEqual(shenzhen.items.map((l) => l.title)))
    expect(container.querySelector('.region-filter__label')?.textContent).toBe('广东 · 深圳')
    expect(listRequests().at(-1)?.body.payload).toMatchObject({ province: '广东省', city: '深圳' })

    fireEvent.click(container.querySelector('.region-filter')!)
    fireEvent.click(option('‹ 重新选择省份'))
    fireEvent.click(option('全国'))
    await waitFor(() => expect(cardCount(container)).toBe(20))
    expect(listRequests().at(-1)?.body.payload).not.toHaveProperty('province')
  })

  it('the search box opens the search page; the 发布 tab asks a guest to log in first', async () => {
    const { container, unmount } = await renderAfterConsent(<FeedPage />)
    await waitFor(() => expect(cardCount(container)).toBe(20))
    // The tab bar's 发布 replaced the floating button.
    expect(container.querySelector('.feed-page__publish')).toBeNull()

    fireEvent.click(screen.getByText('搜索标题、公司、品牌'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/search/pages/search/index' })
    unmount()

    render(<PublishTabPage />)
    await act(async () => {
      fireEvent.click(screen.getByText('开始发布'))
    })
    expect(await screen.findByText('确认你的年龄')).toBeTruthy()
    expect(Taro.navigateTo).toHaveBeenCalledTimes(1)
  })

  it('tapping a card opens its detail page with the listing id', async () => {
    const first = await serverPage({})
    const { container } = await renderAfterConsent(<FeedPage />)
    await waitFor(() => expect(cardCount(container)).toBe(20))

    fireEvent.click(cards(container)[2])

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/detail/index?id=${first.items[2].id}` })
  })
})
