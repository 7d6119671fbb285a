import { cleanup, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Collections } from '@shared/collections'
import type { MyListingDetail } from '@shared/contracts'
import type { StoredDocument } from '@shared/ports/document-store'
import { chinaDate } from '@/features/privacy'
import CancelAccountPage from '@/packages/account/pages/cancel-account/index'
import MyDataPage from '@/packages/account/pages/my-data/index'
import { Routes } from '@/routes'
import { currentSession } from '@/services/session'
import { dataOf } from '../../../../support/accounts'
import { listingsHttp, validListing } from '../../../../support/listings'
import { tap, typeInto } from '../../../../support/web/input'
import { logInOnDevice, sentActions } from '../../../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../../../support/web/network'

const PHONE = '13600136002'
const DAY = 24 * 60 * 60 * 1000

let network: FakeNetwork
let modal: jest.SpyInstance
/** What each 「确定」/「取消」 of a modal answers, in order; confirm once the list is empty. */
let modalAnswers: boolean[]

beforeEach(async () => {
  network = await installFakeNetwork()
  modalAnswers = []
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  modal = jest
    .spyOn(Taro, 'showModal')
    .mockImplementation(async () => ({ confirm: modalAnswers.shift() ?? true, cancel: false, errMsg: 'ok' }))
})

afterEach(async () => {
  cleanup()
  jest.restoreAllMocks()
  await network.restore()
})

const pendingRequests = async () =>
  (
    await network.backend.store.find<StoredDocument>(Collections.accountDeletions, {
      where: {},
      orderBy: [{ field: '_id', direction: 'asc' }],
      limit: 10,
    })
  ).items

const listingStatus = async (id: string) =>
  (await network.backend.store.get<StoredDocument>(Collections.listings, id))?.status

/** A member on this device with one published listing. */
async function memberWithListing() {
  const session = await logInOnDevice(network, PHONE)
  const listing = dataOf(
    await listingsHttp<MyListingDetail>(network.backend, 'createListing', validListing(), session.token),
  )
  network.sent.length = 0
  return { session, listing }
}

/** On the page: 获取验证码 (the code goes to the account's own number), then the code typed. */
async function enterDeletionCode(code?: string): Promise<void> {
  await tap(await screen.findByText('获取验证码'))
  await waitFor(() => expect(screen.getByText(/^\d+ 秒后重发$/)).toBeTruthy())
  await typeInto('sms-login__code', code ?? network.backend.outbox.lastCodeFor(PHONE)!)
}

describe('注销账号', () => {
  it('a guest is asked to log in first', () => {
    render(<CancelAccountPage />)
    expect(screen.getByText('登录后才能注销账号')).toBeTruthy()
    expect(document.querySelector('.cancel-account-page__submit')).toBeNull()
  })

  it('我的数据 leads to it with a destructive 「注销账号」 near the bottom', async () => {
    await logInOnDevice(network, PHONE)
    render(<MyDataPage />)
    const row = await waitFor(() => {
      const found = document.querySelector('.my-data-page__cancel-account')
      expect(found).not.toBeNull()
      return found
    })
    expect(row?.textContent).toBe('注销账号')
    expect(row?.className).toContain('privacy-page__danger')
    await tap(row)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: Routes.cancelAccount })
  })

  it('with the SMS code to the account’s own number: confirmed, pending on the server, the device logged out, back to the feed', async () => {
    const { session, listing } = await memberWithListing()
    render(<CancelAccountPage />)

    // What goes, what stays and for how long, the cooling-off, the same number later, the 15 working days.
    const page = document.querySelector('.cancel-account-page')!.textContent!
    for (const words of [
      '头像',
      '图片',
      '评论',
      '收藏',
      '同意记录',
      '他人对你发布的信息',
      '6 个月',
      '3 年',
      '7 天内重新登录',
      '15 个工作日',
      '同一手机号',
    ]) {
      expect(page).toContain(words)
    }
    // The number is the account's, shown masked, and not typed.
    expect(screen.getByText('验证码将发送到本账号的手机号 136****6002')).toBeTruthy()
    expect(document.querySelector('.sms-login__phone')).toBeNull()

    await enterDeletionCode()
    expect(sentActions(network, 'privacy', 'sendDeletionCode')).toHaveLength(1)
    expect(sentActions(network, 'auth', 'sendSmsCode')).toHaveLength(0)

    // 取消 in the confirmation sends nothing.
    modalAnswers.push(false)
    await tap(document.querySelector('.cancel-account-page__submit'))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '确定注销账号吗？' }))
    expect(sentActions(network, 'privacy', 'requestAccountDeletion')).toHaveLength(0)

    await tap(document.querySelector('.cancel-account-page__submit'))
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: Routes.feed }))

    const [pending] = await pendingRequests()
    expect(pending).toMatchObject({ _id: session.profile.userId, method: 'sms', startedAt: null })
    const purgeAt = pending.purgeAt as number
    expect(purgeAt - (pending.requestedAt as number)).toBe(7 * DAY)
    expect(modal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '已提交注销申请',
        content: `账号将于 ${chinaDate(purgeAt)} 注销。在此之前重新登录，可以一键撤销注销。`,
      }),
    )
    expect(currentSession()).toBeNull()
    expect(await listingStatus(listing.id)).toBe('withheld')
    // The server ended that login too.
    const again = await network.backend.callHttp(
      'privacy',
      { action: 'getMyData' },
      { authorization: `Bearer ${session.token}` },
    )
    expect(again.statusCode).toBe(401)
  })

  it('the code is asked for after the human check, like every SMS code', async () => {
    await network.restore()
    network = await installFakeNetwork({ humanCheck: 'pow' })
    await logInOnDevice(network, PHONE)
    render(<CancelAccountPage />)

    await enterDeletionCode()

    expect(sentActions(network, 'auth', 'getSmsChallenge')).toHaveLength(1)
    const [sent] = sentActions(network, 'privacy', 'sendDeletionCode')
    expect(sent.body.payload).toEqual({ humanCheck: expect.any(String) })
    expect(screen.getByText(/^演示环境：验证码不会发到手机/)).toBeTruthy()
  })

  it('a malformed code is refused on the device, a wrong one by the server, under the code field; nothing is pending', async () => {
    await memberWithListing()
    render(<CancelAccountPage />)
    const codeError = () => document.querySelector('.sms-login__error--code')?.textContent ?? null

    await tap(document.querySelector('.cancel-account-page__submit'))
    expect(codeError()).toBe('请输入 6 位数字验证码')
    expect(modal).not.toHaveBeenCalled()

    await enterDeletionCode()
    const real = network.backend.outbox.lastCodeFor(PHONE)
    await typeInto('sms-login__code', real === '000000' ? '111111' : '000000')
    await tap(document.querySelector('.cancel-account-page__submit'))
    await waitFor(() => expect(codeError()).toBe('验证码错误，还可尝试 4 次'))

    expect(await pendingRequests()).toEqual([])
    expect(currentSession()).not.toBeNull()
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })

  it('logging in again offers 「撤销注销」 in a modal; undoing leaves nothing pending and the listing back', async () => {
    const { listing } = await memberWithListing()
    const { unmount } = render(<CancelAccountPage />)
    await enterDeletionCode()
    await tap(document.querySelector('.cancel-account-page__submit'))
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalled())
    unmount()
    const [pending] = await pendingRequests()
    modal.mockClear()

    // Any login: the device's own, here by SMS (a minute later, when a login code may be sent again).
    network.backend.clock.advance(61_000)
    await logInOnDevice(network, PHONE)

    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已撤销', icon: 'success' }))
    expect(modal).toHaveBeenCalledTimes(1)
    expect(modal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: `账号将于 ${chinaDate(pending.purgeAt as number)} 注销`,
        confirmText: '撤销注销',
        cancelText: '暂不',
      }),
    )
    expect(await pendingRequests()).toEqual([])
    expect(await listingStatus(listing.id)).toBe('published')
  })

  it('「暂不」 keeps it pending: 我的数据 shows a banner whose 撤销注销 undoes it, without asking again', async () => {
    await memberWithListing()
    const { unmount } = render(<CancelAccountPage />)
    await enterDeletionCode()
    await tap(document.querySelector('.cancel-account-page__submit'))
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalled())
    unmount()

    modalAnswers.push(false)
    network.backend.clock.advance(61_000)
    await logInOnDevice(network, PHONE)
    await waitFor(() => expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ cancelText: '暂不' })))
    const asked = modal.mock.calls.length

    render(<MyDataPage />)
    const undo = await screen.findByText('撤销注销', { selector: '.deletion-banner__undo' })
    expect(document.querySelector('.deletion-banner')?.textContent).toMatch(/^账号将于 \d{4}-\d{2}-\d{2} 注销/)
    // Pending: no second 注销账号 to tap, and the same session is not asked again.
    expect(document.querySelector('.my-data-page__cancel-account')).toBeNull()
    expect(modal.mock.calls.length).toBe(asked)

    await tap(undo)
    await waitFor(() => expect(document.querySelector('.deletion-banner')).toBeNull())
    expect(await pendingRequests()).toEqual([])
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已撤销', icon: 'success' })
  })
})
