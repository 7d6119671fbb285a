/**
 * @jest-environment jsdom
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { Collections } from '@shared/collections'
import type { Envelope, Page, QueueItem } from '@shared/contracts'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../support/embedded'
import { member } from '../support/member'
import {
  agreeToPolicies,
  DIST,
  launchWeapp,
  tap,
  TEST_OPENID,
  trigger,
  until,
  type OpenedPage,
  type Weapp,
} from '../support/weapp/harness'

jest.setTimeout(30_000)

const QUEUE = 'packages/moderation/pages/queue/index'
const PHONE = '13800005678'
const POSTER = '13800005679'
const HELD_TITLE = '稳赚不赔的储能加盟项目'
const SESSION_KEY = 'zn.session.v1'

let backend: EmbeddedBackend
let weapp: Weapp
let page: OpenedPage | undefined

beforeAll(async () => {
  backend = await createEmbeddedBackend({ clock: testClock(Date.now()) })
  // The demo seed's own listings for review: the queue here holds only this file's.
  await backend.store.deleteWhere(Collections.listings, { status: 'pending' }, 1000)
  weapp = launchWeapp(backend)
})

afterEach(() => {
  page?.close()
  page = undefined
})

afterAll(async () => {
  await backend.dispose()
})

const callsOf = (api: string) => weapp.calls.filter((c) => c.api === api).map((c) => c.options)
const cloudCallsOf = (action: string) =>
  weapp.cloudCalls.filter((c) => c.name === 'moderation' && (c.data as { action: string }).action === action)

/** A console page opened by its URL on a fresh device: agree, the page's own 「登录」, the age, WeChat's phone button. */
async function openQueueLoggedIn(route = QUEUE): Promise<OpenedPage> {
  const opened = weapp.openPage(route)
  page = opened
  await agreeToPolicies(opened)
  tap(await until(() => opened.one('state-view__action'), 'the 登录 action of the guest view'))
  tap(await until(() => opened.one('age-gate__choice--adult'), 'the age confirmation'))
  trigger(await until(() => opened.one('phone-login__primary'), 'the getPhoneNumber button'), 'getphonenumber', {
    code: backend.wechat.phoneCode(PHONE, TEST_OPENID),
    errMsg: 'getPhoneNumber:ok',
  })
  return opened
}

const sessionUserId = () =>
  (JSON.parse(String(weapp.storage.get(SESSION_KEY))) as { profile: { userId: string } }).profile.userId

/** The build's files as text, joined. */
function textOf(files: string[]): string {
  return files.map((f) => readFileSync(f, 'utf8')).join('\n')
}

/** A string as the minified build writes it: non-ASCII characters as \\uXXXX escapes. */
const asBuilt = (text: string) => text.replace(/[^ -~]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(js|wxml|json)$/.test(name) ? [full] : []
  })
}

describe('审核台 in the compiled WeChat build', () => {
  it('the moderation pages are a subpackage of their own: not in the main package, not carried by 我的 or 我的发布', () => {
    const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
      pages: string[]
      subPackages: Array<{ root: string; pages: string[] }>
    }
    expect(app.pages.some((p) => p.includes('moderation'))).toBe(false)
    expect(app.subPackages.find((s) => s.root === 'packages/moderation')?.pages).toEqual([
      'pages/queue/index',
      'pages/audit-log/index',
      'pages/requests/index',
      'pages/dashboard/index',
      'pages/categories/index',
      'pages/policy-versions/index',
    ])
    // 数据看板's chart library is H5's alone: the WeChat build draws tables.
    expect(textOf(filesUnder(DIST))).not.toContain('uPlot')
    const roots = app.subPackages.map((s) => path.join(DIST, s.root))
    const main = filesUnder(DIST).filter((f) => !roots.some((root) => f.startsWith(`${root}/`)))
    const others = ['packages/account', 'packages/mine'].flatMap((root) => filesUnder(path.join(DIST, root)))
    const moderation = textOf(filesUnder(path.join(DIST, 'packages/moderation')))
    // What only the moderators' pages say and draw.
    const mainText = textOf(main)
    const othersText = textOf(others)
    for (const marker of ['你没有审核权限', 'queue-item__', 'moderation-sheet__', '确认处罚', 'stats-table__'].map(
      asBuilt,
    )) {
      expect(moderation).toContain(marker)
      expect(mainText).not.toContain(marker)
      expect(othersText).not.toContain(marker)
    }
  })

  it('a member without a role who opens it by its URL sees 「你没有审核权限」: the server refused with NOT_ALLOWED', async () => {
    const opened = await openQueueLoggedIn()

    await until(() => opened.root.textContent?.includes('你没有审核权限'), 'the refused state')
    expect(opened.one('queue-item')).toBeNull()
    const [request] = cloudCallsOf('listQueue')
    const answer = (await backend.callFunction('moderation', request.data, {
      openId: TEST_OPENID,
    })) as Envelope<unknown>
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })
  })

  it('a moderator sees the held listing, rejects it citing a rule with the facts after confirming, and the queue is read again', async () => {
    const poster = await member(backend, POSTER, 'moderation')
    const held = await poster.publish({ title: HELD_TITLE })
    const opened = await openQueueLoggedIn()
    await until(() => opened.root.textContent?.includes('你没有审核权限'), 'the refused state before the grant')

    // Granted as the CLI does it (a row in moderator_roles); pulling down reads the queue again.
    await backend.store.insert(Collections.moderatorRoles, { _id: sessionUserId(), role: 'moderator', grantedAt: 0 })
    opened.instance.onPullDownRefresh?.()
    const title = await until(() => opened.one('queue-item__title'), 'the held listing')
    expect(title.textContent).toBe(HELD_TITLE)
    expect(opened.one('queue-item__state')?.textContent).toBe('审核中')
    expect(opened.one('queue-item__history')?.textContent).toContain('过往处理 0 次')
    await until(() => callsOf('stopPullDownRefresh').length > 0, 'the pull-down to stop')

    tap(opened.one('queue-item__decide--reject')!)
    const rule = await until(
      () => opened.all('moderation-sheet__rule').find((r) => r.textContent?.includes('3.2 诈骗与非法集资')),
      'rule 3.2 in the picker',
    )
    tap(rule)
    await until(() => opened.one('moderation-sheet__rule--active'), 'rule 3.2 chosen')
    trigger(opened.one('moderation-sheet__note')!, 'input', { value: '标题承诺“稳赚不赔”' })
    tap(opened.one('moderation-sheet__submit')!)

    await until(() => opened.root.textContent?.includes('没有待审核的信息'), 'the emptied queue')
    expect(callsOf('showModal')).toEqual([expect.objectContaining({ title: '确认审核不通过', confirmText: '确认' })])
    expect(cloudCallsOf('decide').map((c) => (c.data as { payload: unknown }).payload)).toEqual([
      { target: { kind: 'listing', id: held.id }, decision: 'reject', ruleId: '3.2', note: '标题承诺“稳赚不赔”' },
    ])
    const after = (await backend.callFunction(
      'moderation',
      { action: 'listQueue', payload: { queue: 'listings' } },
      { openId: TEST_OPENID },
    )) as Envelope<Page<QueueItem>>
    expect(after).toMatchObject({ ok: true, data: { items: [] } })
    const [decision] = (await poster.ok('listMyDecisions', {})).items
    expect(decision).toMatchObject({ decision: 'reject', ruleId: '3.2', decidedBy: 'person' })
  })

  it('分类管理: an admin hides 代理加盟 after confirming; the editor opens with its rules', async () => {
    // The member this file logs in as, made an admin beforehand (the role is read once, at login).
    const { userId } = await member(backend, PHONE, 'moderation')
    await backend.store.deleteWhere(Collections.moderatorRoles, { _id: userId }, 1)
    await backend.store.insert(Collections.moderatorRoles, { _id: userId, role: 'admin', grantedAt: 0 })
    const opened = await openQueueLoggedIn('packages/moderation/pages/categories/index')
    const agency = await until(
      () => opened.all('category-card').find((c) => c.textContent?.includes('代理加盟')),
      'the 代理加盟 card',
    )
    // The buttons once the role is in (read beside the list).
    // Classes in the build carry the page's prefix: found through the page, inside the card.
    const inCard = (className: string) => opened.all(className).find((e) => agency.contains(e))
    const hide = await until(() => inCard('category-card__hide'), 'the admin’s buttons')
    expect(hide.textContent).toBe('隐藏')
    tap(hide)
    await until(() => inCard('category-card__badge')?.textContent === '已隐藏', 'the hidden badge')
    expect(callsOf('showModal')).toContainEqual(
      expect.objectContaining({ title: '隐藏「代理加盟」', confirmText: '隐藏' }),
    )
    expect(await backend.store.get(Collections.categories, 'agency')).toMatchObject({ hidden: true })

    // The editor opens in place of the card, with the category's rules: 公司名称 required.
    tap(inCard('category-card__edit')!)
    const company = await until(
      () => opened.all('category-editor__rule').find((r) => r.textContent?.startsWith('公司名称')),
      'the editor',
    )
    expect(company.textContent).toBe('公司名称✓ 显示✓ 必填')
  })
})
