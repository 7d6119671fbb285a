import { act, configure, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ListingSummary, Page } from '@shared/contracts'
import { SEARCH_HISTORY_KEY, SEARCH_HISTORY_LIMIT, rememberSearch, searchHistory } from '@/features/history'
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
