import { configure, cleanup, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ListingDetail, ListingSummary, MyListingDetail, Page } from '@shared/contracts'
import { recordBrowse } from '@/features/history'
import FavouritesPage from '@/packages/mine/pages/favourites/index'
import BrowseHistoryPage from '@/packages/mine/pages/history/index'
import MyListingsPage from '@/packages/mine/pages/listings/index'
import RevealLogPage from '@/packages/mine/pages/reveals/index'
import { logInOnDevice } from '../../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../../support/web/network'
import { openRoute } from '../../../support/web/page'
import { tap } from '../../../support/web/input'

const POSTER = '13500135001'
const VIEWER = '13500135002'

// These stories chain several round trips through the real handlers; on a loaded 2-core CI machine one
// step can take longer than the default second.
configure({ asyncUtilTimeout: 4000 })

let network: FakeNetwork
let modal: jest.SpyInstance

beforeEach(async () => {
  network = await installFakeNetwork()
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
})

afterEach(async () => {
  jest.restoreAllMocks()
  await network.restore()
})

async function call<T>(fn: string, action: string, payload: unknown, token?: string): Promise<T> {
  const res = await network.backend.callHttp(fn, { action, payload }, token ? { authorization: `Bearer ${token}` } : {})
  const envelope = JSON.parse(res.body)
  if (!envelope.ok) throw new Error(`${action}: ${envelope.error.code} ${envelope.error.message}`)
  return envelope.data as T
}

async function publishAs(token: string, title: string): Promise<MyListingDetail> {
  return call<MyListingDetail>(
    'listings',
    'createListing',
    {
      clientRequestId: `test-${title.length}-${Date.now()}`,
      category: 'agency',
      title,
      description: '厂家直供，提供样品与售后支持，欢迎各地代理商洽谈合作。',
      company: '深圳青禾商贸有限公司',
      region: { province: '广东省', city: '深圳' },
      contact: {
        name: '王经理',
        phone: '13812345678',
        wechat: 'qinghe_wang',
        public: { phone: true, wechat: true },
      },
      validityDays: 30,
    },
    token,
  )
}

const status = () => document.querySelector('.my-listing__status')?.textContent

describe('my listings', () => {
  it('the poster sees the status, takes it down and puts it back, withdraws a public contact, and sees who revealed it', async () => {
    const viewer = await logInOnDevice(network, VIEWER)
    localStorage.clear()
    const poster = await logInOnDevice(network, POSTER)
    const listing = await publishAs(poster.token, '净水设备华南区域代理招募')
    await call('interactions', 'revealContact', { listingId: listing.id }, viewer.token)
    await call('auth', 'updateProfile', { nickname: '李采购', companyName: '广州某贸易' }, viewer.token)

    render(<MyListingsPage />)
    await waitFor(() => expect(status()).toBe('已发布'))
    expect(document.querySelector('.my-listing__title')?.textContent).toBe('净水设备华南区域代理招募')
    // Refreshed when published: once a day at most.
    expect(screen.getByText('今日已刷新')).toBeTruthy()

    await tap(screen.getByText('下架'))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '下架信息', confirmText: '下架' }))
    await waitFor(() => expect(status()).toBe('已下架'))
    await expect(call('listings', 'getListing', { id: listing.id })).rejects.toThrow('NOT_FOUND')

    await tap(screen.getByText('重新上架'))
    await waitFor(() => expect(status()).toBe('已发布'))

    await tap(screen.getByText('管理公开的联系方式 ›'))
    await waitFor(() => expect(document.querySelectorAll('.my-listing__withdraw')).toHaveLength(2))
    await tap(document.querySelector('.my-listing__contact--phone .my-listing__withdraw'))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '撤回公开' }))
    await waitFor(() => expect(document.querySelectorAll('.my-listing__withdraw')).toHaveLength(1))
    const publicDetail = await call<ListingDetail>('listings', 'getListing', { id: listing.id })
    expect(publicDetail.maskedPhone).toBeNull()
    expect(publicDetail.hasWechat).toBe(true)

    await tap(screen.getByText('谁看过我的联系方式 ›'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/mine/pages/reveals/index?listingId=${listing.id}` })
    cleanup()
    openRoute('/packages/mine/pages/reveals/index', { listingId: listing.id })
    render(<RevealLogPage />)
    await waitFor(() => expect(document.querySelector('.reveal-log__viewer')?.textContent).toBe('李采购 · 广州某贸易'))
    expect(document.body.textContent).not.toContain(VIEWER)
  })

  it('renewing asks for a period; deleting asks first and removes it for good', async () => {
    const poster = await logInOnDevice(network, POSTER)
    const listing = await publishAs(poster.token, '净水设备华南区域代理招募')
    jest.spyOn(Taro, 'showActionSheet').mockResolvedValue({ tapIndex: 2, errMsg: 'ok' })
    render(<MyListingsPage />)
    await waitFor(() => expect(status()).toBe('已发布'))

    await tap(screen.getByText('续期'))
    await waitFor(async () => {
      const mine = await call<Page<{ id: string; validityDays: number }>>(
        'listings',
        'listMyListings',
        {},
        poster.token,
      )
      expect(mine.items[0].validityDays).toBe(90)
    })

    modal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'ok' })
    await tap(screen.getByText('删除'))
    expect(document.querySelectorAll('.my-listing')).toHaveLength(1)

    await tap(screen.getByText('删除'))
    await waitFor(() => expect(screen.getByText('你还没有发布过信息')).toBeTruthy())
    const mine = await call<Page<{ id: string }>>('listings', 'listMyListings', {}, poster.token)
    expect(mine.items.map((i) => i.id)).not.toContain(listing.id)
  })
})

describe('favourites and browse history', () => {
  it('favourites are listed from the server; one is removed, then all after confirming', async () => {
    const member = await logInOnDevice(network, VIEWER)
    const feed = await call<Page<ListingSummary>>('listings', 'listListings', { pageSize: 3 })
    for (const item of feed.items) await call('interactions', 'addFavourite', { listingId: item.id }, member.token)

    render(<FavouritesPage />)
    await waitFor(() => expect(document.querySelectorAll('.favourites-page__item')).toHaveLength(3))

    await tap(screen.getAllByText('取消收藏')[0])
    await waitFor(() => expect(document.querySelectorAll('.favourites-page__item')).toHaveLength(2))

    await tap(screen.getByText('清空收藏'))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '清空收藏', confirmText: '清空' }))
    await waitFor(() => expect(screen.getByText('还没有收藏')).toBeTruthy())
    const left = await call<Page<unknown>>('interactions', 'listFavourites', {}, member.token)
    expect(left.items).toHaveLength(0)
  })

  it('browse history lives on the device: listed newest first, one deleted, then all cleared after confirming', async () => {
    const feed = await call<Page<ListingSummary>>('listings', 'listListings', { pageSize: 3 })
    feed.items.forEach((item, i) => recordBrowse(item, Date.now() - (3 - i) * 60_000))

    render(<BrowseHistoryPage />)
    const shown = () =>
      Array.from(document.querySelectorAll('.history-page__item .mine-page__row-title')).map((t) => t.textContent)
    expect(shown()).toEqual(feed.items.map((i) => i.title).reverse())

    await tap(screen.getAllByText('删除')[0])
    expect(shown()).toHaveLength(2)

    await tap(screen.getByText('清空记录'))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '清空浏览记录' }))
    expect(screen.getByText('暂无浏览记录')).toBeTruthy()
    // Nothing of it went to the server.
    expect(network.sent).toEqual([])
  })
})
