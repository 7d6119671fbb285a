import { act, render, waitFor } from '@testing-library/react'
import { contracts, type MyListingDetail } from '@shared/contracts'
import FeedPage from '@/pages/index/index'
import FavouritesPage from '@/packages/mine/pages/favourites/index'
import { api } from '@/services/api'
import { CHANGES, changedSince, changesOf, dataClock, markChanged } from '@/services/data-changes'
import { renderAfterConsent } from '../../support/web/consent'
import { validListing } from '../../support/listings'
import { logInOnDevice, sentActions } from '../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../support/web/network'
import { firePageEvent } from '../../support/web/page'

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork()
})

afterEach(async () => {
  await network.restore()
})

function cardTitles(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('.listing-card__title')).map((t) => t.textContent ?? '')
}

describe('which actions change which data', () => {
  it('every action of every function says what it changes (a read says nothing)', () => {
    for (const [fn, actions] of Object.entries(contracts)) {
      expect(Object.keys(CHANGES[fn as keyof typeof CHANGES]).sort()).toEqual(Object.keys(actions).sort())
    }
    expect(Object.keys(CHANGES).sort()).toEqual(Object.keys(contracts).sort())
    expect(changesOf('listings', 'listListings')).toEqual([])
    expect(changesOf('listings', 'createListing')).toContain('listings')
    expect(changesOf('interactions', 'addFavourite')).toContain('favourites')
    expect(changesOf('nowhere', 'nothing')).toEqual([])
  })

  it('a change marks only its kinds, and only after the moment a page loaded', () => {
    const loadedAt = dataClock()
    expect(changedSince(['listings', 'comments'], loadedAt)).toBe(false)

    markChanged(['comments'])

    expect(changedSince(['comments'], loadedAt)).toBe(true)
    expect(changedSince(['listings', 'comments'], loadedAt)).toBe(true)
    expect(changedSince(['listings'], loadedAt)).toBe(false)
    // A page that loaded after the change is not stale.
    expect(changedSince(['comments'], dataClock())).toBe(false)
  })

  it('the api client marks a kind only when the server accepted the action', async () => {
    await logInOnDevice(network, '13800138111')
    const before = dataClock()

    await api.listings.listListings({ pageSize: 1 })
    expect(changedSince(['listings'], before)).toBe(false)

    // Refused on the device (no title): nothing changed.
    await expect(api.listings.createListing(validListing({ title: '' }) as never)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    expect(changedSince(['listings'], before)).toBe(false)

    await api.listings.createListing(validListing({ title: '冷链仓储华北区域合作' }) as never)
    expect(changedSince(['listings'], before)).toBe(true)
    expect(changedSince(['favourites', 'comments'], before)).toBe(false)
  })
})

describe('pages shown again after a change', () => {
  it('the feed, shown again after the member published, has the new listing first without a reload', async () => {
    const { container } = await renderAfterConsent(<FeedPage />)
    await waitFor(() => expect(cardTitles(container)).toHaveLength(20))
    await act(() => logInOnDevice(network, '13800138112'))

    // Shown again with nothing changed: nothing is asked again.
    act(() => void firePageEvent('componentDidShow'))
    await network.idle()
    expect(sentActions(network, 'listings', 'listListings')).toHaveLength(0)

    const created = await api.listings.createListing(validListing({ title: '光伏组件华东地区供货' }) as never)
    expect((created as MyListingDetail).status).toBe('published')
    expect(cardTitles(container)[0]).not.toBe('光伏组件华东地区供货')

    act(() => void firePageEvent('componentDidShow'))

    await waitFor(() => expect(cardTitles(container)[0]).toBe('光伏组件华东地区供货'))
    expect(sentActions(network, 'listings', 'listListings')).toHaveLength(1)
  })

  it('我的收藏, shown again after a favourite was added on a detail, lists it', async () => {
    await act(() => logInOnDevice(network, '13800138113'))
    const { container } = render(<FavouritesPage />)
    await waitFor(() => expect(container.textContent).toContain('还没有收藏'))
    const [first] = (await api.listings.listListings({ pageSize: 1 })).items

    await api.interactions.addFavourite({ listingId: first.id })
    act(() => void firePageEvent('componentDidShow'))

    await waitFor(() => expect(container.textContent).toContain(first.title))
  })
})
