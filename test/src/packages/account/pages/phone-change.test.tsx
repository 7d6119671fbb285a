import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Session } from '@shared/contracts'
import ProfilePage from '@/packages/account/pages/profile/index'
import { SESSION_STORAGE_KEY } from '@/services/session'
import { loginBySms } from '../../../../support/accounts'
import { typeInto } from '../../../../support/web/input'
import { logInOnDevice, sentActions } from '../../../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../../../support/web/network'

const OLD = '13812345678'
const NEW = '13987654321'
const OTHER = '13700001111'

let network: FakeNetwork
let session: Session
let confirmAnswers: boolean[]

beforeEach(async () => {
  network = await installFakeNetwork({ seed: false })
  session = await logInOnDevice(network, OLD)
  confirmAnswers = []
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest
    .spyOn(Taro, 'showModal')
    .mockImplementation(async () => ({ confirm: confirmAnswers.shift() ?? false, cancel: false, errMsg: 'ok' }))
})

afterEach(async () => {
  cleanup()
  jest.restoreAllMocks()
  await network.restore()
})

const sheet = () => document.querySelector('.phone-change')
const click = async (element: Element | null) => {
  expect(element).not.toBeNull()
  await act(async () => {
    fireEvent.click(element!)
  })
}
const requestCode = () => click(document.querySelector('.phone-change .sms-login__send'))
const submit = () => click(screen.getByText('确认更换', { selector: '.phone-change__submit' }))
const errorText = (modifier = '') =>
  document.querySelector(`.phone-change .sms-login__error${modifier}`)?.textContent ?? null

describe('profile page: a member changes the phone number of their account', () => {
  it('the 更换手机号 row shows the masked number; new number, code, confirmation, and the profile shows the new number', async () => {
    render(<ProfilePage />)
    const row = await screen.findByText('更换手机号')
    expect(document.querySelector('.profile-page__link--phone')?.textContent).toContain('138****5678')
    await click(row)
    expect(sheet()?.textContent).toContain('当前手机号 138****5678')

    await typeInto('sms-login__phone', NEW)
    await requestCode()
    await waitFor(() => expect(screen.getByText(/^\d+ 秒后重发$/)).toBeTruthy())
    expect(sentActions(network, 'auth', 'sendPhoneChangeCode')).toHaveLength(1)
    const code = network.backend.outbox.lastCodeFor(NEW)!
    await typeInto('sms-login__code', code)

    // Asked first; 取消 sends nothing.
    await submit()
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '更换手机号', content: expect.stringContaining(NEW), confirmText: '确认更换' }),
    )
    expect(sentActions(network, 'auth', 'changePhone')).toHaveLength(0)

    confirmAnswers.push(true)
    await submit()
    await waitFor(() => expect(sheet()).toBeNull())
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '手机号已更换', icon: 'success' })
    expect(document.querySelector('.profile-page__link--phone')?.textContent).toContain('139****4321')
    expect(document.querySelector('.profile-page__phone')?.textContent).toBe('139****4321')
    const stored = JSON.parse(Taro.getStorageSync(SESSION_STORAGE_KEY) as string) as Session
    expect(stored).toMatchObject({ token: session.token, profile: { maskedPhone: '139****4321' } })
  })

  it('refusals are shown in Chinese under their field: a malformed number, a taken one, a wrong code', async () => {
    await loginBySms(network.backend, OTHER)
    render(<ProfilePage />)
    await click(await screen.findByText('更换手机号'))

    // Checked on the device with the server's schema: nothing sent.
    await typeInto('sms-login__phone', '1391234')
    await requestCode()
    expect(errorText('--phone')).toBe('请输入正确的 11 位手机号')
    expect(sentActions(network, 'auth', 'sendPhoneChangeCode')).toHaveLength(0)

    // The member's own number, and another account's: the server's words, naming no one.
    await typeInto('sms-login__phone', OLD)
    await requestCode()
    await waitFor(() => expect(errorText('--phone')).toBe('这是你当前的手机号，请输入新的手机号'))
    await typeInto('sms-login__phone', OTHER)
    await requestCode()
    await waitFor(() => expect(errorText()).toBe('该手机号已绑定其他账号'))

    // A code that is not six digits is refused before asking; a wrong one by the server, under the code.
    await typeInto('sms-login__phone', NEW)
    await requestCode()
    await waitFor(() => expect(network.backend.outbox.lastCodeFor(NEW)).toBeDefined())
    await typeInto('sms-login__code', '123')
    await submit()
    expect(errorText('--code')).toBe('请输入 6 位数字验证码')
    expect(Taro.showModal).not.toHaveBeenCalled()

    const code = network.backend.outbox.lastCodeFor(NEW)
    await typeInto('sms-login__code', code === '000000' ? '111111' : '000000')
    confirmAnswers.push(true)
    await submit()
    await waitFor(() => expect(errorText('--code')).toBe('验证码错误，还可尝试 4 次'))
    expect(sheet()).not.toBeNull()
    expect(document.querySelector('.profile-page__phone')?.textContent).toBe('138****5678')

    // 取消 closes the sheet and leaves the number as it was.
    await click(screen.getByText('取消', { selector: '.phone-change .bottom-sheet__cancel' }))
    expect(sheet()).toBeNull()
    expect(document.querySelector('.profile-page__link--phone')?.textContent).toContain('138****5678')
  })
})
