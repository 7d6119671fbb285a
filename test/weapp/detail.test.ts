/**
 * @jest-environment jsdom
 */
import { Collections } from '@shared/collections'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../support/embedded'
import { agreeToPolicies, launchWeapp, until, type OpenedPage, type Weapp } from '../support/weapp/harness'

jest.setTimeout(30_000)

const HOUR = 60 * 60 * 1000

let backend: EmbeddedBackend
let weapp: Weapp
let page: OpenedPage | undefined

const CONTACT = { name: '王经理', phone: '13812345678', wechat: 'qinghe_wang', qq: '778899' }

beforeAll(async () => {
  backend = await createEmbeddedBackend({ clock: testClock(Date.now()) })
  const now = Date.now()
  await backend.store.insert(Collections.listings, {
    _id: 'story-0001',
    category: 'agency',
    title: '净水设备华南区域代理招募',
    description: '厂家直供，提供样品与售后支持。',
    province: '广东省',
    city: '深圳',
    company: '深圳青禾商贸有限公司',
    brand: '青禾',
    images: [],
    contact: { ...CONTACT, public: { phone: true, wechat: true, qq: true } },
    posterId: 'poster-1',
    status: 'published',
    createdAt: now - 3 * HOUR,
    updatedAt: now - 3 * HOUR,
    publishedAt: now - 3 * HOUR,
    expiresAt: now + 1000 * HOUR,
    viewCount: 42,
  })
  weapp = launchWeapp(backend)
})

afterEach(() => {
  page?.close()
  page = undefined
})

afterAll(async () => {
  await backend.dispose()
})

describe('the compiled WeChat detail page', () => {
  it('a visitor opening a shared card sees the title and a masked phone, never the full one', async () => {
    page = weapp.openPage('pages/detail/index', { id: 'story-0001' })
    await agreeToPolicies(page)
    const opened = page

    await until(() => opened.one('detail-page__title')?.textContent === '净水设备华南区域代理招募', 'the title')

    expect(opened.one('detail-page__phone')?.textContent).toBe('138****5678')
    expect(opened.one('detail-page__time')?.textContent).toBe('3 小时前发布')
    const shown = opened.root.textContent ?? ''
    for (const secret of [CONTACT.phone, CONTACT.wechat, CONTACT.qq]) expect(shown).not.toContain(secret)
  })

  it('sharing the listing gives a card path with its id, and no phone, WeChat or QQ anywhere in the payload', async () => {
    page = weapp.openPage('pages/detail/index', { id: 'story-0001' })
    await agreeToPolicies(page)
    const opened = page
    await until(() => opened.one('detail-page__title'), 'the detail')

    const card = opened.instance.onShareAppMessage?.({ from: 'menu' })
    const timeline = opened.instance.onShareTimeline?.()

    expect(card).toEqual({ title: '净水设备华南区域代理招募', path: '/pages/detail/index?id=story-0001' })
    expect(timeline).toEqual({ title: '净水设备华南区域代理招募', query: 'id=story-0001' })
    const payload = JSON.stringify([card, timeline])
    for (const secret of [CONTACT.phone, '138****5678', CONTACT.wechat, CONTACT.qq, CONTACT.name]) {
      expect(payload).not.toContain(secret)
    }
  })

  it('a shared card whose listing is gone says 该信息不存在或已下架', async () => {
    page = weapp.openPage('pages/detail/index', { id: 'gone-0001' })
    await agreeToPolicies(page)
    const opened = page

    await until(() => (opened.root.textContent ?? '').includes('该信息不存在或已下架'), 'the not-found state')
  })
})
