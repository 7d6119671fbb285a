import { act, cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Collections } from '@shared/collections'
import { policyEditions } from '@shared/policy/editions'
import FeedPage from '@/pages/index/index'
import CategoriesPage from '@/packages/moderation/pages/categories/index'
import PolicyVersionsPage from '@/packages/moderation/pages/policy-versions/index'
import { member, type Member } from '../../../support/member'
import { tap, typeInto } from '../../../support/web/input'
import { sentActions, sessionOnDevice } from '../../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../../support/web/network'
import { firePageEvent } from '../../../support/web/page'
import { withNewPrivacy } from '../../../support/policy-editions'

const ADMIN = '13500135201'
const MODERATOR = '13500135202'
const POSTER = '13500135203'

// Each story chains several round trips through the real handlers on a loaded 2-core machine.
configure({ asyncUtilTimeout: 4000 })

let network: FakeNetwork
let modal: jest.SpyInstance
let toast: jest.SpyInstance

beforeEach(async () => {
  network = await installFakeNetwork()
  toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => undefined)
  modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' })
})

afterEach(async () => {
  cleanup()
  jest.restoreAllMocks()
  await network.restore()
})

/** A member with `role` logged in on this device (agreed, age confirmed; the session from the API). */
async function onDevice(phone: string, role: 'moderator' | 'admin' | null): Promise<Member<'moderation'>> {
  const m = await member(network.backend, phone, 'moderation')
  if (role) await network.backend.store.insert(Collections.moderatorRoles, { _id: m.userId, role, grantedAt: 0 })
  return sessionOnDevice(network, m)
}

const one = (selector: string) => document.querySelector(selector)
const all = (selector: string) => Array.from(document.querySelectorAll(selector))
const card = (id: string) => one(`.category-card[data-category="${id}"]`)
const names = () => all('.category-card__name').map((e) => e.textContent)
const auditActions = async (action: string) =>
  (await network.backend.store.find(Collections.auditLog, { where: { action }, orderBy: [], limit: 10 })).items

/** The page shown again, as the platform does on going back to it; resolves when its reloads are in. */
async function showAgain(): Promise<void> {
  await act(async () => {
    firePageEvent('componentDidShow')
    await network.idle()
  })
}

describe('分类管理', () => {
  it('an admin hides 代理加盟 after confirming; back on 首页 the tab is gone and the feed shows 全部 again', async () => {
    await onDevice(ADMIN, 'admin')
    const feed = render(<FeedPage />)
    await waitFor(() => expect(all('.category-tabs__tab').map((t) => t.textContent)).toContain('代理加盟'))
    fireEvent.click(all('.category-tabs__tab').find((t) => t.textContent === '代理加盟')!)
    await waitFor(() => expect(one('.category-tabs__tab--active')?.textContent).toBe('代理加盟'))
    feed.unmount()

    render(<CategoriesPage />)
    await waitFor(() => expect(card('agency')).not.toBeNull())
    expect(card('agency')?.querySelector('.category-card__delete')).toBeNull()
    expect(card('agency')?.textContent).toContain('有信息在用的分类不能删除，只能隐藏。')

    // Declining the confirmation changes nothing.
    modal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'ok' })
    await tap(card('agency')?.querySelector('.category-card__hide'))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '隐藏「代理加盟」' }))
    expect(sentActions(network, 'moderation', 'setCategoryHidden')).toHaveLength(0)

    await tap(card('agency')?.querySelector('.category-card__hide'))
    await waitFor(() => expect(card('agency')?.querySelector('.category-card__badge')?.textContent).toBe('已隐藏'))
    expect(card('agency')?.querySelector('.category-card__hide')?.textContent).toBe('恢复显示')
    expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已隐藏' }))
    expect(await network.backend.store.get(Collections.categories, 'agency')).toMatchObject({ hidden: true })
    expect(await auditActions('hideCategory')).toHaveLength(1)
    cleanup()

    // The feed page as it was left (rendered again, then shown): its tabs are read again on show.
    render(<FeedPage />)
    await waitFor(() => expect(all('.category-tabs__tab').length).toBeGreaterThan(2))
    expect(all('.category-tabs__tab').map((t) => t.textContent)).not.toContain('代理加盟')
  })

  it('the feed, still open underneath, reads its tabs again when shown after a change and falls back to 全部', async () => {
    await onDevice(ADMIN, 'admin')
    render(<FeedPage />)
    await waitFor(() => expect(all('.category-tabs__tab').map((t) => t.textContent)).toContain('代理加盟'))
    fireEvent.click(all('.category-tabs__tab').find((t) => t.textContent === '代理加盟')!)
    await waitFor(() => expect(one('.category-tabs__tab--active')?.textContent).toBe('代理加盟'))
    const tabReads = sentActions(network, 'listings', 'listCategories').length

    // The admin hides it on the console page (through the app's api client, as that page does).
    render(<CategoriesPage />)
    await waitFor(() => expect(card('agency')).not.toBeNull())
    await tap(card('agency')?.querySelector('.category-card__hide'))
    await waitFor(() => expect(card('agency')?.querySelector('.category-card__badge')).not.toBeNull())

    await showAgain()
    expect(sentActions(network, 'listings', 'listCategories').length).toBe(tabReads + 1)
    await waitFor(() => expect(one('.category-tabs__tab--active')?.textContent).toBe('全部'))
    expect(all('.category-tabs__tab').map((t) => t.textContent)).not.toContain('代理加盟')
  })

  it('adding a category: a missing name and a repeated 补充项 are named by field; saved, it is last and audited', async () => {
    await onDevice(ADMIN, 'admin')
    render(<CategoriesPage />)
    await waitFor(() => expect(names().length).toBeGreaterThan(3))
    const before = names()

    await tap(one('.category-console__add'))
    await tap(one('.category-editor__save'))
    await waitFor(() => expect(one('.category-editor__error')?.textContent).toContain('分类名称'))
    // The app checks the input against the contract before sending: nothing left the device.
    expect(sentActions(network, 'moderation', 'saveCategory')).toHaveLength(0)

    await typeInto('category-editor__name', '展会活动')
    // 品牌 not shown, so it cannot stay required; 公司名称 required, so it is shown.
    await tap(one('.category-editor__rule[data-field="brand"] .category-editor__shown'))
    await tap(one('.category-editor__rule[data-field="company"] .category-editor__required'))
    expect(
      one('.category-editor__rule[data-field="company"] .category-editor__shown')?.getAttribute('aria-checked'),
    ).toBe('true')
    await tap(one('.category-editor__add-extra'))
    await tap(one('.category-editor__add-extra'))
    await typeInto('category-editor__extra[data-extra="0"] .category-editor__extra-label', '展会时间')
    await typeInto('category-editor__extra[data-extra="1"] .category-editor__extra-label', '展会时间')
    await tap(one('.category-editor__save'))
    await waitFor(() =>
      expect(one('.category-editor__extra[data-extra="1"] .category-editor__error')?.textContent).toBe(
        '补充项名称重复',
      ),
    )
    expect(names()).toEqual(before)

    await typeInto('category-editor__extra[data-extra="1"] .category-editor__extra-label', '展位数量')
    await tap(one('.category-editor__extra[data-extra="1"] .category-editor__extra-required'))
    await tap(one('.category-editor__save'))
    await waitFor(() => expect(names()).toEqual([...before, '展会活动']))
    expect(one('.category-editor')).toBeNull()
    expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已保存' }))
    const added = all('.category-card').at(-1)!
    expect(added.querySelector('.category-card__fields')?.textContent).toBe(
      '填写项：公司名称（必填）、所在地区、图片、联系人、手机号、微信号、QQ 号 · 补充：展会时间、展位数量（必填）',
    )
    // New and unused: it may be deleted, and it is the last, so it cannot move down.
    expect(added.querySelector('.category-card__delete')).not.toBeNull()
    expect(added.querySelector('.category-card__down')?.hasAttribute('disabled')).toBe(true)
    expect(await auditActions('saveCategory')).toHaveLength(1)
  })

  it('moving and renaming: 下移 swaps with the next; an edit keeps saved 补充项 keys; the first cannot move up', async () => {
    await onDevice(ADMIN, 'admin')
    render(<CategoriesPage />)
    await waitFor(() => expect(names().length).toBeGreaterThan(3))
    const [first, second, ...rest] = names()
    expect(all('.category-card')[0]?.querySelector('.category-card__up')?.hasAttribute('disabled')).toBe(true)

    await tap(all('.category-card')[0]?.querySelector('.category-card__down'))
    await waitFor(() => expect(names()).toEqual([second, first, ...rest]))
    expect(await auditActions('moveCategory')).toHaveLength(1)

    await tap(card('brand-franchise')?.querySelector('.category-card__edit'))
    // A saved 补充项's key is what listings store its value under: shown, not editable.
    await waitFor(() =>
      expect(
        one('.category-editor__extra[data-extra="0"] .category-editor__extra-key input')?.hasAttribute('disabled'),
      ).toBe(true),
    )
    await typeInto('category-editor__name', '品牌连锁')
    await tap(one('.category-editor__save'))
    await waitFor(() =>
      expect(card('brand-franchise')?.querySelector('.category-card__name')?.textContent).toBe('品牌连锁'),
    )
    const saved = await network.backend.store.get(Collections.categories, 'brand-franchise')
    expect(saved).toMatchObject({ name: '品牌连锁' })
  })

  it('deleting a category that a listing took meanwhile is refused, said on its card, and the list is read again', async () => {
    const admin = await onDevice(ADMIN, 'admin')
    await admin.ok('saveCategory', {
      name: '展会活动',
      fields: Object.fromEntries(
        ['company', 'brand', 'region', 'images', 'contactName', 'phone', 'wechat', 'qq'].map((f) => [
          f,
          { shown: true, required: false },
        ]),
      ) as never,
      extraFields: [],
    })
    render(<CategoriesPage />)
    await waitFor(() => expect(names()).toContain('展会活动'))
    const id = all('.category-card').at(-1)!.getAttribute('data-category')!

    const poster = await member(network.backend, POSTER, 'listings')
    await poster.publish({ category: id })
    await tap(card(id)?.querySelector('.category-card__delete'))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '删除「展会活动」' }))
    await waitFor(() => expect(card(id)?.querySelector('.category-card__error')?.textContent).toContain('隐藏'))
    expect(sentActions(network, 'moderation', 'deleteCategory').map((r) => r.body.payload)).toEqual([{ id }])
    await waitFor(() => expect(card(id)?.textContent).toContain('1 条信息使用'))
    expect(await network.backend.store.get(Collections.categories, id)).not.toBeNull()
    expect(await auditActions('deleteCategory')).toHaveLength(0)
  })

  it('a moderator sees the settings without buttons; a member without a role is told the page is not theirs', async () => {
    await onDevice(MODERATOR, 'moderator')
    render(<CategoriesPage />)
    await waitFor(() => expect(card('agency')).not.toBeNull())
    expect(one('.category-console__intro')?.textContent).toBe('只有管理员可以修改分类；你可以查看每个分类的设置。')
    expect(all('.category-card__actions, .category-console__add')).toHaveLength(0)
    cleanup()

    await onDevice(POSTER, null)
    render(<CategoriesPage />)
    await waitFor(() => expect(screen.getByText('你没有审核权限')).toBeTruthy())
  })
})

describe('政策版本', () => {
  const current = policyEditions.privacy.version

  it('shows what is published and who agreed to which; an admin publishes the waiting version after confirming', async () => {
    await onDevice(ADMIN, 'admin')
    network.backend.deps.policyEditions = withNewPrivacy
    render(<PolicyVersionsPage />)
    const privacy = () => one('.policy-doc[data-document="privacy"]')
    await waitFor(() =>
      expect(privacy()?.querySelector('.policy-doc__published')?.textContent).toBe(`当前要求同意的版本：${current}`),
    )
    expect(privacy()?.textContent).toContain('待发布：9.0.0（2026-12-02，重大变更）')
    expect(privacy()?.querySelector('.policy-version[data-version="9.0.0"] .policy-version__head')?.textContent).toBe(
      '9.0.0 · 2026-12-02 · 重大变更 · 未发布',
    )
    // The admin is the one active member, agreed to the published version.
    const shares = privacy()?.querySelector('.stats-table--shares-privacy')
    expect(shares?.getAttribute('aria-label')).toBe('近 30 天登录过的 1 位会员最近同意的版本')
    expect(
      Array.from(shares!.querySelectorAll('.stats-table__row:not(.stats-table__row--head)')).map((r) => r.textContent),
    ).toEqual([`${current}1100%`])
    expect(one('.policy-doc[data-document="terms"]')?.textContent).toContain('代码中的最新版本已发布。')

    modal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'ok' })
    await tap(privacy()?.querySelector('.policy-doc__publish'))
    expect(modal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '发布质能视界隐私政策 9.0.0', content: expect.stringContaining('重大变更') }),
    )
    expect(sentActions(network, 'moderation', 'publishPolicyVersion')).toHaveLength(0)

    await tap(privacy()?.querySelector('.policy-doc__publish'))
    await waitFor(() =>
      expect(privacy()?.querySelector('.policy-doc__published')?.textContent).toBe('当前要求同意的版本：9.0.0'),
    )
    expect(privacy()?.querySelector('.policy-doc__publish')).toBeNull()
    expect(all('.policy-doc[data-document="privacy"] .policy-doc__publication').map((e) => e.textContent)).toEqual([
      expect.stringMatching(/ · 9\.0\.0 · 审核员 \w{8}$/),
      expect.stringMatching(new RegExp(` · ${current.replace(/\./g, '\\.')} · 首次启动时记录$`)),
    ])
    expect(await auditActions('publishPolicy')).toHaveLength(1)
  })

  it('a moderator may look but not publish', async () => {
    await onDevice(MODERATOR, 'moderator')
    network.backend.deps.policyEditions = withNewPrivacy
    render(<PolicyVersionsPage />)
    await waitFor(() => expect(one('.policy-doc[data-document="privacy"]')?.textContent).toContain('待发布：9.0.0'))
    expect(one('.policy-doc__publish')).toBeNull()
    expect(one('.policy-console__intro')?.textContent).toContain('只有管理员可以发布。')
  })
})
