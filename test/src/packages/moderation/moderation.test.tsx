import { act, cleanup, configure, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Collections } from '@shared/collections'
import { ESCALATION_HOURS } from '@shared/contracts'
import PublicPenaltiesPage from '@/packages/account/pages/penalties/index'
import MyDecisionsPage from '@/packages/mine/pages/decisions/index'
import MyListingsPage from '@/packages/mine/pages/listings/index'
import MyReportsPage from '@/packages/mine/pages/reports/index'
import MineTabPage from '@/pages/mine/index'
import AuditLogPage from '@/packages/moderation/pages/audit-log/index'
import ModerationQueuePage from '@/packages/moderation/pages/queue/index'
import { caller, member, type Member } from '../../../support/member'
import { tap, typeIntoTextarea } from '../../../support/web/input'
import { recordPolicyChoice } from '@/features/consent/consent-store'
import { sessionStore } from '@/services/session'
import { sentActions, sessionOnDevice } from '../../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../../support/web/network'
import { firePageEvent, openRoute } from '../../../support/web/page'

const MODERATOR = '13500135101'
const SECOND_MODERATOR = '13500135102'
const POSTER = '13500135103'
const HELD_TITLE = '稳赚不赔的净水加盟项目'

// Each story chains several round trips through the real handlers on a loaded 2-core machine.
configure({ asyncUtilTimeout: 4000 })

let network: FakeNetwork
let modal: jest.SpyInstance

beforeEach(async () => {
  network = await installFakeNetwork()
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined)
  modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
  // The demo seed holds a few listings for review of its own: the queues here hold only each story's.
  await network.backend.store.deleteWhere(Collections.listings, { status: 'pending' }, 1000)
})

afterEach(async () => {
  jest.restoreAllMocks()
  await network.restore()
})

async function grant(userId: string, role: 'moderator' | 'admin' = 'moderator'): Promise<void> {
  await network.backend.store.insert(Collections.moderatorRoles, { _id: userId, role, grantedAt: Date.now() })
}

/**
 * `m`'s session on this device, as if they had logged in here (agreed, age confirmed). Sessions come
 * from the API: the login UI has its own stories, and one phone cannot ask for two codes in a minute.
 */
function onDevice<M extends Member>(m: M): M {
  return sessionOnDevice(network, m)
}

const one = (selector: string) => document.querySelector(selector)
const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent)
/** The answers the server gave to the page's calls of one action (their wire codes). */
const decideCalls = () => sentActions(network, 'moderation', 'decide')

/** A moderator on this device; the poster (another member) has a listing the local rules held. */
async function heldListingAndModerator(): Promise<{ poster: Member<'moderation'>; listingId: string }> {
  const poster = await member(network.backend, POSTER, 'moderation')
  const held = await poster.publish({ title: HELD_TITLE })
  expect(held.status).toBe('pending')
  const moderator = onDevice(await member(network.backend, MODERATOR, 'moderation'))
  await grant(moderator.userId)
  return { poster, listingId: held.id }
}

describe('审核台', () => {
  it('a moderator sees the held listing with the poster’s history; 不通过 needs a rule and the facts, is confirmed, and the queue is read again', async () => {
    const { poster, listingId } = await heldListingAndModerator()
    render(<ModerationQueuePage />)

    await waitFor(() => expect(texts('.queue-item__title')).toEqual([HELD_TITLE]))
    expect(one('.queue-item__state')?.textContent).toBe('审核中')
    expect(one('.queue-item__held')?.textContent).toContain('系统暂缓原因')
    expect(one('.queue-item__history')?.textContent).toBe('过往处理 0 次 · 处罚 0 次 · 重复提交 0 次')
    expect(one('.queue-item__overdue')).toBeNull()

    await tap(one('.queue-item__claim'))
    await waitFor(() => expect(one('.queue-item__claimed')?.textContent).toBe('已由你认领'))

    // Without a rule and a note nothing is sent, and nothing is asked to confirm.
    await tap(one('.queue-item__decide--reject'))
    await tap(one('.moderation-sheet__submit'))
    expect(one('.moderation-sheet__error')?.textContent).toBe('下架、不通过和删除评论须引用一条平台规则')
    await waitFor(() => expect(one('.moderation-sheet__rule[data-rule="3.2"]')).not.toBeNull())
    await tap(one('.moderation-sheet__rule[data-rule="3.2"]'))
    await tap(one('.moderation-sheet__submit'))
    expect(one('.moderation-sheet__error')?.textContent).toBe('请写明处理所依据的事实')
    expect(decideCalls()).toHaveLength(0)
    expect(modal).not.toHaveBeenCalled()

    // Declining the confirmation sends nothing either.
    await typeIntoTextarea('moderation-sheet__note', '标题承诺“稳赚不赔”，属于保本收益承诺')
    modal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'ok' })
    await tap(one('.moderation-sheet__submit'))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '确认审核不通过' }))
    expect(decideCalls()).toHaveLength(0)

    const queueReads = sentActions(network, 'moderation', 'listQueue').length
    await tap(one('.moderation-sheet__submit'))
    await waitFor(() => expect(screen.getByText('没有待审核的信息')).toBeTruthy())
    expect(decideCalls().map((r) => r.body.payload)).toEqual([
      {
        target: { kind: 'listing', id: listingId },
        decision: 'reject',
        ruleId: '3.2',
        note: '标题承诺“稳赚不赔”，属于保本收益承诺',
      },
    ])
    expect(sentActions(network, 'moderation', 'listQueue').length).toBeGreaterThan(queueReads)
    const [decision] = (await poster.ok('listMyDecisions', {})).items
    expect(decision).toMatchObject({ decision: 'reject', ruleId: '3.2', decidedBy: 'person' })
  })

  it('an item waiting longer than 48 hours is flagged 「已超 48 小时」; pull-to-refresh reads the queue again', async () => {
    await heldListingAndModerator()
    network.backend.clock.advance((ESCALATION_HOURS + 1) * 60 * 60 * 1000)
    render(<ModerationQueuePage />)

    await waitFor(() => expect(one('.queue-item__overdue')?.textContent).toBe('已超 48 小时'))
    expect(one('.queue-item--overdue')).not.toBeNull()

    const reads = sentActions(network, 'moderation', 'listQueue').length
    await act(async () => {
      await Promise.all(firePageEvent('onPullDownRefresh'))
    })
    expect(sentActions(network, 'moderation', 'listQueue').length).toBe(reads + 1)
    expect(Taro.stopPullDownRefresh).toHaveBeenCalled()
  })

  it('a member without a role opening the page by its URL is refused by the server and told 「你没有审核权限」', async () => {
    onDevice(await member(network.backend, POSTER, 'moderation'))
    render(<ModerationQueuePage />)

    await waitFor(() => expect(screen.getByText('你没有审核权限')).toBeTruthy())
    await network.idle()
    const [request] = sentActions(network, 'moderation', 'listQueue')
    const answer = await network.backend.callHttp('moderation', request.body, request.headers)
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })
    expect(one('.queue-item')).toBeNull()
    expect(screen.queryByText('重试')).toBeNull()
  })

  it('the moderator who decided cannot decide the appeal (disabled, with why); a second moderator grants it and the listing is public', async () => {
    const poster = await member(network.backend, POSTER, 'moderation')
    const first = await member(network.backend, MODERATOR, 'moderation')
    await grant(first.userId)
    const held = await poster.publish({ title: HELD_TITLE })
    const decision = await first.ok('decide', {
      target: { kind: 'listing', id: held.id },
      decision: 'reject',
      ruleId: '3.2',
      note: '收益承诺',
    })
    await poster.ok('appeal', { decisionId: decision.id, text: '这是保底协议，不是承诺收益' })

    // The first moderator, on this device.
    onDevice(first)
    render(<ModerationQueuePage />)
    await tap(one('.moderation-page__tab--appeals'))
    await waitFor(() =>
      expect(one('.queue-item__appeal-text')?.textContent).toBe('申诉理由：这是保底协议，不是承诺收益'),
    )
    expect(one('.queue-item__own-decision')?.textContent).toBe('这是你作出的处理，申诉须由另一位审核员复核。')
    const actions = Array.from(document.querySelectorAll('.queue-item__action'))
    expect(actions.map((a) => [a.textContent, a.hasAttribute('disabled')])).toEqual([
      ['申诉成立', true],
      ['申诉不成立', true],
    ])
    cleanup()

    const second = onDevice(await member(network.backend, SECOND_MODERATOR, 'moderation'))
    await grant(second.userId)
    render(<ModerationQueuePage />)
    await tap(one('.moderation-page__tab--appeals'))
    await waitFor(() => expect(one('.queue-item__appeal--grant')).not.toBeNull())
    await tap(one('.queue-item__appeal--grant'))
    await tap(one('.moderation-sheet__submit'))
    expect(one('.moderation-sheet__error')?.textContent).toContain('申诉处理说明')
    await typeIntoTextarea('moderation-sheet__note', '合同条款属实')
    await tap(one('.moderation-sheet__submit'))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '确认申诉成立' }))
    await waitFor(() => expect(screen.getByText('没有待处理的申诉')).toBeTruthy())

    const listing = await network.backend.callHttp('listings', { action: 'getListing', payload: { id: held.id } })
    expect(JSON.parse(listing.body)).toMatchObject({ ok: true, data: { id: held.id } })
  })

  it('reports are grouped with their reasons and notes; 下架 is confirmed; a publishing ban is imposed from the same card', async () => {
    const poster = await member(network.backend, POSTER, 'moderation')
    const listing = await poster.publish({ title: '智能门锁招代理' })
    for (const [i, phone] of ['13500135201', '13500135202'].entries()) {
      const reporter = await member(network.backend, phone, 'interactions')
      await reporter.ok('reportListing', { listingId: listing.id, reason: '虚假信息', note: `资质是假的 ${i + 1}` })
    }
    const moderator = onDevice(await member(network.backend, MODERATOR, 'moderation'))
    await grant(moderator.userId)
    render(<ModerationQueuePage />)
    await tap(one('.moderation-page__tab--reports'))

    await waitFor(() => expect(one('.queue-item__reports')).not.toBeNull())
    const reports = one('.queue-item__reports')!.textContent
    expect(reports).toContain('举报 2 次 · 2 人')
    expect(reports).toContain('虚假信息 ×2')
    expect(reports).toContain('「资质是假的 1」')

    await tap(one('.queue-item__decide--takeDown'))
    await tap(one('.moderation-sheet__rule[data-rule="1.1"]'))
    await typeIntoTextarea('moderation-sheet__note', '虚构资质')
    await tap(one('.moderation-sheet__submit'))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '确认下架' }))
    await waitFor(() => expect(screen.getByText('没有待处理的举报')).toBeTruthy())

    // The poster's listing is in the 信息 tab no more; penalise from a new held one of theirs.
    await poster.publish({ title: HELD_TITLE })
    await tap(one('.moderation-page__tab--listings'))
    await waitFor(() => expect(one('.queue-item__penalize')).not.toBeNull())
    expect(one('.queue-item__history')?.textContent).toBe('过往处理 1 次 · 处罚 0 次 · 重复提交 0 次')
    await tap(one('.queue-item__penalize'))
    await tap(one('.moderation-sheet__rule[data-rule="1.1"]'))
    await typeIntoTextarea('moderation-sheet__note', '多次发布虚构资质的信息')
    await tap(one('.moderation-sheet__submit'))
    expect(modal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '确认禁止发布', content: expect.stringContaining('为期 7 天') }),
    )
    await waitFor(() => expect(one('.queue-item__history')?.textContent).toContain('处罚 1 次'))
    const refused = await poster.on('listings').call('createListing', {})
    expect(refused).toMatchObject({ ok: false })
  })

  it('审核日志 lists the actions newest first and filters them by kind', async () => {
    const { listingId } = await heldListingAndModerator()
    const first = caller(network.backend, 'moderation', sessionStore.get()!.token)
    await first.ok('claim', { target: { kind: 'listing', id: listingId } })
    network.backend.clock.advance(60_000)
    await first.ok('decide', { target: { kind: 'listing', id: listingId }, decision: 'approve', note: '' })
    render(<AuditLogPage />)

    await waitFor(() => expect(texts('.audit-entry__action')).toEqual(['处理内容', '认领']))
    expect(one('.audit-entry__change')?.textContent).toBe('状态：pending → published')
    await tap(one('.moderation-page__filter--claim'))
    await waitFor(() => expect(texts('.audit-entry__action')).toEqual(['认领']))
    expect(sentActions(network, 'moderation', 'listAuditLog').at(-1)?.body.payload).toMatchObject({ action: 'claim' })
  })
})

describe('我的: the moderation entry, 处理记录, 我的举报, 处罚公示', () => {
  it('我的 (the tab) shows the 审核台 entry to a moderator only', async () => {
    const plain = onDevice(await member(network.backend, POSTER, 'moderation'))
    render(<MineTabPage />)
    await waitFor(() => expect(one('.mine-tab__link--decisions')).not.toBeNull())
    await network.idle()
    expect(sentActions(network, 'moderation', 'getMyRole')).toHaveLength(1)
    expect(one('.mine-tab__link--moderation')).toBeNull()
    expect(one('.mine-tab__link--reports')?.textContent).toContain('我的举报')
    cleanup()

    await grant(plain.userId)
    render(<MineTabPage />)
    await waitFor(() => expect(one('.mine-tab__link--moderation')?.textContent).toContain('审核员'))
    await tap(one('.mine-tab__link--moderation'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/moderation/pages/queue/index' })
  })

  it('处理记录: the decision with its rule, facts, who decided and the deadline; an appeal of 5–500 characters, then 申诉处理中', async () => {
    const first = await member(network.backend, MODERATOR, 'moderation')
    await grant(first.userId)
    const poster = onDevice(await member(network.backend, POSTER, 'moderation'))
    const held = await poster.publish({ title: HELD_TITLE })
    await first.ok('decide', {
      target: { kind: 'listing', id: held.id },
      decision: 'reject',
      ruleId: '3.2',
      note: '标题承诺“稳赚不赔”',
    })

    openRoute('/packages/mine/pages/decisions/index', { targetId: held.id })
    render(<MyDecisionsPage />)
    await waitFor(() => expect(one('.my-decision__label')?.textContent).toBe('审核不通过'))
    expect(one('.my-decision--focus')).not.toBeNull()
    expect(one('.my-decision__summary')?.textContent).toBe(HELD_TITLE)
    expect(one('.my-decision__rule-title')?.textContent).toBe('依据规则 3.2「诈骗与非法集资」')
    expect(one('.my-decision__note')?.textContent).toBe('事实与说明：标题承诺“稳赚不赔”')
    expect(one('.my-decision__by')?.textContent).toBe('审核员人工处理')
    expect(one('.my-decision__deadline')?.textContent).toMatch(/^可在 \d{4}年\d{1,2}月\d{1,2}日 前申诉$/)

    // Opened from 我的发布 for this listing: the form is open already.
    await typeIntoTextarea('appeal-form__text', '太短')
    await tap(one('.appeal-form__submit'))
    expect(one('.appeal-form__error')?.textContent).toContain('申诉理由')
    expect(sentActions(network, 'moderation', 'appeal')).toHaveLength(0)

    await typeIntoTextarea('appeal-form__text', '这是保底协议，合同第 3 条写明')
    await tap(one('.appeal-form__submit'))
    await waitFor(() => expect(one('.my-decision__appeal-status')?.textContent).toBe('申诉处理中'))
    expect(one('.my-decision__appeal-open')).toBeNull()
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '申诉已提交', icon: 'success' })
  })

  it('我的发布: a listing rejected by a moderator shows the reason with its rule and leads to its 处理记录', async () => {
    const first = await member(network.backend, MODERATOR, 'moderation')
    await grant(first.userId)
    const poster = onDevice(await member(network.backend, POSTER, 'moderation'))
    const held = await poster.publish({ title: HELD_TITLE })
    await first.ok('decide', {
      target: { kind: 'listing', id: held.id },
      decision: 'reject',
      ruleId: '3.2',
      note: '标题承诺“稳赚不赔”',
    })
    render(<MyListingsPage />)

    await waitFor(() => expect(one('.my-listing__status')?.textContent).toBe('未通过'))
    expect(one('.my-listing__reason')?.textContent).toBe('原因：违反平台规则 3.2「诈骗与非法集资」：标题承诺“稳赚不赔”')
    await tap(one('.my-listing__decisions'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/mine/pages/decisions/index?targetId=${held.id}` })
  })

  it('我的举报: a reporter sees 已处理 · 已下架 once a moderator took the listing down', async () => {
    const poster = await member(network.backend, POSTER, 'moderation')
    const listing = await poster.publish({ title: '智能门锁招代理' })
    const reporter = onDevice(await member(network.backend, '13500135201', 'interactions'))
    await reporter.ok('reportListing', { listingId: listing.id, reason: '虚假信息', note: '' })
    render(<MyReportsPage />)
    await waitFor(() => expect(one('.my-report__status')?.textContent).toBe('已提交'))
    expect(one('.my-report__summary')?.textContent).toBe('智能门锁招代理')

    const moderator = await member(network.backend, MODERATOR, 'moderation')
    await grant(moderator.userId)
    await moderator.ok('decide', {
      target: { kind: 'listing', id: listing.id },
      decision: 'takeDown',
      ruleId: '1.1',
      note: '虚构资质',
    })
    await act(async () => {
      await Promise.all(firePageEvent('onPullDownRefresh'))
    })
    await waitFor(() => expect(one('.my-report__status')?.textContent).toBe('已处理 · 已下架'))
    expect(one('.my-report--resolved')).not.toBeNull()
  })

  it('处罚公示, open to a guest: an account ban shows the masked account, the rule and the date, nothing else', async () => {
    const poster = await member(network.backend, POSTER, 'moderation')
    await poster.on('auth').ok('updateProfile', { nickname: '墨子商贸', companyName: '深圳墨子商贸有限公司' })
    const moderator = await member(network.backend, MODERATOR, 'moderation')
    await grant(moderator.userId)
    await moderator.ok('penalize', {
      userId: poster.userId,
      kind: 'accountBan',
      ruleId: '3.2',
      note: '收取加盟费后失联',
    })
    // A guest who agreed to the policies on this device, no session.
    recordPolicyChoice('agree')

    render(<PublicPenaltiesPage />)
    await waitFor(() => expect(one('.penalties-page__rule')?.textContent).toBe('违反规则 3.2「诈骗与非法集资」'))
    const shown = one('.penalties-page__item')!.textContent ?? ''
    expect(one('.penalties-page__account')?.textContent).not.toBe('墨子商贸')
    expect(one('.penalties-page__date')?.textContent).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    for (const secret of ['墨子商贸', '深圳墨子商贸有限公司', POSTER, '收取加盟费后失联'])
      expect(shown).not.toContain(secret)
    expect(sentActions(network, 'moderation', 'listPublicPenalties')[0].headers.authorization).toBeUndefined()
  })
})
