import { act, cleanup, configure, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Collections } from '@shared/collections'
import { NOTICE_KINDS } from '@shared/contracts'
import { runJob } from '@shared/core/job'
import { notify } from '@shared/domain/notices'
import { expiryRemindersJob } from '@shared/jobs/expiry-reminders'
import type { Notifier } from '@shared/ports/notifier'
import FeedPage from '@/pages/index/index'
import MessagesPage from '@/pages/messages/index'
import MineTabPage from '@/pages/mine/index'
import PublishTabPage from '@/pages/publish/index'
import NoticeSettingsPage from '@/packages/account/pages/notice-settings/index'
import { Routes } from '@/routes'
import { recordPolicyChoice } from '@/features/consent/consent-store'
import { sessionStore } from '@/services/session'
import { member, type Member } from '../../support/member'
import { sentActions, sessionOnDevice } from '../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../support/web/network'
import { firePageEvent } from '../../support/web/page'
import { tap } from '../../support/web/input'

const OWNER = '13500135201'
const OTHER = '13500135202'
const ADMIN = '13500135203'
const DAY = 24 * 60 * 60 * 1000
const INCIDENT = {
  happened: '12 月 1 日发现一台备份服务器的访问日志被未授权读取',
  data: '部分用户的昵称和登录时间',
  impact: '可能收到冒充平台的推销电话',
  measures: '已关闭该服务器的外部访问并更换全部密钥',
  advice: '请留意以质能视界名义索要验证码的电话',
  contact: '发送邮件至 privacy@zhineng-demo.example',
}

// Each story chains several round trips through the real handlers on a loaded 2-core machine.
configure({ asyncUtilTimeout: 4000 })

let network: FakeNetwork
let badge: jest.SpyInstance
let noBadge: jest.SpyInstance

async function setUp(opts: { notifier?: Notifier } = {}) {
  network = await installFakeNetwork(opts)
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined)
  // Taro's H5 tab bar is not drawn under jsdom: what the page asks of it is the badge.
  badge = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'setTabBarBadge:ok' })
  noBadge = jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'removeTabBarBadge:ok' })
}

afterEach(async () => {
  cleanup()
  jest.restoreAllMocks()
  await network.restore()
})

/** `m`'s session on this device, as if they had logged in here (agreed, age confirmed). */
function onDevice<M extends Member>(m: M): M {
  return sessionOnDevice(network, m)
}

const one = (selector: string) => document.querySelector(selector)
const all = (selector: string) => Array.from(document.querySelectorAll(selector))
const texts = (selector: string) => all(selector).map((e) => e.textContent)
/** The text of the badge last put on 消息 (null: removed), as the tab bar would show it. */
function lastBadge(): string | null {
  const calls = [
    ...badge.mock.calls.map((c, i) => ({ at: badge.mock.invocationCallOrder[i], text: String(c[0].text) })),
    ...noBadge.mock.calls.map((_, i) => ({ at: noBadge.mock.invocationCallOrder[i], text: null })),
  ].sort((a, b) => a.at - b.at)
  return calls.length > 0 ? calls[calls.length - 1].text : null
}

/** Another member commenting on the owner's listing (one login: a phone gets one code a minute). */
async function commenter() {
  const other = await member(network.backend, OTHER, 'interactions')
  return (listingId: string, content: string) => other.ok('postComment', { listingId, content })
}

describe('消息', () => {
  beforeEach(() => setUp())

  it('a guest is asked to log in, and nothing is requested for them', async () => {
    recordPolicyChoice('agree')
    render(<MessagesPage />)
    await waitFor(() => expect(screen.getByText('登录后查看消息')).toBeTruthy())
    await network.idle()
    expect(sentActions(network, 'notices')).toEqual([])
  })

  it('notices are listed newest first with the unread ones marked; the badge shows the unread count; opening one marks it read, and 全部已读 the rest', async () => {
    const owner = await member(network.backend, OWNER, 'notices')
    // Three listings, one comment on each, a second apart: the notices name the owner's own titles.
    const first = await owner.publish({ title: '净水设备华东区域代理' })
    const second = await owner.publish({ title: '净水设备华中区域代理' })
    const listing = await owner.publish({ title: '净水设备华南区域代理' })
    const comment = await commenter()
    await comment(first.id, '请问成都还有名额吗？')
    network.backend.clock.advance(1000)
    await comment(second.id, '样品怎么申请？')
    network.backend.clock.advance(1000)
    await comment(listing.id, '可以寄样吗？')
    onDevice(owner)
    render(<MessagesPage />)

    await waitFor(() => expect(all('.notice-card--unread')).toHaveLength(3))
    expect(texts('.notice-card__body')).toEqual([
      expect.stringContaining('华南'),
      expect.stringContaining('华中'),
      expect.stringContaining('华东'),
    ])
    await waitFor(() => expect(lastBadge()).toBe('3'))
    expect(badge).toHaveBeenLastCalledWith({ index: 2, text: '3' })
    expect(one('.messages-page__count')?.textContent).toBe('3 条未读')

    // Opening the newest: its whole body and the way to the listing; read here, on the badge and on the server.
    await tap(all('.notice-card__head')[0])
    await waitFor(() => expect(all('.notice-card--unread')).toHaveLength(2))
    expect(sentActions(network, 'notices', 'markRead').map((r) => r.body.payload)).toEqual([
      { ids: [expect.any(String)] },
    ])
    expect(one('.notice-card--open .notice-card__link--listing')?.textContent).toContain('查看评论')
    await tap(one('.notice-card--open .notice-card__link--listing'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.detail}?id=${listing.id}` })
    await waitFor(() => expect(lastBadge()).toBe('2'))
    expect(await owner.ok('countUnread', {})).toEqual({ unread: 2 })

    await tap(one('.messages-page__read-all'))
    await waitFor(() => expect(all('.notice-card--unread')).toHaveLength(0))
    expect(sentActions(network, 'notices', 'markRead').map((r) => r.body.payload)).toContainEqual({ all: true })
    expect(lastBadge()).toBeNull()
    expect(one('.messages-page__count')?.textContent).toBe('没有未读消息')
    expect(await owner.ok('countUnread', {})).toEqual({ unread: 0 })
  })

  it('the list loads more at the bottom; pull-down reads the list and the count again', async () => {
    const owner = await member(network.backend, OWNER, 'notices')
    for (let i = 1; i <= 25; i++) {
      network.backend.clock.advance(1000)
      await notify(network.backend.deps, owner.userId, { kind: 'announcement', title: `公告 ${i}`, body: `第 ${i} 条` })
    }
    onDevice(owner)
    render(<MessagesPage />)
    await waitFor(() => expect(all('.notice-card')).toHaveLength(20))
    expect(texts('.notice-card__title').slice(0, 2)).toEqual(['公告 25', '公告 24'])
    expect(one('.messages-page__footer')?.textContent).toBe('加载更多')

    await act(async () => {
      firePageEvent('onReachBottom')
    })
    await waitFor(() => expect(all('.notice-card')).toHaveLength(25))
    expect(texts('.notice-card__title').at(-1)).toBe('公告 1')
    expect(one('.messages-page__footer')?.textContent).toBe('没有更多了')

    network.backend.clock.advance(1000)
    await notify(network.backend.deps, owner.userId, { kind: 'announcement', title: '公告 26', body: '新的一条' })
    const lists = sentActions(network, 'notices', 'listNotices').length
    const counts = sentActions(network, 'notices', 'countUnread').length
    await act(async () => {
      await Promise.all(firePageEvent('onPullDownRefresh'))
    })
    expect(sentActions(network, 'notices', 'listNotices').length).toBe(lists + 1)
    expect(sentActions(network, 'notices', 'countUnread').length).toBe(counts + 1)
    expect(texts('.notice-card__title')[0]).toBe('公告 26')
    expect(lastBadge()).toBe('26')
    expect(Taro.stopPullDownRefresh).toHaveBeenCalled()
  })

  it('an empty list says so; a failed load offers 重试', async () => {
    onDevice(await member(network.backend, OWNER, 'notices'))
    network.offline = true
    render(<MessagesPage />)
    await waitFor(() => expect(one('.state-view--error')).not.toBeNull())
    network.offline = false
    await tap(screen.getByText('重试'))
    await waitFor(() => expect(screen.getByText('暂无消息')).toBeTruthy())
  })

  it('an incident notice is shown above the list in a highlighted card until read; then it joins the list', async () => {
    const owner = await member(network.backend, OWNER, 'notices')
    await notify(network.backend.deps, owner.userId, { kind: 'announcement', title: '春节服务安排', body: '延长审核' })
    network.backend.clock.advance(1000)
    const admin = await member(network.backend, ADMIN, 'moderation')
    await network.backend.store.insert(Collections.moderatorRoles, { _id: admin.userId, role: 'admin', grantedAt: 0 })
    await admin.ok('publishNotice', {
      kind: 'incident',
      service: true,
      title: '安全事件告知',
      body: '我们发现了一起安全事件，以下是详情。',
      audience: { userIds: [owner.userId] },
      incident: INCIDENT,
    })
    onDevice(owner)
    render(<MessagesPage />)

    await waitFor(() => expect(texts('.messages-page__prominent .notice-card__title')).toEqual(['安全事件告知']))
    expect(one('.notice-card--prominent')?.getAttribute('data-kind')).toBe('incident')
    // Not repeated in the list below.
    expect(texts('.messages-page > .notice-card .notice-card__title')).toEqual(['春节服务安排'])

    await tap(one('.notice-card--prominent .notice-card__head'))
    await waitFor(() => expect(one('.messages-page__prominent')).toBeNull())
    expect(texts('.messages-page > .notice-card .notice-card__title')).toEqual(['安全事件告知', '春节服务安排'])
    for (const part of Object.values(INCIDENT))
      expect(one('.notice-card--open .notice-card__body')?.textContent).toContain(part)
    expect((await owner.ok('listNotices', {})).items[0]).toMatchObject({
      kind: 'incident',
      read: true,
      prominent: false,
    })
  })

  it('a reminder of a listing about to expire renews it in one tap, for the validity it was published with', async () => {
    const owner = await member(network.backend, OWNER, 'notices')
    const listing = await owner.publish({ title: '储能柜华东区域招代理', validityDays: 7 })
    network.backend.clock.advance(4 * DAY + 1000)
    await runJob(expiryRemindersJob, network.backend.deps, 'manual')
    onDevice(owner)
    render(<MessagesPage />)

    await waitFor(() => expect(one('.notice-card[data-kind="listingExpiring"]')).not.toBeNull())
    await tap(one('.notice-card__head'))
    await tap(await waitFor(() => one('.notice-card__renew') ?? Promise.reject(new Error('no 一键续期'))))
    await waitFor(() => expect(one('.notice-card__renewed')?.textContent).toMatch(/^已续期 7 天，有效期至 \d{4}年/))
    expect(sentActions(network, 'listings', 'renewListing').map((r) => r.body.payload)).toEqual([
      { listingId: listing.id, validityDays: 7 },
    ])
    expect(one('.notice-card__renew')).toBeNull()
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已续期', icon: 'success' })
    const renewed = await owner.on('listings').ok('getMyListing', { listingId: listing.id })
    expect(renewed.expiresAt).toBeGreaterThan(listing.expiresAt)
  })

  it('a moderator’s decision opens 处理记录 for that listing', async () => {
    const owner = await member(network.backend, OWNER, 'notices')
    const listing = await owner.publish({ title: '智能门锁招代理' })
    const moderator = await member(network.backend, ADMIN, 'moderation')
    await network.backend.store.insert(Collections.moderatorRoles, {
      _id: moderator.userId,
      role: 'moderator',
      grantedAt: 0,
    })
    await moderator.ok('decide', {
      target: { kind: 'listing', id: listing.id },
      decision: 'takeDown',
      ruleId: '1.1',
      note: '资质为虚构',
    })
    onDevice(owner)
    render(<MessagesPage />)
    await waitFor(() => expect(one('.notice-card[data-kind="moderationDecision"]')).not.toBeNull())
    await tap(one('.notice-card__head'))
    expect(one('.notice-card__rule')?.textContent).toBe('依据规则 1.1「虚假信息」')
    await tap(one('.notice-card__link--decisions'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `${Routes.myDecisions}?targetId=${listing.id}` })
  })
})

describe('the tab bar’s other pages', () => {
  beforeEach(() => setUp())

  it('the feed, 发布 and 我的 put the unread count on 消息 when shown; a guest’s badge is removed', async () => {
    const owner = await member(network.backend, OWNER, 'notices')
    await notify(network.backend.deps, owner.userId, { kind: 'announcement', title: '公告', body: '正文' })
    onDevice(owner)
    for (const Page of [FeedPage, PublishTabPage, MineTabPage]) {
      badge.mockClear()
      const counted = sentActions(network, 'notices', 'countUnread').length
      const { unmount } = render(<Page />)
      await waitFor(() => expect(badge).toHaveBeenCalledWith({ index: 2, text: '1' }))
      // Shown again (back from another page): asked again.
      await act(async () => {
        firePageEvent('componentDidShow')
      })
      await network.idle()
      expect(sentActions(network, 'notices', 'countUnread').length).toBeGreaterThanOrEqual(counted + 2)
      unmount()
    }
    expect(one('.feed-page__publish')).toBeNull()

    sessionStore.clear()
    noBadge.mockClear()
    render(<MineTabPage />)
    await waitFor(() => expect(noBadge).toHaveBeenCalledWith({ index: 2 }))
    expect(screen.getByText('登录后查看和管理你的资料')).toBeTruthy()
  })

  it('发布 opens the publish flow after logging in; 我的 links to 个人资料 and 消息设置', async () => {
    onDevice(await member(network.backend, OWNER, 'notices'))
    render(<PublishTabPage />)
    await tap(one('.publish-tab__start'))
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: Routes.publish }))
    cleanup()
    render(<MineTabPage />)
    await tap(one('.mine-tab__identity'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: Routes.profile })
    await tap(one('.mine-tab__link--notice-settings'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: Routes.noticeSettings })
  })
})

describe('消息设置', () => {
  // Templates configured (as WECHAT_SUBSCRIBE_TEMPLATES would): the H5 page still offers no WeChat button.
  const templates: Notifier = {
    templateFor: (kind) => (kind === 'comment' || kind === 'moderationDecision' ? `tmpl-${kind}` : null),
    send: async () => {},
  }
  beforeEach(() => setUp({ notifier: templates }))

  it('each kind has a switch; a service kind is on and locked with its reason; turning 评论 off is saved and kept', async () => {
    const owner = onDevice(await member(network.backend, OWNER, 'notices'))
    render(<NoticeSettingsPage />)

    await waitFor(() => expect(all('.notice-kind')).toHaveLength(NOTICE_KINDS.length))
    const locked = one('.notice-kind--incident')
    expect(locked?.querySelector('.notice-kind__reason')?.textContent).toContain('《个人信息保护法》第五十七条')
    const lockedSwitch = locked?.querySelector('[role="switch"]')
    expect(lockedSwitch?.getAttribute('aria-checked')).toBe('true')
    expect(lockedSwitch?.getAttribute('aria-disabled')).toBe('true')
    await tap(lockedSwitch)
    expect(sentActions(network, 'notices', 'setPreferences')).toEqual([])

    const commentSwitch = () => one('.notice-kind--comment [role="switch"]')
    expect(one('.notice-kind--comment .notice-kind__reason')).toBeNull()
    await tap(commentSwitch())
    await waitFor(() => expect(commentSwitch()?.getAttribute('aria-checked')).toBe('false'))
    expect(sentActions(network, 'notices', 'setPreferences').map((r) => r.body.payload)).toEqual([
      { kind: 'comment', enabled: false },
    ])
    expect((await owner.ok('getPreferences', {})).find((p) => p.kind === 'comment')).toMatchObject({ enabled: false })

    // No subscription messages outside WeChat, whatever the server offers.
    expect(one('.notice-kind__subscribe')).toBeNull()
  })
})
