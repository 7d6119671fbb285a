import { cleanup, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Collections } from '@shared/collections'
import type { PersonalDataExport } from '@shared/contracts'
import { deviceLedger, recordPolicyChoice } from '@/features/consent'
import { browseHistory, recordBrowse, searchHistory, rememberSearch } from '@/features/history'
import DataListsPage from '@/packages/account/pages/data-lists/index'
import MyDataPage from '@/packages/account/pages/my-data/index'
import PermissionsPage from '@/packages/account/pages/permissions/index'
import { currentSession } from '@/services/session'
import { logInOnDevice } from '../../../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../../../support/web/network'
import { openRoute } from '../../../../support/web/page'
import { tap } from '../../../../support/web/input'

const PHONE = '13600136001'

let network: FakeNetwork
let modal: jest.SpyInstance
/** What the browser was asked to download: the Blob behind each object URL. */
let downloads: Blob[]

beforeEach(async () => {
  network = await installFakeNetwork()
  downloads = []
  URL.createObjectURL = jest.fn((blob: Blob) => {
    downloads.push(blob)
    return `blob:download-${downloads.length}`
  })
  URL.revokeObjectURL = jest.fn()
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' })
  modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
})

afterEach(async () => {
  cleanup()
  jest.restoreAllMocks()
  await network.restore()
})

const blobText = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.readAsText(blob)
  })

describe('我的数据', () => {
  it('a guest is asked to log in first', () => {
    render(<MyDataPage />)
    expect(screen.getByText('登录后查看和导出你的数据')).toBeTruthy()
  })

  it('shows the data by category, then exports it: the browser downloads the JSON and the summary is shown', async () => {
    const session = await logInOnDevice(network, PHONE)
    render(<MyDataPage />)
    await waitFor(() =>
      expect(document.querySelector('.my-data-page__category--account')?.textContent).toContain('手机号 136****6001'),
    )
    expect(document.querySelector('.my-data-page__category--consent')?.textContent).toContain('同意记录')
    expect(document.querySelector('.my-data-page__consents')?.textContent).toContain('你还没有发布带联系方式的信息')

    await tap(screen.getByText('导出我的数据', { selector: 'button, .taro-button-core, taro-button-core' }))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '导出我的数据', confirmText: '导出' }))
    await waitFor(() =>
      expect(document.querySelector('.my-data-page__summary')?.textContent).toContain('质能视界个人信息副本'),
    )
    expect(downloads).toHaveLength(1)
    const exported = JSON.parse(await blobText(downloads[0])) as PersonalDataExport
    expect(exported.userId).toBe(session.profile.userId)
    const users = exported.sections.flatMap((s) => s.collections).find((c) => c.collection === Collections.users)
    expect(users?.records[0]).toMatchObject({ phone: PHONE })
    expect(document.querySelector('.my-data-page__saved')?.textContent).toMatch(/^已下载 质能视界-个人信息-/)

    // A second export the same day is refused with the server's reason, and nothing more is downloaded.
    await tap(document.querySelector('.my-data-page__export-button'))
    await waitFor(() => expect(screen.getByText('每天最多导出 1 次，请明天再试')).toBeTruthy())
    expect(downloads).toHaveLength(1)
  })

  it('撤回同意 records the withdrawal on the account, logs out and forgets the device’s history', async () => {
    const session = await logInOnDevice(network, PHONE)
    rememberSearch('储能')
    recordBrowse({
      id: 'demo-0001',
      title: '示例信息',
      categoryName: '代理加盟',
      province: '广东省',
      city: '深圳',
      coverImage: null,
    } as never)
    render(<MyDataPage />)
    await tap(document.querySelector('.my-data-page__withdraw'))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '撤回同意', confirmText: '撤回' }))
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalled())

    const { items } = await network.backend.store.find(Collections.consentLedger, {
      where: { userId: session.profile.userId, document: 'privacy', choice: 'disagree' },
      orderBy: [{ field: '_id', direction: 'asc' }],
      limit: 10,
    })
    expect(items).toHaveLength(1)
    expect(currentSession()).toBeNull()
    expect(browseHistory()).toEqual([])
    expect(searchHistory()).toEqual([])
    expect(deviceLedger().at(-1)).toMatchObject({ decision: { document: 'terms', choice: 'disagree' }, synced: true })
    // The server no longer accepts the old token.
    const again = await network.backend.callHttp(
      'privacy',
      { action: 'getMyData' },
      { authorization: `Bearer ${session.token}` },
    )
    expect(again.statusCode).toBe(401)
  })

  it('when the withdrawal cannot reach the server, nothing changes on the device', async () => {
    await logInOnDevice(network, PHONE)
    render(<MyDataPage />)
    network.offline = true
    await tap(document.querySelector('.my-data-page__withdraw'))
    await waitFor(() => expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '未能撤回' })))
    expect(currentSession()).not.toBeNull()
    expect(deviceLedger().some((e) => e.decision.choice === 'disagree')).toBe(false)
  })
})

describe('权限管理 and the lists', () => {
  it('in a browser every permission is asked when used, and no settings button is offered', () => {
    render(<PermissionsPage />)
    expect(screen.getAllByText('使用时询问')).toHaveLength(5)
    expect(screen.getByText(/网页版不保存任何权限/)).toBeTruthy()
    expect(document.querySelector('.permissions-page__open')).toBeNull()
  })

  it('个人信息收集清单 and 第三方信息共享清单 come from the server’s inventory, readable without logging in', async () => {
    // A visitor who said 「不同意」 still browses, and may read what would be collected.
    recordPolicyChoice('disagree')
    openRoute('/packages/account/pages/data-lists/index', { kind: 'collected' })
    const { unmount } = render(<DataListsPage />)
    await waitFor(() => expect(document.querySelectorAll('.data-lists-page__collected').length).toBeGreaterThan(5))
    expect(screen.getAllByText('仅本机').length).toBeGreaterThan(0)
    expect(Taro.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: '个人信息收集清单' })
    unmount()

    openRoute('/packages/account/pages/data-lists/index', { kind: 'shared' })
    render(<DataListsPage />)
    await waitFor(() => expect(document.querySelectorAll('.data-lists-page__recipient')).toHaveLength(4))
    expect(screen.getByText('腾讯云短信')).toBeTruthy()
  })
})
