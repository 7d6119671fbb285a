import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Collections } from '@shared/collections'
import type { Session } from '@shared/contracts'
import type { StoredDocument } from '@shared/ports/document-store'
import { SESSION_STORAGE_KEY } from '@/services/session'
import ProfilePage from '@/packages/account/pages/profile/index'
import MineTabPage from '@/pages/mine/index'
import FeedPage from '@/pages/index/index'
import { agree } from '../../../support/web/consent'
import { typeInto } from '../../../support/web/input'
import { installFakeNetwork, type FakeNetwork } from '../../../support/web/network'

const PHONE = '13800138000'

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork()
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
  jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([])
})

afterEach(async () => {
  jest.restoreAllMocks()
  await network.restore()
})

/** The login's requests (not the launch's check of the published policy versions). */
function authRequests(action?: string) {
  return network.sent.filter(
    (r) => r.functionName === 'auth' && r.body.action !== 'getPolicyVersions' && (!action || r.body.action === action),
  )
}

function storedSession(): Session | null {
  const raw = Taro.getStorageSync(SESSION_STORAGE_KEY)
  return raw ? (JSON.parse(raw as string) as Session) : null
}

/** A guest on the feed who agreed, tapped 「登录」 and confirmed being 14 or older: the sheet is open. */
async function openLoginSheet(): Promise<void> {
  render(<FeedPage />)
  await agree()
  fireEvent.click(screen.getByText('登录'))
  fireEvent.click(await screen.findByText('我已年满 14 周岁'))
  await waitFor(() => expect(document.querySelector('.login-sheet')).not.toBeNull())
}

async function requestCode(): Promise<void> {
  await act(async () => {
    fireEvent.click(document.querySelector('.sms-login__send')!)
  })
}

describe('H5 login with an SMS code, through the real auth function', () => {
  it('a visitor logs in, sees their masked phone, renames themselves and logs out', async () => {
    await openLoginSheet()

    // A number that cannot be right is refused on the device, under the field, with nothing sent.
    await typeInto('sms-login__phone', '12345')
    await requestCode()
    expect(document.querySelector('.sms-login__error--phone')?.textContent).toBe('请输入正确的 11 位手机号')
    expect(authRequests()).toHaveLength(0)

    await typeInto('sms-login__phone', PHONE)
    await requestCode()
    await waitFor(() => expect(screen.getByText(/^\d+ 秒后重发$/)).toBeTruthy())
    expect(document.querySelector('.sms-login__send')?.getAttribute('disabled')).not.toBe('false')
    const code = network.backend.outbox.lastCodeFor(PHONE)
    expect(code).toMatch(/^\d{6}$/)

    // A wrong code: the server's message, under the code field.
    await typeInto('sms-login__code', code === '000000' ? '111111' : '000000')
    await act(async () => {
      fireEvent.click(screen.getByText('登录', { selector: '.sms-login__submit' }))
    })
    await waitFor(() => expect(document.querySelector('.sms-login__error--code')?.textContent).toBeTruthy())
    expect(storedSession()).toBeNull()

    await typeInto('sms-login__code', code!)
    await act(async () => {
      fireEvent.click(screen.getByText('登录', { selector: '.sms-login__submit' }))
    })

    await waitFor(() => expect(document.querySelector('.login-sheet')).toBeNull())
    const session = storedSession()
    expect(session?.profile.maskedPhone).toBe('138****8000')
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '登录成功', icon: 'success' })
    // The header's 「登录」 has gone: the account is under the 我的 tab now.
    expect(document.querySelector('.account-entry')).toBeNull()

    // The login carried the device's consent decisions and the client's version; the ledger has them.
    const [login] = authRequests('loginWithSms').slice(-1)
    expect(login.headers).toMatchObject({ 'x-client-platform': 'h5' })
    expect(login.headers.authorization).toBeUndefined()
    expect(login.body.payload).toMatchObject({
      phone: PHONE,
      code,
      clientVersion: expect.any(String),
      consents: [
        expect.objectContaining({ document: 'privacy', version: '1.6.0', choice: 'agree', platform: 'h5' }),
        expect.objectContaining({ document: 'terms', version: '1.1.0', choice: 'agree', platform: 'h5' }),
        expect.objectContaining({ document: 'age', version: '1.0.0', choice: 'adult', platform: 'h5' }),
      ],
    })
    const ledger = await network.backend.store.find<StoredDocument>(Collections.consentLedger, {
      where: { userId: session!.profile.userId },
      orderBy: [{ field: 'at', direction: 'asc' }],
      limit: 10,
    })
    expect(ledger.items.map((d) => `${d.document}:${d.choice}`).sort()).toEqual([
      'age:adult',
      'privacy:agree',
      'terms:agree',
    ])

    // The 我的 tab shows who it is and opens 个人资料 (in the account subpackage).
    cleanup()
    render(<MineTabPage />)
    await waitFor(() => expect(document.querySelector('.mine-tab__phone')?.textContent).toBe('138****8000'))
    fireEvent.click(document.querySelector('.mine-tab__identity')!)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/profile/index' })
    cleanup()
    render(<ProfilePage />)

    await waitFor(() => expect(document.querySelector('.profile-page__phone')?.textContent).toBe('138****8000'))
    await waitFor(() => expect(authRequests('getProfile')).toHaveLength(1))
    expect(authRequests('getProfile')[0].headers.authorization).toBe(`Bearer ${session!.token}`)
    expect(document.body.textContent).not.toContain(PHONE)

    // A nickname the contract refuses is explained under the field and never sent.
    await typeInto('profile-page__input--nickname', '<b>王</b>')
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    expect(screen.getByText('昵称不能包含 HTML 标签')).toBeTruthy()
    expect(authRequests('updateProfile')).toHaveLength(0)

    await typeInto('profile-page__input--nickname', '青禾王经理')
    await act(async () => {
      fireEvent.click(screen.getByText('保存'))
    })
    await waitFor(() => expect(document.querySelector('.profile-page__name')?.textContent).toBe('青禾王经理'))
    const user = await network.backend.store.get<StoredDocument>(Collections.users, session!.profile.userId)
    expect(user?.nickname).toBe('青禾王经理')
    expect(storedSession()?.profile.nickname).toBe('青禾王经理')

    // 退出登录 asks first; once confirmed the server revokes the session and the device forgets it.
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
    await act(async () => {
      fireEvent.click(screen.getByText('退出登录'))
    })
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' }))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '退出登录', confirmText: '退出' }))
    expect(authRequests('logout')).toHaveLength(1)
    expect(storedSession()).toBeNull()
    const reuse = await network.backend.callHttp(
      'auth',
      { action: 'getProfile' },
      { authorization: `Bearer ${session!.token}` },
    )
    expect(JSON.parse(reuse.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('asking for a code passes the human check on the device; the wait belongs to the number; a dead code can be replaced at once', async () => {
    await network.restore()
    network = await installFakeNetwork({ humanCheck: 'pow' })
    await openLoginSheet()
    const sendButton = () => document.querySelector('.sms-login__send')!
    const solveTimeout = { timeout: 10_000 }

    await typeInto('sms-login__phone', PHONE)
    await requestCode()
    await waitFor(() => expect(sendButton().textContent).toMatch(/^\d+ 秒后重发$/), solveTimeout)
    // The challenge came first, and the code request carried its solution.
    expect(authRequests().map((r) => r.body.action)).toEqual(['getSmsChallenge', 'sendSmsCode'])
    expect(authRequests('sendSmsCode')[0].body.payload).toMatchObject({ phone: PHONE, humanCheck: expect.any(String) })
    // The demo server keeps codes instead of sending them, and the sheet says where to read them.
    expect(document.querySelector('.sms-login__hint')?.textContent).toMatch(
      /^演示环境：验证码不会发到手机.*\/dev\/sms-outbox/,
    )

    // Another number need not wait for the first one's countdown.
    const other = '13900139000'
    await typeInto('sms-login__phone', other)
    expect(sendButton().textContent).toBe('获取验证码')
    expect(sendButton().getAttribute('disabled')).toBeNull()
    await requestCode()
    await waitFor(() => expect(sendButton().textContent).toMatch(/^\d+ 秒后重发$/), solveTimeout)
    await typeInto('sms-login__phone', PHONE)
    expect(sendButton().textContent).toMatch(/^\d+ 秒后重发$/)

    // Five wrong codes kill the code: the wait for that number is over, and a new code logs in.
    await typeInto('sms-login__phone', other)
    const right = network.backend.outbox.lastCodeFor(other)!
    await typeInto('sms-login__code', right === '000000' ? '111111' : '000000')
    for (let i = 0; i < 5; i++) {
      await act(async () => {
        fireEvent.click(screen.getByText('登录', { selector: '.sms-login__submit' }))
      })
      await waitFor(() => expect(authRequests('loginWithSms')).toHaveLength(i + 1))
    }
    await waitFor(() =>
      expect(document.querySelector('.sms-login__error--code')?.textContent).toBe('验证码错误次数过多，请重新获取'),
    )
    expect(sendButton().textContent).toBe('重新获取')
    await requestCode()
    await waitFor(() => expect(network.backend.outbox.lastCodeFor(other)).not.toBe(right), solveTimeout)
    await typeInto('sms-login__code', network.backend.outbox.lastCodeFor(other)!)
    await act(async () => {
      fireEvent.click(screen.getByText('登录', { selector: '.sms-login__submit' }))
    })
    await waitFor(() => expect(storedSession()?.profile.maskedPhone).toBe('139****9000'))
  }, 60_000)

  it('when the server refuses another code so soon, its message is shown', async () => {
    await network.backend.callHttp('auth', { action: 'sendSmsCode', payload: { phone: PHONE } })
    await openLoginSheet()

    await typeInto('sms-login__phone', PHONE)
    await requestCode()

    await waitFor(() =>
      expect(document.querySelector('.sms-login')?.textContent).toMatch(/验证码已发送，请 \d+ 秒后再获取/),
    )
    expect(authRequests('sendSmsCode')).toHaveLength(1)
  })

  it('cancelling the logout confirmation keeps the member logged in', async () => {
    await openLoginSheet()
    await typeInto('sms-login__phone', PHONE)
    await requestCode()
    await typeInto('sms-login__code', network.backend.outbox.lastCodeFor(PHONE)!)
    await act(async () => {
      fireEvent.click(screen.getByText('登录', { selector: '.sms-login__submit' }))
    })
    await waitFor(() => expect(storedSession()).not.toBeNull())
    cleanup()
    render(<ProfilePage />)
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'ok' })
    // The page refreshes the profile when it opens; let that answer land first.
    await waitFor(() => expect(authRequests('getProfile')).toHaveLength(1))
    await act(() => network.idle())

    await act(async () => {
      fireEvent.click(await screen.findByText('退出登录'))
    })

    expect(authRequests('logout')).toHaveLength(0)
    expect(storedSession()).not.toBeNull()
  })

  it('a session the server no longer accepts is cleared by the api layer, and the profile asks to log in', async () => {
    Taro.setStorageSync(
      SESSION_STORAGE_KEY,
      JSON.stringify({
        token: 'revoked-or-forged',
        expiresAt: Date.now() + 3_600_000,
        profile: {
          userId: 'u-1',
          nickname: '',
          avatarUrl: null,
          companyName: '',
          brandName: '',
          maskedPhone: '138****0000',
          createdAt: 0,
        },
      }),
    )
    render(<ProfilePage />)
    await agree()

    await waitFor(() => expect(screen.getByText('登录后查看和管理你的资料')).toBeTruthy())
    // The page's first request with the token (我的 asks about a pending account deletion) is refused.
    expect(network.sent.find((r) => r.headers.authorization)?.headers.authorization).toBe('Bearer revoked-or-forged')
    expect(storedSession()).toBeNull()
  })
})
