import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Collections } from '@shared/collections'
import type { Session } from '@shared/contracts'
import type { StoredDocument } from '@shared/ports/document-store'
import { BROWSE_HISTORY_KEY } from '@/features/history'
import DetailPage from '@/pages/detail/index'
import { agree, renderAfterConsent } from '../../support/web/consent'
import { tap, typeInto } from '../../support/web/input'
import { logInOnDevice, sentActions } from '../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../support/web/network'
import { firePageEvent, openRoute } from '../../support/web/page'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const VIEWER_PHONE = '13700137000'
const SECRETS = ['13812345678', 'qinghe_wang', '123456']

// These stories chain several round trips through the real handlers; on a loaded 2-core CI machine one
// step can take longer than the default second.
configure({ asyncUtilTimeout: 4000 })

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork()
  jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'previewImage').mockResolvedValue({ errMsg: 'previewImage:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

afterEach(async () => {
  jest.restoreAllMocks()
  await network.restore()
})

/** A listing posted three hours ago by a poster who agreed to publish the name, phone and WeChat, not QQ. */
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
      public: { name: true, phone: true, wechat: true, qq: false },
    },
    posterId: 'poster-1',
    ipRegion: '广东',
    status: 'published',
    createdAt: now - 3 * HOUR - 10 * 60_000,
    updatedAt: now - 3 * HOUR,
    publishedAt: now - 3 * HOUR - 60_000,
    expiresAt: now + 90 * DAY,
    viewCount: 12_345,
    ...overrides,
  })
}

function text(selector: string): string | null | undefined {
  return document.querySelector(selector)?.textContent
}

/** A member (already logged in on this device) opens the listing; no consent dialog for them. */
async function openAsMember(id: string): Promise<Session> {
  const session = await logInOnDevice(network, VIEWER_PHONE)
  openRoute('/pages/detail/index', { id })
  render(<DetailPage />)
  await screen.findByText('净水设备华南区域代理招募')
  return session
}

async function revealContact(): Promise<void> {
  await tap(await screen.findByText('查看联系方式'))
  await waitFor(() => expect(text('.contact-card__phone')).toBe('13812345678'))
}

describe('the listing detail', () => {
  it('a visitor opening a listing sees its fields, the time in words and a masked phone — never the full one', async () => {
    const id = await postListing()
    openRoute('/pages/detail/index', { id })
    const { container } = await renderAfterConsent(<DetailPage />)

    expect(await screen.findByText('净水设备华南区域代理招募')).toBeTruthy()
    expect(text('.detail-page__chip')).toBe('代理加盟')
    expect(screen.getByText('广东 · 深圳')).toBeTruthy()
    expect(screen.getByText('深圳青禾商贸有限公司')).toBeTruthy()
    expect(screen.getByText('青禾')).toBeTruthy()
    expect(text('.detail-page__time')).toBe('3 小时前发布 · IP属地：广东')
    expect(text('.detail-page__views')).toMatch(/^1\.2万 次浏览$/)
    expect(text('.detail-page__description')).toContain('希望代理商有本地渠道资源。')
    expect(text('.contact-card__name')).toBe('王经理')
    expect(text('.contact-card__phone')).toBe('138****5678')
    // WeChat was published (shown as hidden until revealed), QQ was not published at all.
    expect(screen.getByText('微信')).toBeTruthy()
    expect(screen.queryByText('QQ')).toBeNull()
    for (const secret of SECRETS) expect(container.textContent ?? '').not.toContain(secret)
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

  it('opening a listing records it in the browse history on this device, with no contact detail', async () => {
    const id = await postListing()
    openRoute('/pages/detail/index', { id })
    await renderAfterConsent(<DetailPage />)
    await screen.findByText('净水设备华南区域代理招募')

    const stored = String(Taro.getStorageSync(BROWSE_HISTORY_KEY))
    expect(JSON.parse(stored)).toEqual([expect.objectContaining({ id, title: '净水设备华南区域代理招募' })])
    for (const secret of [...SECRETS, '王经理']) expect(stored).not.toContain(secret)
  })

  it('a guest tapping 查看联系方式 is asked to log in (with a reason), and after the SMS login the contact shows', async () => {
    const id = await postListing()
    openRoute('/pages/detail/index', { id })
    await renderAfterConsent(<DetailPage />)
    await screen.findByText('净水设备华南区域代理招募')

    await tap(screen.getByText('查看联系方式'))
    await tap(await screen.findByText('我已年满 14 周岁'))
    expect(text('.login-sheet__reason')).toContain('查看联系方式需要先登录')
    expect(sentActions(network, 'interactions', 'revealContact')).toHaveLength(0)
    await typeInto('sms-login__phone', VIEWER_PHONE)
    await tap(screen.getByText('获取验证码'))
    await typeInto('sms-login__code', network.backend.outbox.lastCodeFor(VIEWER_PHONE)!)
    await tap(screen.getByText('登录', { selector: '.sms-login__submit' }))

    await waitFor(() => expect(text('.contact-card__phone')).toBe('13812345678'))
    expect(text('.contact-card__wechat')).toBe('qinghe_wang')
    expect(sentActions(network, 'interactions', 'revealContact')).toHaveLength(1)
    // The poster's log has the reveal.
    const log = await network.backend.store.find<StoredDocument>(Collections.contactReveals, {
      where: { listingId: id },
      orderBy: [{ field: 'at', direction: 'desc' }],
      limit: 10,
    })
    expect(log.items).toHaveLength(1)
  })

  it('after a reveal, 拨打电话 and 复制微信号 hand the revealed values to the platform; 存入通讯录 is not offered in a browser', async () => {
    const id = await postListing()
    const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
    const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok' } as never)
    await openAsMember(id)

    await revealContact()
    await tap(screen.getByText('拨打电话'))
    await tap(screen.getByText('复制微信号'))

    expect(call).toHaveBeenCalledWith({ phoneNumber: '13812345678' })
    expect(copy).toHaveBeenCalledWith({ data: 'qinghe_wang' })
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '微信号已复制', icon: 'none' })
    expect(screen.queryByText('存入通讯录')).toBeNull()
    expect(text('.contact-card__note')).toMatch(/今日还可查看 \d+ 条/)
  })

  it('a refused clipboard is explained, and the page carries on', async () => {
    const id = await postListing()
    jest.spyOn(Taro, 'setClipboardData').mockRejectedValue({ errMsg: 'setClipboardData:fail auth deny' } as never)
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'ok' })
    await openAsMember(id)
    await revealContact()

    await tap(screen.getByText('复制微信号'))

    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '无法复制微信号' }))
    expect(text('.contact-card__wechat')).toBe('qinghe_wang')
  })

  it('sharing sends the title, the path with the id and the cover — no contact detail, also after a reveal', async () => {
    const id = await postListing()
    await openAsMember(id)

    const before = [firePageEvent('onShareAppMessage', { from: 'menu' })[0], firePageEvent('onShareTimeline')[0]]
    await revealContact()
    const after = [firePageEvent('onShareAppMessage', { from: 'menu' })[0], firePageEvent('onShareTimeline')[0]]

    const card = { title: '净水设备华南区域代理招募', imageUrl: 'https://img.example.com/a.jpg' }
    expect(after).toEqual(before)
    expect(after[0]).toEqual({ ...card, path: `/pages/detail/index?id=${id}` })
    expect(after[1]).toEqual({ ...card, query: `id=${id}` })
    const shared = JSON.stringify(after)
    for (const secret of [...SECRETS, '138****5678', '王经理']) expect(shared).not.toContain(secret)
  })

  it('在浏览器里「分享」 copies the link to the detail when there is no system share sheet', async () => {
    const id = await postListing()
    const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok' } as never)
    await openAsMember(id)

    await tap(screen.getByText('分享'))

    expect(copy).toHaveBeenCalledWith({ data: expect.stringMatching(new RegExp(`#/pages/detail/index\\?id=${id}$`)) })
    expect(JSON.stringify(copy.mock.calls)).not.toContain('13812345678')
  })

  it('reporting: a reason, a note, 提交举报 — then 已提交, and the report is stored for the moderators', async () => {
    const id = await postListing()
    await openAsMember(id)

    await tap(screen.getByText('举报'))
    // While nothing is sent the way out is 取消.
    expect(document.querySelector('.report-sheet .bottom-sheet__cancel')?.textContent).toBe('取消')
    // 其他 needs a note: the contract's message, under the note, nothing sent.
    const reason = (name: string) =>
      Array.from(document.querySelectorAll('.report-sheet__reason')).find((el) => el.textContent === name)
    await tap(reason('其他'))
    await tap(screen.getByText('提交举报'))
    expect(text('.report-sheet__error')).toBe('选择「其他」时请填写举报说明')
    expect(sentActions(network, 'interactions', 'reportListing')).toHaveLength(0)

    await tap(reason('虚假信息'))
    await tap(screen.getByText('提交举报'))

    await waitFor(() => expect(text('.report-sheet__status')).toBe('已提交'))
    const reports = await network.backend.store.find<StoredDocument>(Collections.reports, {
      orderBy: [{ field: 'createdAt', direction: 'desc' }],
      limit: 10,
    })
    expect(reports.items).toEqual([expect.objectContaining({ reason: '虚假信息' })])
    // Once it is sent the only way out reads 完成 — nothing offers to 取消 (withdraw) the report.
    expect(text('.report-sheet .bottom-sheet__cancel')).toBe('完成')
    expect(document.querySelector('.report-sheet__submit')).toBeNull()
    expect(screen.queryByText('取消')).toBeNull()
    await tap(screen.getByText('完成'))
    expect(document.querySelector('.report-sheet')).toBeNull()
    expect(text('.detail-page__reported')).toBe('已提交')
  })

  it('收藏 favourites the listing for the member on the server; tapping again removes it', async () => {
    const id = await postListing()
    const member = await openAsMember(id)

    await tap(await screen.findByText('收藏'))
    await waitFor(() => expect(text('.detail-page__favourite')).toBe('已收藏'))
    const favourites = async () => {
      const res = await network.backend.callHttp(
        'interactions',
        { action: 'listFavourites', payload: {} },
        { authorization: `Bearer ${member.token}` },
      )
      return (JSON.parse(res.body).data.items as Array<{ listingId: string }>).map((f) => f.listingId)
    }
    expect(await favourites()).toEqual([id])

    await tap(screen.getByText('已收藏'))
    await waitFor(() => expect(text('.detail-page__favourite')).toBe('收藏'))
    expect(await favourites()).toEqual([])
  })

  it('comments: a member posts one, it shows first, and they delete it after confirming', async () => {
    const id = await postListing()
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
    await openAsMember(id)
    await waitFor(() => expect(screen.getByText('还没有评论')).toBeTruthy())

    // Taro's Textarea is a web component that renders its inner <textarea> a tick later: wait for it.
    const input = await waitFor(() => {
      const found = document.querySelector('.comment-section__input textarea')
      if (!found) throw new Error('the comment box has not rendered its textarea yet')
      return found
    })
    fireEvent.input(input, { target: { value: '请问华南区域还有名额吗？' } })
    await tap(screen.getByText('发表'))

    await waitFor(() => expect(text('.comment-section__content')).toBe('请问华南区域还有名额吗？'))
    await tap(screen.getByText('删除'))
    await waitFor(() => expect(screen.getByText('还没有评论')).toBeTruthy())
    const left = await network.backend.store.find<StoredDocument>(Collections.comments, {
      where: { listingId: id },
      orderBy: [{ field: 'createdAt', direction: 'desc' }],
      limit: 10,
    })
    expect(left.items.filter((c) => !(c as { deletedAt?: number }).deletedAt)).toHaveLength(0)
  })

  it('comments are paginated: 查看更多评论 loads the next page', async () => {
    const id = await postListing()
    const other = await logInOnDevice(network, '13600136000')
    for (let i = 1; i <= 12; i++) {
      const res = await network.backend.callHttp(
        'interactions',
        { action: 'postComment', payload: { listingId: id, content: `第 ${i} 条评论` } },
        { authorization: `Bearer ${other.token}` },
      )
      expect(JSON.parse(res.body).ok).toBe(true)
    }
    openRoute('/pages/detail/index', { id })
    render(<DetailPage />)

    await waitFor(() => expect(document.querySelectorAll('.comment-section__item')).toHaveLength(10))
    await tap(screen.getByText('查看更多评论'))
    await waitFor(() => expect(document.querySelectorAll('.comment-section__item')).toHaveLength(12))
    expect(screen.queryByText('查看更多评论')).toBeNull()
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
    expect(network.sent.filter((r) => r.functionName === 'listings')).toHaveLength(0)
  })

  it('opened from the feed, the not-found button simply goes back', async () => {
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as ReturnType<typeof Taro.getCurrentPages>)
    openRoute('/pages/detail/index', { id: 'gone-0002' })
    render(<DetailPage />)
    await agree()

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
