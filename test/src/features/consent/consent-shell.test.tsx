import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { CONSENT_STORAGE_KEY, deviceLedger, onNeedPrivacyAuthorization } from '@/features/consent'
import FeedPage from '@/pages/index/index'
import { agree, consentDialog, decline } from '../../../support/web/consent'
import { installFakeNetwork, type FakeNetwork } from '../../../support/web/network'
import { firePageEvent } from '../../../support/web/page'

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork()
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined)
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

afterEach(async () => {
  jest.useRealTimers()
  jest.restoreAllMocks()
  await network.restore()
})

/** From here on the app's timers wait until the story runs them (promises stay real). */
const holdAppTimers = () => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] })

/**
 * Gives the app every chance to send something: effects, the promise chains they start and every timer
 * pending (held by holdAppTimers), however late it would fire, all run before this returns.
 */
async function settle(): Promise<void> {
  await act(async () => {
    await jest.runAllTimersAsync()
  })
}

const cardCount = (container: HTMLElement) => container.querySelectorAll('.listing-card').length
const dialogText = () => consentDialog()?.textContent ?? ''
const ledgerChoices = () =>
  deviceLedger().map((e) => `${e.decision.document}:${e.decision.version}:${e.decision.choice}`)
const loginEntry = () => screen.getByText('登录')

describe('the first launch', () => {
  it('shows the consent dialog over the feed, with both documents linked and 「不同意」/「同意」 only', async () => {
    render(<FeedPage />)

    expect(consentDialog()).not.toBeNull()
    expect(dialogText()).toContain('欢迎使用质能视界')
    expect(screen.getByText('《隐私政策》')).toBeTruthy()
    expect(screen.getByText('《用户协议》')).toBeTruthy()
    const buttons = Array.from(consentDialog()!.querySelectorAll('taro-button-core')).map((b) => b.textContent)
    expect(buttons).toEqual(['不同意', '同意'])
    // MIIT: no 「好的」/「我知道了」, and nothing pre-ticked.
    expect(dialogText()).not.toMatch(/好的|我知道了/)
    expect(consentDialog()!.querySelector('taro-checkbox-core, taro-switch-core, input[type=checkbox]')).toBeNull()
  })

  it('sends no request at all before the choice, not even when the page is pulled or scrolled', async () => {
    holdAppTimers()
    const { container } = render(<FeedPage />)
    await settle()

    await act(async () => {
      await Promise.all(firePageEvent('onPullDownRefresh'))
      firePageEvent('onReachBottom')
    })
    await settle()

    expect(network.sent).toHaveLength(0)
    expect(cardCount(container)).toBe(0)
    expect(deviceLedger()).toEqual([])
  })

  it('the links open the full documents in the account subpackage', () => {
    render(<FeedPage />)

    fireEvent.click(screen.getByText('《隐私政策》'))
    fireEvent.click(screen.getByText('《用户协议》'))

    expect(Taro.navigateTo).toHaveBeenNthCalledWith(1, { url: '/packages/account/pages/policy/index?doc=privacy' })
    expect(Taro.navigateTo).toHaveBeenNthCalledWith(2, { url: '/packages/account/pages/policy/index?doc=terms' })
    expect(network.sent).toHaveLength(0)
  })

  it('「同意」 records both documents in the device ledger and loads the feed', async () => {
    const before = Date.now()
    const { container } = render(<FeedPage />)

    await agree()

    await waitFor(() => expect(cardCount(container)).toBe(20))
    expect(consentDialog()).toBeNull()
    expect(deviceLedger()).toEqual([
      {
        decision: { document: 'privacy', version: '1.6.0', choice: 'agree', at: expect.any(Number), platform: 'h5' },
        synced: false,
      },
      {
        decision: { document: 'terms', version: '1.1.0', choice: 'agree', at: expect.any(Number), platform: 'h5' },
        synced: false,
      },
    ])
    expect(deviceLedger()[0].decision.at).toBeGreaterThanOrEqual(before)
    // Guests and members alike: nothing about the user went to the server, only the feed's own requests
    // and, after the consent, the check of which policy versions are published.
    expect(new Set(network.sent.map((r) => r.functionName))).toEqual(new Set(['listings', 'auth']))
    expect(network.sent.filter((r) => r.functionName === 'auth').map((r) => r.body.action)).toEqual([
      'getPolicyVersions',
    ])
  })

  it('「不同意」 still shows the feed, as a guest', async () => {
    const { container } = render(<FeedPage />)

    await decline()

    await waitFor(() => expect(cardCount(container)).toBe(20))
    expect(consentDialog()).toBeNull()
    expect(ledgerChoices()).toEqual(['privacy:1.6.0:disagree', 'terms:1.1.0:disagree'])
    expect(network.sent.every((r) => r.functionName === 'listings' && !r.headers.authorization)).toBe(true)
  })
})

describe('a guest', () => {
  it('tapping 「登录」 is asked for consent again, saying why; 「不同意」 leaves them browsing', async () => {
    const { container } = render(<FeedPage />)
    await decline()
    await waitFor(() => expect(cardCount(container)).toBe(20))

    fireEvent.click(loginEntry())

    await waitFor(() => expect(consentDialog()).not.toBeNull())
    expect(dialogText()).toContain('需要你的同意')
    expect(dialogText()).toContain('登录需要处理你的个人信息')
    await decline()

    expect(consentDialog()).toBeNull()
    expect(document.querySelector('.age-gate, .login-sheet')).toBeNull()
    expect(ledgerChoices()).toEqual([
      'privacy:1.6.0:disagree',
      'terms:1.1.0:disagree',
      'privacy:1.6.0:disagree',
      'terms:1.1.0:disagree',
    ])
    expect(cardCount(container)).toBe(20)
  })

  it('who agrees when asked again goes on to the age confirmation', async () => {
    render(<FeedPage />)
    await decline()

    fireEvent.click(loginEntry())
    await agree()

    expect(await screen.findByText('确认你的年龄')).toBeTruthy()
    expect(ledgerChoices().slice(-2)).toEqual(['privacy:1.6.0:agree', 'terms:1.1.0:agree'])
  })
})

describe('the age confirmation', () => {
  it('「我未满 14 周岁」 explains that login needs a guardian, records the answer, and opens no login sheet', async () => {
    render(<FeedPage />)
    await agree()

    fireEvent.click(loginEntry())
    fireEvent.click(await screen.findByText('我未满 14 周岁'))

    expect(await screen.findByText('暂时无法登录')).toBeTruthy()
    expect(document.querySelector('.age-gate')?.textContent).toContain('监护人的同意')
    expect(deviceLedger().at(-1)?.decision).toMatchObject({ document: 'age', version: '1.0.0', choice: 'minor' })
    fireEvent.click(screen.getByText('返回浏览'))

    await waitFor(() => expect(document.querySelector('.age-gate')).toBeNull())
    expect(document.querySelector('.login-sheet')).toBeNull()
    expect(network.sent.some((r) => r.functionName === 'auth')).toBe(false)

    // Asking again asks the age again: never straight to the login sheet.
    fireEvent.click(loginEntry())
    expect(await screen.findByText('确认你的年龄')).toBeTruthy()
    expect(document.querySelector('.login-sheet')).toBeNull()
  })

  it('「我已年满 14 周岁」 opens the login sheet, which 「取消」 closes', async () => {
    render(<FeedPage />)
    await agree()

    fireEvent.click(loginEntry())
    fireEvent.click(await screen.findByText('我已年满 14 周岁'))

    await waitFor(() => expect(document.querySelector('.login-sheet')).not.toBeNull())
    expect(deviceLedger().at(-1)?.decision).toMatchObject({ document: 'age', choice: 'adult' })
    fireEvent.click(screen.getByText('取消'))

    await waitFor(() => expect(document.querySelector('.login-sheet')).toBeNull())
    expect(network.sent.some((r) => r.functionName === 'auth')).toBe(false)
  })
})

describe('after the documents change', () => {
  it('a device that agreed to an older version sees what changed, and nothing is sent until it chooses', async () => {
    // Agreed to 0.9.0 on an earlier install; the current documents carry a material change since.
    Taro.setStorageSync(
      CONSENT_STORAGE_KEY,
      JSON.stringify(
        (['privacy', 'terms'] as const).map((document) => ({
          decision: { document, version: '0.9.0', choice: 'agree', at: Date.now() - 86_400_000, platform: 'h5' },
          synced: false,
        })),
      ),
    )
    holdAppTimers()
    const { container } = render(<FeedPage />)
    await settle()
    jest.useRealTimers()

    expect(dialogText()).toContain('隐私政策和用户协议有更新')
    expect(dialogText()).toContain('质能视界隐私政策 1.6.0')
    expect(dialogText()).toContain('质能视界用户协议 1.1.0')
    expect(dialogText()).toContain('首次发布：说明我们处理哪些个人信息')
    expect(network.sent).toHaveLength(0)

    await agree()

    await waitFor(() => expect(cardCount(container)).toBe(20))
    expect(ledgerChoices().slice(-2)).toEqual(['privacy:1.6.0:agree', 'terms:1.1.0:agree'])
  })
})

describe('a platform privacy request (WeChat/Alipay onNeedPrivacyAuthorization)', () => {
  it('shows our dialog; 「同意」 answers the platform with agree', async () => {
    render(<FeedPage />)
    await agree()
    const resolve = jest.fn()

    act(() => onNeedPrivacyAuthorization(resolve))
    await waitFor(() => expect(consentDialog()).not.toBeNull())
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
    await agree()

    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree' })
    expect(consentDialog()).toBeNull()
  })

  it('「不同意」 answers disagree, and does not withdraw what the user agreed to in our dialog', async () => {
    render(<FeedPage />)
    await agree()
    const resolve = jest.fn()

    act(() => onNeedPrivacyAuthorization(resolve))
    await decline()

    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
    expect(ledgerChoices()).toEqual(['privacy:1.6.0:agree', 'terms:1.1.0:agree'])
  })
})
