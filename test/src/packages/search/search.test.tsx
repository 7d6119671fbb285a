import { act, configure, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ListingSummary, Page } from '@shared/contracts'
import { SEARCH_HISTORY_KEY, SEARCH_HISTORY_LIMIT, rememberSearch, searchHistory } from '@/features/history'
import { HighlightedText, highlightParts } from '@/features/listings'
import SearchPage from '@/packages/search/pages/search/index'
import { renderAfterConsent } from '../../../support/web/consent'
import { typeInto } from '../../../support/web/input'
import { sentActions } from '../../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../../support/web/network'
import { firePageEvent, openRoute } from '../../../support/web/page'

// These stories chain several round trips through the real handlers; on a loaded 2-core CI machine one
// step can take longer than the default second.
configure({ asyncUtilTimeout: 4000 })

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork()
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined)
  openRoute('/packages/search/pages/search/index')
})

afterEach(async () => {
  jest.restoreAllMocks()
  await network.restore()
})

async function serverSearch(payload: Record<string, unknown>): Promise<Page<ListingSummary>> {
  const res = await network.backend.callHttp('listings', { action: 'listListings', payload })
  return (JSON.parse(res.body) as { data: Page<ListingSummary> }).data
}

const titles = () => Array.from(document.querySelectorAll('.listing-card__title')).map((t) => t.textContent)
const historyWords = () => Array.from(document.querySelectorAll('.search-history__text')).map((t) => t.textContent)

async function search(word: string): Promise<void> {
  await typeInto('search-page__input', word)
  await act(async () => {
    fireEvent.click(screen.getByText('搜索', { selector: '.search-page__submit' }))
  })
}

describe('search', () => {
  it('a two-character keyword finds what the server finds, and nothing is asked before the first search', async () => {
    const expected = await serverSearch({ keyword: '加盟' })
    expect(expected.items.length).toBeGreaterThan(0)
    await renderAfterConsent(<SearchPage />)
    expect(sentActions(network, 'listings', 'listListings')).toHaveLength(0)

    await search('加盟')

    await waitFor(() => expect(titles()).toEqual(expected.items.map((l) => l.title)))
    expect(sentActions(network, 'listings', 'listListings').at(-1)?.body.payload).toMatchObject({ keyword: '加盟' })
  })

  it('the results say how many were found — exactly once all are in, 「N+」 while more follow — and mark the keyword in titles', async () => {
    const first = await serverSearch({ keyword: '合作' })
    await renderAfterConsent(<SearchPage />)
    await search('合作')
    await waitFor(() => expect(titles()).toEqual(first.items.map((l) => l.title)))
    const count = () => document.querySelector('.search-page__count')?.textContent
    // The demo data holds more than a page of 合作: the first page can only say 「at least」.
    expect(first.nextCursor).not.toBeNull()
    expect(count()).toBe(`找到 ${first.items.length}+ 条`)
    const second = await serverSearch({ keyword: '合作', cursor: first.nextCursor })
    act(() => {
      firePageEvent('onReachBottom')
    })
    await waitFor(() => expect(titles()).toHaveLength(first.items.length + second.items.length))
    expect(count()).toBe(`找到 ${first.items.length + second.items.length}${second.nextCursor ? '+' : ''} 条`)
    // Every title holding the word has it marked, and only it; the title reads as before.
    const cards = Array.from(document.querySelectorAll('.listing-card__title'))
    const withWord = cards.filter((t) => t.textContent?.includes('合作'))
    expect(withWord.length).toBeGreaterThan(0)
    for (const title of withWord) {
      const marks = Array.from(title.querySelectorAll('.highlighted-text__mark')).map((m) => m.textContent)
      expect(marks.length).toBeGreaterThan(0)
      expect(new Set(marks)).toEqual(new Set(['合作']))
    }
    for (const title of cards.filter((t) => !withWord.includes(t))) {
      expect(title.querySelector('.highlighted-text__mark')).toBeNull()
    }
  })

  it('a search with one page of results counts them exactly, and nothing found shows no count', async () => {
    const expected = await serverSearch({ keyword: '加盟' })
    // The demo data's 加盟 listings fit on one page: the count is exact.
    expect(expected.nextCursor).toBeNull()
    expect(expected.items.length).toBeGreaterThan(0)
    await renderAfterConsent(<SearchPage />)
    await search('无此词条')
    expect(await screen.findByText('没有找到与「无此词条」相关的信息')).toBeTruthy()
    expect(document.querySelector('.search-page__count')).toBeNull()
    await search('加盟')
    await waitFor(() => expect(titles()).toHaveLength(expected.items.length))
    expect(document.querySelector('.search-page__count')?.textContent).toBe(`找到 ${expected.items.length} 条`)
  })

  it('category and region narrow the results; infinite scroll loads the next page', async () => {
    const first = await serverSearch({ keyword: '合作' })
    await renderAfterConsent(<SearchPage />)
    await search('合作')
    await waitFor(() => expect(titles()).toEqual(first.items.map((l) => l.title)))
    if (first.nextCursor) {
      const second = await serverSearch({ keyword: '合作', cursor: first.nextCursor })
      act(() => {
        firePageEvent('onReachBottom')
      })
      await waitFor(() => expect(titles()).toHaveLength(first.items.length + second.items.length))
    }

    await act(async () => {
      fireEvent.click(document.querySelector('.region-filter')!)
    })
    const option = (name: string) =>
      Array.from(document.querySelectorAll('.region-sheet__option')).find((o) => o.textContent === name)!
    await act(async () => {
      fireEvent.click(option('广东省'))
    })
    await act(async () => {
      fireEvent.click(option('全省'))
    })

    const guangdong = await serverSearch({ keyword: '合作', province: '广东省' })
    await waitFor(() => expect(titles()).toEqual(guangdong.items.map((l) => l.title)))
    expect(sentActions(network, 'listings', 'listListings').at(-1)?.body.payload).toMatchObject({
      keyword: '合作',
      province: '广东省',
    })
  })

  it('the order switch shows 最新 first and, tapped, 最多浏览: the server’s most viewed order, the choice marked pressed', async () => {
    const latest = await serverSearch({ keyword: '加盟' })
    const mostViewed = await serverSearch({ keyword: '加盟', order: 'views' })
    // The demo data's counts differ: the two orders are not the same list.
    expect(mostViewed.items.map((l) => l.id)).not.toEqual(latest.items.map((l) => l.id))
    await renderAfterConsent(<SearchPage />)
    await search('加盟')
    await waitFor(() => expect(titles()).toEqual(latest.items.map((l) => l.title)))
    const option = (label: string) => screen.getByText(label, { selector: '.search-order__option' })
    expect(option('最新').getAttribute('aria-pressed')).toBe('true')
    expect(option('最多浏览').getAttribute('aria-pressed')).toBe('false')

    await act(async () => {
      fireEvent.click(option('最多浏览'))
    })

    await waitFor(() => expect(titles()).toEqual(mostViewed.items.map((l) => l.title)))
    expect(option('最多浏览').getAttribute('aria-pressed')).toBe('true')
    expect(option('最新').getAttribute('aria-pressed')).toBe('false')
    expect(sentActions(network, 'listings', 'listListings').at(-1)?.body.payload).toMatchObject({
      keyword: '加盟',
      order: 'views',
    })
  })

  it('a keyword nothing matches says so', async () => {
    await renderAfterConsent(<SearchPage />)
    await search('无此词条')
    expect(await screen.findByText('没有找到与「无此词条」相关的信息')).toBeTruthy()
  })

  it('keywords are remembered on the device, newest first; one can be removed, or all after confirming', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
    await renderAfterConsent(<SearchPage />)
    await search('加盟')
    await search('供应')
    expect(JSON.parse(String(Taro.getStorageSync(SEARCH_HISTORY_KEY)))).toEqual(['供应', '加盟'])

    // Back to the history view: a fresh visit of the page.
    openRoute('/packages/search/pages/search/index')
    const { unmount } = render(<SearchPage />)
    await waitFor(() => expect(historyWords()).toEqual(['供应', '加盟']))

    await act(async () => {
      fireEvent.click(screen.getByLabelText('删除供应'))
    })
    expect(historyWords()).toEqual(['加盟'])

    await act(async () => {
      fireEvent.click(screen.getByText('清空'))
    })
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '清空搜索记录' }))
    expect(historyWords()).toEqual([])
    expect(Taro.getStorageSync(SEARCH_HISTORY_KEY)).toBeFalsy()
    unmount()
  })

  it('the history keeps only the latest keywords, each once', () => {
    for (let i = 0; i < SEARCH_HISTORY_LIMIT + 5; i++) rememberSearch(`词${i}`)
    rememberSearch('词14')
    expect(searchHistory()).toHaveLength(SEARCH_HISTORY_LIMIT)
    expect(searchHistory()[0]).toBe('词14')
    expect(new Set(searchHistory()).size).toBe(SEARCH_HISTORY_LIMIT)
  })
})

describe('the keyword highlight', () => {
  const marked = (text: string, keyword: string) =>
    highlightParts(text, keyword)
      .map((p) => (p.marked ? `[${p.text}]` : p.text))
      .join('')

  it('splits a title into marked and unmarked parts that join back to the title', () => {
    expect(highlightParts('净水设备加盟招商', '加盟')).toEqual([
      { text: '净水设备', marked: false },
      { text: '加盟', marked: true },
      { text: '招商', marked: false },
    ])
    expect(marked('加盟合作，诚邀加盟', '加盟')).toBe('[加盟]合作，诚邀[加盟]')
    // Each word of the keyword, case-insensitive; the longer word wins where two overlap.
    expect(marked('Qinghe 净水 qinghe', 'QINGHE 净水')).toBe('[Qinghe] [净水] [qinghe]')
    expect(marked('华南区域代理', '华南 华南区域')).toBe('[华南区域]代理')
    // Matched on the description or company only: the title is one plain part.
    expect(highlightParts('净水设备招商', '青禾')).toEqual([{ text: '净水设备招商', marked: false }])
    expect(highlightParts('净水设备招商', '   ')).toEqual([{ text: '净水设备招商', marked: false }])
  })

  it('renders the marked parts as marks inside the title, and plain text without a keyword', () => {
    const { container, rerender } = render(<HighlightedText className="t" text="诚邀加盟，加盟无忧" keyword="加盟" />)
    expect(container.querySelector('.t')?.textContent).toBe('诚邀加盟，加盟无忧')
    expect(Array.from(container.querySelectorAll('.highlighted-text__mark')).map((m) => m.textContent)).toEqual([
      '加盟',
      '加盟',
    ])
    rerender(<HighlightedText className="t" text="诚邀加盟" />)
    expect(container.querySelector('.t')?.textContent).toBe('诚邀加盟')
    expect(container.querySelector('.highlighted-text__mark')).toBeNull()
  })
})
