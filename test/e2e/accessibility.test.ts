import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { MyListingDetail, Session } from '@shared/contracts'
import { activePage, openVisitor, waitForPageSettled, type Visitor } from '../support/e2e/browser'
import { answerConsent, taroStorageItem } from '../support/e2e/consent'
import { appPages, auditPage, TRACK_TAP_LISTENERS, type PageAudit } from '../support/e2e/audit'
import { fillPublishDetails } from '../support/e2e/publish-form'
import { plainJpeg } from '../support/images'
import { apiLogin, apiPublish } from '../support/e2e/session'
import { startE2eServer, type E2eServer } from '../support/e2e/server'

/**
 * Every page of the app (the route table in src/app.config.ts, so a page added later is checked too) and
 * the states that are pages of their own to a user (the consent dialog, the age question, the login sheet,
 * each publishing step), through one browser: one axe pass per page, asserting no critical or serious
 * violation, and every clickable element at least 44 × 44 px.
 */

jest.setTimeout(60_000)

const MEMBER = '13677770001'
const OTHER = '13677770002'
const HELD_TITLE = '稳赚不赔的储能柜加盟项目'
/** A made-up filing number: the audited pages show it, so its footer is audited too. */
const ICP_BEIAN = '沪ICP备20269999号-1'

let server: E2eServer
let v: Visitor
let member: Session
let mine: MyListingDetail
const audited = new Map<string, PageAudit>()

beforeAll(async () => {
  server = await startE2eServer({ env: { SMS_CAPTCHA: 'off', ICP_BEIAN } })
  // A member with something on every page: a listing someone revealed and commented on, a favourite, a
  // report, notices; an admin too (the console's buttons are audited), with a held listing in the queue.
  member = await apiLogin(server, MEMBER)
  const other = await apiLogin(server, OTHER)
  expect(await server.moderator('grant', MEMBER, '--role', 'admin')).toContain('管理员')
  // Pictures too (avatars, a listing's photo), so that every kind of image is audited for its text.
  const jpeg = { mimeType: 'image/jpeg', data: Buffer.from(plainJpeg()).toString('base64') }
  await server.call('auth', 'uploadAvatar', jpeg, member.token)
  await server.call('auth', 'uploadAvatar', jpeg, other.token)
  const photo = await server.call<{ key: string }>('listings', 'uploadListingImage', jpeg, member.token)
  mine = await apiPublish(server, member, '智能门锁西南区域招代理', { images: [photo.key] })
  await server.call('interactions', 'revealContact', { listingId: mine.id }, other.token)
  await server.call('interactions', 'postComment', { listingId: mine.id, content: '请问代理费用多少？' }, other.token)
  const [seeded] = (await server.listListings({ pageSize: 2 })).items.filter((l) => l.id !== mine.id)
  await server.call('interactions', 'addFavourite', { listingId: seeded.id }, member.token)
  await server.call(
    'interactions',
    'reportListing',
    { listingId: seeded.id, reason: '虚假信息', note: '' },
    member.token,
  )
  await apiPublish(server, other, HELD_TITLE)
  v = await openVisitor()
  await v.context.addInitScript(TRACK_TAP_LISTENERS)
})

afterAll(async () => {
  await v?.close()
  await server?.close()
  if (audited.size > 0) {
    const rows = [...audited.entries()].map(
      ([name, a]) =>
        `${name}: axe ${a.violations.length}, small ${a.smallTargets.length}, unreachable ${a.unreachable.length}`,
    )
    process.stdout.write(`accessibility: ${audited.size} pages checked\n${rows.join('\n')}\n`)
  }
})

afterEach(() => {
  expect(v.pageErrors).toEqual([])
  expect(v.cspViolations).toEqual([])
})

/** Opens a route as a fresh page load (a hash change alone would stack it over the last page). */
async function open(route: string): Promise<void> {
  await v.page.goto(`${server.url}/#${route}`)
  await v.page.reload()
  await waitForPageSettled(v.page, route.split('?')[0])
  // Everything the page asks the server for has been answered: audit what the user reads, not skeletons.
  await v.page.waitForLoadState('networkidle')
  await activePage(v.page).locator('.state-view--loading').first().waitFor({ state: 'detached' })
}

async function check(name: string): Promise<void> {
  expectClean(name, await audit(name))
}

async function audit(name: string): Promise<PageAudit> {
  const result = await auditPage(v.page)
  audited.set(name, result)
  return result
}

function expectClean(name: string, result: PageAudit): void {
  expect({ page: name, ...result }).toEqual({ page: name, violations: [], smallTargets: [], unreachable: [] })
}

const routes = appPages(readFileSync(resolve(__dirname, '../../src/app.config.ts'), 'utf8'))
/** What a route needs to show its content (a listing, a document). */
const query: Record<string, () => string> = {
  '/pages/detail/index': () => `?id=${mine.id}`,
  '/packages/search/pages/search/index': () => `?keyword=${encodeURIComponent('门锁')}`,
  '/packages/account/pages/policy/index': () => '?doc=privacy',
}

describe('a guest', () => {
  it('the consent dialog on first launch', async () => {
    await v.page.goto(`${server.url}/#/pages/index/index`)
    await waitForPageSettled(v.page)
    await activePage(v.page).locator('.consent-dialog').waitFor({ state: 'visible' })
    const result = await audit('consent dialog')
    // Answered before asserting: every later page needs it.
    await answerConsent(v, server.url)
    expectClean('consent dialog', result)
  })

  it('the feed, a detail and search as a guest', async () => {
    await open('/pages/index/index')
    await check('feed (guest)')
    await open(`/pages/detail/index?id=${mine.id}`)
    await check('detail (guest)')
    await open(`/packages/search/pages/search/index?keyword=${encodeURIComponent('门锁')}`)
    await check('search (guest)')
  })

  it('the age question and the login sheet', async () => {
    await open('/pages/index/index')
    await activePage(v.page).locator('.account-entry--login').tap()
    await activePage(v.page).locator('.age-gate__choice--adult').waitFor({ state: 'visible' })
    await check('age question')
    await activePage(v.page).locator('.age-gate__choice--adult').tap()
    await activePage(v.page).locator('.login-sheet').waitFor({ state: 'visible' })
    await check('login sheet')
  })
})

describe('a member (and admin)', () => {
  beforeAll(async () => {
    await v.page.evaluate(([key, value]) => localStorage.setItem(key, value), [
      'zn.session.v1',
      taroStorageItem(JSON.stringify(member)),
    ] as const)
  })

  it.each(routes)('%s', async (route) => {
    await open(`${route}${query[route]?.() ?? ''}`)
    await check(route)
  })

  it('the ICP filing number is at the foot of 首页 and 我的 and in 关于, linked to the MIIT filing site', async () => {
    for (const [route, link] of [
      ['/pages/index/index', '.icp-footer__link'],
      ['/pages/mine/index', '.icp-footer__link'],
      ['/packages/account/pages/about/index', '.about-page__beian-link'],
    ]) {
      await open(route)
      const found = activePage(v.page).locator(link)
      await expect(found.textContent()).resolves.toBe(ICP_BEIAN)
      await expect(found.getAttribute('href')).resolves.toBe('https://beian.miit.gov.cn/')
    }
  })

  it('the other policy document and the shared-data list', async () => {
    await open('/packages/account/pages/policy/index?doc=terms')
    await check('policy (terms)')
    await open('/packages/account/pages/data-lists/index?kind=shared')
    await check('data lists (shared)')
  })

  it('分类管理 with a category open in its editor', async () => {
    await open('/packages/moderation/pages/categories/index')
    const page = activePage(v.page)
    await page.locator('.category-card__edit').first().tap()
    await page.locator('.category-editor').waitFor({ state: 'visible' })
    await check('categories: editor')
  })

  it('search before a search: the history of the last ones (a one-character word among them)', async () => {
    await v.page.evaluate(([key, value]) => localStorage.setItem(key, value), [
      'zn.search-history.v1',
      taroStorageItem(JSON.stringify(['门锁', '锂'])),
    ] as const)
    await open('/packages/search/pages/search/index')
    await activePage(v.page).locator('.search-history__text', { hasText: '锂' }).waitFor({ state: 'visible' })
    await check('search history')

    // Taro's own confirmation (showModal) by keyboard: Enter on 清空 opens it with the focus on it, Tab goes
    // between its two buttons only, Escape is its 取消 (nothing cleared) and the focus is back on 清空.
    const clear = activePage(v.page).locator('.search-history__clear')
    await clear.focus()
    await v.page.keyboard.press('Enter')
    const modal = v.page.locator('.taro__modal')
    await modal.locator('.taro-modal__title', { hasText: '清空搜索记录' }).waitFor({ state: 'visible' })
    await expect(modal.locator('.taro-modal__content').getAttribute('role')).resolves.toBe('dialog')
    const focused = () =>
      v.page.evaluate(() => {
        const el = document.activeElement
        return el?.closest('.taro__modal') ? (el.textContent ?? '').trim() || el.className : null
      })
    await v.page.waitForFunction(() => Boolean(document.activeElement?.closest('.taro__modal')))
    const reached = new Set<string | null>()
    for (let presses = 0; presses < 6; presses++) {
      await v.page.keyboard.press('Tab')
      reached.add(await focused())
    }
    expect([...reached].sort()).toEqual(['取消', '清空'])
    await v.page.keyboard.press('Escape')
    await modal.waitFor({ state: 'hidden' })
    await v.page.waitForFunction(() => document.activeElement?.classList.contains('search-history__clear') === true)
    await expect(activePage(v.page).locator('.search-history__text', { hasText: '锂' }).count()).resolves.toBe(1)
  })

  it('by keyboard alone: Tab reaches a listing card and Enter opens it; the title bar back arrow, a named button, answers Enter', async () => {
    await open('/pages/index/index')
    const focusedCard = () =>
      v.page.evaluate(() => {
        const el = document.activeElement
        return el?.classList.contains('listing-card')
          ? (el.querySelector('.listing-card__title')?.textContent ?? '')
          : null
      })
    let title: string | null = null
    for (let presses = 0; presses < 40 && title === null; presses++) {
      await v.page.keyboard.press('Tab')
      title = await focusedCard()
    }
    expect(title).toBeTruthy()
    await v.page.keyboard.press('Enter')
    await waitForPageSettled(v.page, '/pages/detail/index')
    await expect(activePage(v.page).locator('.detail-page__title').textContent()).resolves.toBe(title)

    const back = v.page.locator('.taro-navigation-bar-back')
    await expect(back.getAttribute('role')).resolves.toBe('button')
    await expect(back.getAttribute('aria-label')).resolves.toBe('返回')
    await back.focus()
    await v.page.keyboard.press('Enter')
    await waitForPageSettled(v.page, '/pages/index/index')
  })

  it('by keyboard, a sheet keeps the focus: it moves onto the sheet, Tab goes round inside, Escape closes it and the focus returns', async () => {
    await open('/pages/index/index')
    const active = () =>
      v.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        const dialog = el?.closest('[aria-modal="true"]')
        return {
          role: el?.getAttribute('role') ?? null,
          name: el?.getAttribute('aria-label') ?? null,
          inDialog: !!dialog,
          text: el?.textContent?.trim() ?? '',
        }
      })
    const chip = activePage(v.page).locator('.region-filter').first()
    await chip.focus()
    await v.page.keyboard.press('Enter')
    await activePage(v.page).locator('.region-sheet').waitFor({ state: 'visible' })
    await expect(active()).resolves.toMatchObject({ role: 'dialog', name: '选择省份' })

    // Tab from the sheet: its first control; Shift+Tab from there goes round to its last, 取消.
    await v.page.keyboard.press('Tab')
    const first = await active()
    expect(first).toMatchObject({ inDialog: true, role: 'button' })
    await v.page.keyboard.press('Shift+Tab')
    await expect(active()).resolves.toMatchObject({ inDialog: true, text: '取消' })
    // However far Tab goes, it stays in the sheet and comes round to the first again.
    const seen = new Set<string>()
    for (let presses = 0; presses < 60; presses++) {
      await v.page.keyboard.press('Tab')
      const now = await active()
      expect(now.inDialog).toBe(true)
      seen.add(now.text)
    }
    expect(seen).toContain(first.text)

    await v.page.keyboard.press('Escape')
    await activePage(v.page).locator('.region-sheet').waitFor({ state: 'detached' })
    await expect(chip.evaluate((el) => el === document.activeElement)).resolves.toBe(true)
  })

  it('every step of the publish form', async () => {
    await open('/packages/publish/pages/edit/index')
    const page = () => activePage(v.page)
    await fillPublishDetails(v.page, {
      category: '代理加盟',
      title: '冷链物流华东区域合作',
      description: '冷链干线与城配一体，诚招华东区域合作伙伴。',
      company: '杭州冷运科技有限公司',
      province: '浙江省',
      city: '杭州',
    })
    // The region sheet once more, to audit it open.
    await page().locator('.publish-field__region').tap()
    // It opens at the province chosen: its cities.
    await page().locator('.region-sheet__option', { hasText: '杭州' }).waitFor({ state: 'visible' })
    await check('publish: region sheet')
    await page().locator('.region-sheet__option', { hasText: '杭州' }).tap()
    await check('publish: step 1')
    for (let step = 2; ; step++) {
      await page().locator('.publish-steps__next').tap()
      if (step === 3) {
        await page().locator('.publish-input--contact-phone input').fill('13912340002')
        await page().locator('.publish-consent--phone').tap()
      }
      await check(`publish: step ${step}`)
      if ((await page().locator('.publish-steps__submit').count()) > 0) break
      expect(step).toBeLessThan(8)
    }
  })
})
