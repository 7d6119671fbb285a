/**
 * @jest-environment jsdom
 */
import { Collections } from '@shared/collections'
import type { StoredDocument } from '@shared/ports/document-store'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../support/embedded'
import {
  launchWeapp,
  logInFromGuestView,
  type OpenedPage,
  tap,
  TEST_OPENID,
  trigger,
  until,
  type Weapp,
  wxAttribute,
} from '../support/weapp/harness'

jest.setTimeout(30_000)

const MY_DATA = 'packages/account/pages/my-data/index'
const CANCEL = 'packages/account/pages/cancel-account/index'
const PHONE = '13800004321'
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

function open(route: string): OpenedPage {
  page?.close()
  page = weapp.openPage(route)
  return page
}

/** 我的数据 as a guest, then its 「登录」 → the age confirmation → WeChat's phone button. */
async function logInOnMyData(): Promise<OpenedPage> {
  const opened = open(MY_DATA)
  await logInFromGuestView(weapp, backend, opened, PHONE)
  await until(() => opened.one('my-data-page__category--account'), 'the categories after login')
  return opened
}

async function userOf(userId: string): Promise<StoredDocument | null> {
  return backend.store.get<StoredDocument>(Collections.users, userId)
}

describe('注销账号 in the compiled WeChat build', () => {
  it('from 我的数据, proven with the getPhoneNumber button: pending on the server, the OPENID unbound, the device logged out, relaunched', async () => {
    const myData = await logInOnMyData()
    const { profile } = JSON.parse(String(weapp.storage.get(SESSION_KEY))) as { profile: { userId: string } }
    expect((await userOf(profile.userId))?.wechatOpenId).toBe(TEST_OPENID)

    const row = await until(() => myData.one('my-data-page__cancel-account'), 'the 注销账号 row')
    expect(row.textContent).toBe('注销账号')
    tap(row)
    await until(() => callsOf('navigateTo').length === 1, 'the navigation')
    expect(callsOf('navigateTo')).toEqual([{ url: '/packages/account/pages/cancel-account/index' }])

    const cancel = open(CANCEL)
    const button = await until(() => cancel.one('deletion-proof__button'), 'WeChat’s phone button')
    expect(wxAttribute(button, 'openType')).toBe('getPhoneNumber')
    // The SMS code to the account's own number is offered too, with the number masked.
    expect(cancel.one('sms-login__own-number')?.textContent).toContain('138****4321')
    expect(cancel.one('cancel-account-page__section--kept')?.textContent).toContain('3 年')

    // A refused authorization is shown under the button, and nothing is sent.
    trigger(button, 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' })
    await until(() => cancel.one('deletion-proof__error'), 'the refusal')
    expect(cancel.one('deletion-proof__error')?.textContent).toBe('你已取消手机号授权，也可以改用短信验证码')
    expect(cloudActions()).not.toContain('privacy.requestAccountDeletion')

    const wechatPhoneCode = backend.wechat.phoneCode(PHONE, TEST_OPENID)
    trigger(button, 'getphonenumber', { code: wechatPhoneCode, errMsg: 'getPhoneNumber:ok' })

    await until(() => callsOf('reLaunch').length === 1, 'the relaunch')
    expect(callsOf('reLaunch')).toEqual([{ url: '/pages/index/index' }])
    expect(weapp.cloudCalls).toContainEqual({
      name: 'privacy',
      data: expect.objectContaining({ action: 'requestAccountDeletion', payload: { wechatPhoneCode } }),
    })
    const titles = callsOf('showModal').map((m) => m.title)
    expect(titles.slice(-2)).toEqual(['确定注销账号吗？', '已提交注销申请'])
    const request = await backend.store.get<StoredDocument>(Collections.accountDeletions, profile.userId)
    expect(request).toMatchObject({ method: 'wechat', startedAt: null })
    expect((await userOf(profile.userId))?.wechatOpenId).toBeNull()
    expect(weapp.storage.has(SESSION_KEY)).toBe(false)
  })

  it('logging in again offers 「撤销注销」; confirming it leaves nothing pending', async () => {
    // The previous story left this account pending deletion, and the device a guest.
    const before = await backend.store.find<StoredDocument>(Collections.accountDeletions, {
      where: {},
      orderBy: [{ field: '_id', direction: 'asc' }],
      limit: 5,
    })
    expect(before.items).toHaveLength(1)

    await logInOnMyData()

    await until(
      () => weapp.calls.some((c) => c.api === 'showToast' && c.options.title === '已撤销'),
      'the 已撤销 toast',
    )
    expect(callsOf('showModal')).toContainEqual(
      expect.objectContaining({
        title: expect.stringMatching(/^账号将于 \d{4}-\d{2}-\d{2} 注销$/),
        confirmText: '撤销注销',
      }),
    )
    expect(await backend.store.get(Collections.accountDeletions, before.items[0]._id)).toBeNull()
    expect(cloudActions()).toContain('privacy.cancelAccountDeletion')
  })
})
