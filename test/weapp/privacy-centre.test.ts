/**
 * @jest-environment jsdom
 */
import { Collections } from '@shared/collections'
import type { PersonalDataExport } from '@shared/contracts'
import type { StoredDocument } from '@shared/ports/document-store'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../support/embedded'
import {
  agreeToPolicies,
  launchWeapp,
  tap,
  TEST_OPENID,
  trigger,
  until,
  USER_DATA_PATH,
  type OpenedPage,
  type Weapp,
} from '../support/weapp/harness'

jest.setTimeout(30_000)

const MY_DATA = 'packages/account/pages/my-data/index'
const PERMISSIONS = 'packages/account/pages/permissions/index'
const PHONE = '13800001234'
const SESSION_KEY = 'zn.session.v1'

let backend: EmbeddedBackend
let weapp: Weapp
let page: OpenedPage | undefined

beforeAll(async () => {
  backend = await createEmbeddedBackend({ clock: testClock(Date.now()) })
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
const cloudActions = () => weapp.cloudCalls.map((c) => `${c.name}.${(c.data as { action: string }).action}`)

/**
 * 我的数据 on a fresh device: agree, then the page's own 「登录」 → the age confirmation → WeChat's phone
 * button; the member is logged in and the categories load.
 */
async function openMyDataAsMember(): Promise<OpenedPage> {
  const opened = weapp.openPage(MY_DATA)
  page = opened
  await agreeToPolicies(opened)
  const login = await until(() => opened.one('state-view__action'), 'the 登录 action of the guest view')
  expect(login.textContent).toBe('登录')
  tap(login)
  tap(await until(() => opened.one('age-gate__choice--adult'), 'the age confirmation'))
  trigger(await until(() => opened.one('phone-login__primary'), 'the getPhoneNumber button'), 'getphonenumber', {
    code: backend.wechat.phoneCode(PHONE, TEST_OPENID),
    errMsg: 'getPhoneNumber:ok',
  })
  await until(() => opened.one('my-data-page__category--account'), 'the categories after login')
  return opened
}

async function currentUser(): Promise<StoredDocument> {
  const session = JSON.parse(String(weapp.storage.get(SESSION_KEY))) as { profile: { userId: string } }
  const user = await backend.store.get<StoredDocument>(Collections.users, session.profile.userId)
  if (!user) throw new Error('the logged-in member has no user document')
  return user
}

describe('我的数据 in the compiled WeChat build', () => {
  it('a member sees their data by category, exports it to a file in the user folder and sends that file to a chat', async () => {
    const opened = await openMyDataAsMember()

    const account = opened.one('my-data-page__category--account')!
    expect(account.textContent).toContain('账号信息')
    expect(account.textContent).toContain('手机号 138****1234')
    expect(opened.root.textContent).not.toContain(PHONE)
    expect(cloudActions()).toContain('privacy.getMyData')

    tap(opened.one('my-data-page__export-button')!)

    const summary = await until(() => opened.one('my-data-page__summary'), 'the export summary')
    expect(callsOf('showModal')).toEqual([expect.objectContaining({ title: '导出我的数据', confirmText: '导出' })])
    expect(cloudActions().filter((a) => a === 'privacy.exportMyData')).toHaveLength(1)
    expect([...weapp.files.keys()]).toHaveLength(1)
    const [[filePath, content]] = [...weapp.files]
    const fileName = filePath.slice(`${USER_DATA_PATH}/`.length)
    expect(fileName).toMatch(/^质能视界-个人信息-\d{4}-\d{2}-\d{2}\.json$/)
    const exported = JSON.parse(content) as PersonalDataExport
    const user = await currentUser()
    expect(exported.userId).toBe(user._id)
    const userRecords = exported.sections
      .flatMap((section) => section.collections)
      .filter((c) => c.collection === Collections.users)
      .flatMap((c) => c.records)
    expect(userRecords).toContainEqual(expect.objectContaining({ _id: user._id, phone: PHONE }))
    // The readable version is shown as the server wrote it, the full phone included (it is the member's copy).
    expect(summary.textContent).toContain('# 质能视界个人信息副本')
    expect(summary.textContent).toContain('## 账号信息')
    expect(summary.textContent).toContain(PHONE)
    expect(opened.one('my-data-page__saved')?.textContent).toContain('已保存在小程序的文件夹中')

    const send = opened.all('privacy-page__secondary').find((b) => b.textContent === '发送文件到聊天')
    expect(send).toBeDefined()
    tap(send!)

    await until(() => callsOf('shareFileMessage').length === 1, 'wx.shareFileMessage')
    expect(callsOf('shareFileMessage')).toEqual([{ filePath, fileName }])
  })

  it('权限管理 shows each state wx.getSetting reports, opens WeChat’s settings, and reads them again on return', async () => {
    weapp.authSetting = { 'scope.addPhoneContact': false }
    const opened = weapp.openPage(PERMISSIONS)
    page = opened
    await agreeToPolicies(opened)
    const state = (key: string) => {
      const row = opened.one(`permissions-page__item--${key}`)
      return row ? opened.all('permissions-page__state').find((label) => row.contains(label)) : undefined
    }

    await until(() => state('contacts')?.textContent === '已拒绝', 'the refused address book')
    expect(callsOf('getSetting').length).toBeGreaterThanOrEqual(1)
    for (const key of ['phone', 'album', 'clipboard', 'call']) expect(state(key)?.textContent).toBe('使用时询问')

    tap(opened.one('permissions-page__open')!)
    await until(() => callsOf('openSetting').length === 1, 'wx.openSetting')

    // The member allows it in WeChat's settings and comes back: the page shows again.
    const readsBefore = callsOf('getSetting').length
    weapp.authSetting = { 'scope.addPhoneContact': true }
    opened.instance.onShow?.()

    await until(() => state('contacts')?.textContent === '已允许', 'the allowed address book after return')
    expect(callsOf('getSetting').length).toBeGreaterThan(readsBefore)
  })

  it('撤回同意 records a disagree in the account’s ledger, logs out (the OPENID is unbound) and relaunches to the feed', async () => {
    const opened = await openMyDataAsMember()
    const userId = (await currentUser())._id
    expect((await currentUser()).wechatOpenId).toBe(TEST_OPENID)

    tap(opened.one('my-data-page__withdraw')!)

    await until(() => callsOf('reLaunch').length === 1, 'the relaunch')
    expect(callsOf('reLaunch')).toEqual([{ url: '/pages/index/index' }])
    expect(callsOf('showModal')).toEqual([expect.objectContaining({ title: '撤回同意', confirmText: '撤回' })])
    const actions = cloudActions()
    expect(actions.indexOf('auth.recordConsents')).toBeGreaterThan(-1)
    expect(actions.indexOf('auth.logout')).toBeGreaterThan(actions.indexOf('auth.recordConsents'))
    const ledger = await backend.store.find<StoredDocument>(Collections.consentLedger, {
      where: { userId, choice: 'disagree' },
      orderBy: [{ field: 'at', direction: 'desc' }],
      limit: 10,
    })
    expect(ledger.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ document: 'privacy', platform: 'weapp', source: 'server' })]),
    )
    const user = await backend.store.get<StoredDocument>(Collections.users, userId)
    expect(user?.wechatOpenId).toBeNull()
    expect(weapp.storage.has(SESSION_KEY)).toBe(false)
    expect(weapp.calls).toContainEqual({ api: 'showToast', options: { title: '已撤回同意', icon: 'success' } })
  })
})
