import { fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Collections } from '@shared/collections'
import DetailPage from '@/pages/detail/index'
import { renderAfterConsent } from '../../support/web/consent'
import { installFakeNetwork, type FakeNetwork } from '../../support/web/network'
import { firePageEvent, openRoute } from '../../support/web/page'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork()
  jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
  jest.spyOn(Taro, 'previewImage').mockResolvedValue({ errMsg: 'previewImage:ok' })
})

afterEach(async () => {
  jest.restoreAllMocks()
  await network.restore()
})

/** A listing posted three hours ago by a poster who agreed to publish the phone and WeChat, not QQ. */
async function postListing(overrides: Record<string, unknown> = {}): Promise<string> {
  const now = Date.now()
  return network.backend.store.insert(Collections.listings, {
    _id: 'story-0001',
    category: 'agency',
    title: '净水设备华南区域代理招募',
    description: '厂家直供，提供样品与售后支持。\n\n希望代理商有本地渠道资源。',
    province: '广东省',
    city: '深圳',
    company: '深圳青禾商贸有限公司',
    brand: '青禾',
    images: ['https://img.example.com/a.jpg', 'https://img.example.com/b.jpg'],
    contact: {
      name: '王经理',
      phone: '13812345678',
      wechat: 'qinghe_wang',
      qq: '123456',
      public: { phone: true, wechat: true, qq: false },
    },
    posterId: 'poster-1',
    status: 'published',
    createdAt: now - 3 * HOUR - 10 * 60_000,
    updatedAt: now - 3 * HOUR,
    publishedAt: now - 3 * HOUR - 60_000,
    expiresAt: now + 90 * DAY,
    viewCount: 12_345,
    ...overrides,
  })
}

function text(container: HTMLElement, selector: string): string | null | undefined {
  return container.querySelector(selector)?.textContent
}

describe('the listing detail', () => {
  it('a visitor opening a listing sees its fields, the time in words and a masked phone — never the full one', async () => {
    const id = await postListing()
    openRoute('/pages/detail/index', { id })
    const { container } = await renderAfterConsent(<DetailPage />)

    expect(await screen.findByText('净水设备华南区域代理招募')).toBeTruthy()
    expect(text(container, '.detail-page__chip')).toBe('代理加盟')
    expect(screen.getByText('广东 · 深圳')).toBeTruthy()
    expect(screen.getByText('深圳青禾商贸有限公司')).toBeTruthy()
    expect(screen.getByText('青禾')).toBeTruthy()
    expect(text(container, '.detail-page__time')).toBe('3 小时前发布')
    expect(text(container, '.detail-page__views')).toBe('1.2万 次浏览')
    expect(text(container, '.detail-page__description')).toContain('希望代理商有本地渠道资源。')
    expect(text(container, '.detail-page__contact-name')).toBe('王经理')
    expect(text(container, '.detail-page__phone')).toBe('138****5678')
    // WeChat was published (shown as hidden until revealed), QQ was not published at all.
    expect(screen.getByText('微信')).toBeTruthy()
    expect(screen.queryByText('QQ')).toBeNull()
    const page = container.textContent ?? ''
    for (const secret of ['13812345678', 'qinghe_wang', '123456']) expect(page).not.toContain(secret)
  })

  it('tapping an image previews it among all the listing’s images', async () => {
    const id = await postListing()
    openRoute('/pages/detail/index', { id })
    const { container } = await renderAfterConsent(<DetailPage />)
    await screen.findByText('净水设备华南区域代理招募')

    const images = container.querySelectorAll('.detail-page__image')
    expect(images).toHaveLength(2)
    fireEvent.click(images[1])

    expect(Taro.previewImage).toHaveBeenCalledWith({
      current: 'https://img.example.com/b.jpg',
      urls: ['https://img.example.com/a.jpg', 'https://img.example.com/b.jpg'],
    })
  })

  it('sharing the listing sends its title and id, and no contact detail of any kind', async () => {
    const id = await postListing()
    openRoute('/pages/detail/index', { id })
    await renderAfterConsent(<DetailPage />)
    await screen.findByText('净水设备华南区域代理招募')

    const [card] = firePageEvent('onShareAppMessage', { from: 'menu' })
    const [timeline] = firePageEvent('onShareTimeline')

    expect(card).toEqual({ title: '净水设备华南区域代理招募', path: `/pages/detail/index?id=${id}` })
    expect(timeline).toEqual({ title: '净水设备华南区域代理招募', query: `id=${id}` })
    const shared = JSON.stringify([card, timeline])
    for (const secret of ['13812345678', '138****5678', 'qinghe_wang', '123456', '王经理']) {
      expect(shared).not.toContain(secret)
    }
  })

  it('a shared link to a listing that no longer exists says so, and the button relaunches the feed', async () => {
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([])
    openRoute('/pages/detail/index', { id: 'gone-0001' })
    await renderAfterConsent(<DetailPage />)

    expect(await screen.findByText('该信息不存在或已下架')).toBeTruthy()
    fireEvent.click(screen.getByText('返回首页'))

    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' })
    expect(Taro.navigateBack).not.toHaveBeenCalled()
  })

  it('a listing that was taken down reads exactly like a missing one', async () => {
    const id = await postListing({ status: 'takenDown' })
    openRoute('/pages/detail/index', { id })
    await renderAfterConsent(<DetailPage />)

    expect(await screen.findByText('该信息不存在或已下架')).toBeTruthy()
    expect(screen.queryByText('净水设备华南区域代理招募')).toBeNull()
  })

  it('a mangled link (no valid id) shows not-found without asking the server', async () => {
    openRoute('/pages/detail/index', { id: '../../etc' })
    await renderAfterConsent(<DetailPage />)

    expect(await screen.findByText('该信息不存在或已下架')).toBeTruthy()
    expect(network.sent).toHaveLength(0)
  })

  it('opened from the feed, the not-found button simply goes back', async () => {
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as ReturnType<typeof Taro.getCurrentPages>)
    openRoute('/pages/detail/index', { id: 'gone-0002' })
    await renderAfterConsent(<DetailPage />)

    fireEvent.click(await screen.findByText('返回首页'))

    expect(Taro.navigateBack).toHaveBeenCalled()
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })

  it('when the network fails the detail offers 重试, which loads the listing', async () => {
    const id = await postListing()
    network.offline = true
    openRoute('/pages/detail/index', { id })
    await renderAfterConsent(<DetailPage />)

    expect(await screen.findByText('网络异常，请检查网络后重试')).toBeTruthy()
    network.offline = false
    fireEvent.click(screen.getByText('重试'))

    await waitFor(() => expect(screen.queryByText('净水设备华南区域代理招募')).not.toBeNull())
  })
})
