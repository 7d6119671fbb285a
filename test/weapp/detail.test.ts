/**
 * @jest-environment jsdom
 */
import { Collections } from '@shared/collections'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../support/embedded'
import {
  agreeToPolicies,
  launchWeapp,
  tap,
  TEST_OPENID,
  trigger,
  until,
  type OpenedPage,
  type Weapp,
} from '../support/weapp/harness'

jest.setTimeout(30_000)

const HOUR = 60 * 60 * 1000
const MEMBER_PHONE = '13900139111'

let backend: EmbeddedBackend
let weapp: Weapp
let page: OpenedPage | undefined

const CONTACT = { name: '王经理', phone: '13812345678', wechat: 'qinghe_wang', qq: '778899' }
const SECRETS = [CONTACT.phone, '138****5678', CONTACT.wechat, CONTACT.qq, CONTACT.name]

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
    contact: { ...CONTACT, public: { name: true, phone: true, wechat: true, qq: true } },
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

async function openDetail(): Promise<OpenedPage> {
  const opened = weapp.openPage('pages/detail/index', { id: 'story-0001' })
  page = opened
  await agreeToPolicies(opened)
  await until(() => opened.one('detail-page__title')?.textContent === '净水设备华南区域代理招募', 'the title')
  return opened
}

/** 查看联系方式 → the age confirmation → WeChat's phone button → logged in → the contact is revealed. */
async function revealAfterWechatLogin(opened: OpenedPage): Promise<void> {
  tap(await until(() => opened.one('contact-card__reveal'), 'the 查看联系方式 button'))
  tap(await until(() => opened.one('age-gate__choice--adult'), 'the age confirmation'))
  const phoneButton = await until(() => opened.one('phone-login__primary'), 'the getPhoneNumber button')
  trigger(phoneButton, 'getphonenumber', {
    code: backend.wechat.phoneCode(MEMBER_PHONE, TEST_OPENID),
    errMsg: 'getPhoneNumber:ok',
  })
  await until(() => opened.one('contact-card__phone')?.textContent === CONTACT.phone, 'the revealed phone')
}

const callsOf = (api: string) => weapp.calls.filter((c) => c.api === api).map((c) => c.options)

describe('the compiled WeChat detail page', () => {
  it('a visitor opening a shared card sees the title and a masked phone, never the full one', async () => {
    const opened = await openDetail()

    expect(opened.one('contact-card__phone')?.textContent).toBe('138****5678')
    // No address reached this story's listing: its IP属地 is 未知.
    expect(opened.one('detail-page__time')?.textContent).toBe('3 小时前发布 · IP属地：未知')
    const shown = opened.root.textContent ?? ''
    for (const secret of [CONTACT.phone, CONTACT.wechat, CONTACT.qq]) expect(shown).not.toContain(secret)
  })

  it('after a reveal, the contact buttons call wx.makePhoneCall, wx.setClipboardData and wx.addPhoneContact with the revealed values', async () => {
    const opened = await openDetail()
    await revealAfterWechatLogin(opened)
    expect(opened.one('contact-card__wechat')?.textContent).toBe(CONTACT.wechat)

    tap(opened.one('contact-card__call')!)
    tap(opened.one('contact-card__copy-wechat')!)
    tap(opened.one('contact-card__copy-qq')!)
    tap(opened.one('contact-card__save')!)

    await until(() => callsOf('addPhoneContact').length === 1, 'wx.addPhoneContact')
    expect(callsOf('makePhoneCall')).toEqual([{ phoneNumber: CONTACT.phone }])
    expect(callsOf('setClipboardData')).toEqual([{ data: CONTACT.wechat }, { data: CONTACT.qq }])
    expect(callsOf('addPhoneContact')).toEqual([
      expect.objectContaining({
        firstName: CONTACT.name,
        mobilePhoneNumber: CONTACT.phone,
        weChatNumber: CONTACT.wechat,
        organization: '深圳青禾商贸有限公司',
      }),
    ])
    // The reveal went through wx.cloud, logged for the poster.
    expect(weapp.cloudCalls.map((c) => (c.data as { action: string }).action)).toContain('revealContact')
  })

  it('the share card and the timeline card carry no contact field, also after a reveal', async () => {
    const opened = await openDetail()
    const before = [opened.instance.onShareAppMessage?.({ from: 'menu' }), opened.instance.onShareTimeline?.()]

    await revealAfterWechatLogin(opened)
    const card = opened.instance.onShareAppMessage?.({ from: 'button' })
    const timeline = opened.instance.onShareTimeline?.()

    expect([card, timeline]).toEqual(before)
    expect(card).toEqual({ title: '净水设备华南区域代理招募', path: '/pages/detail/index?id=story-0001' })
    expect(timeline).toEqual({ title: '净水设备华南区域代理招募', query: 'id=story-0001' })
    const payload = JSON.stringify([card, timeline])
    for (const secret of SECRETS) expect(payload).not.toContain(secret)
  })

  it('a refused address-book permission is explained and offers WeChat’s settings page', async () => {
    const opened = await openDetail()
    await revealAfterWechatLogin(opened)
    weapp.failWith('addPhoneContact', 'addPhoneContact:fail auth deny')

    tap(opened.one('contact-card__save')!)

    await until(() => callsOf('openSetting').length === 1, 'wx.openSetting')
    expect(callsOf('showModal')).toEqual([
      expect.objectContaining({ title: '无法存入通讯录', confirmText: '去设置', showCancel: true }),
    ])
  })

  it('opened from 朋友圈 (single-page mode, scene 1154) the detail renders without login and hides what cannot work there', async () => {
    weapp.scene = 1154
    const opened = await openDetail()

    expect(opened.one('contact-card__phone')?.textContent).toBe('138****5678')
    expect(opened.one('contact-card__reveal')).toBeNull()
    expect(opened.one('detail-page__actions')).toBeNull()
    expect(opened.one('comment-section__input')).toBeNull()
    expect(opened.root.textContent).toContain('前往小程序')
    expect(weapp.cloudCalls.map((c) => (c.data as { action: string }).action)).not.toContain('getListingInteractions')
  })

  it('a shared card whose listing is gone says 该信息不存在或已下架', async () => {
    page = weapp.openPage('pages/detail/index', { id: 'gone-0001' })
    await agreeToPolicies(page)
    const opened = page

    await until(() => (opened.root.textContent ?? '').includes('该信息不存在或已下架'), 'the not-found state')
  })
})
