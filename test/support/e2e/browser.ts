import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'

/**
 * Chromium for the browser tests of the H5 build, driven by playwright-core against the system's own
 * Chromium (never `npx playwright install`: no download host here). A missing browser fails the suite
 * loudly; a skipped browser suite would look green while testing nothing.
 */

const ROOT = resolve(__dirname, '../../..')
/** The repo's git-ignored cache: profiles and screenshots stay out of $HOME and /tmp. */
export const E2E_CACHE = join(ROOT, '.cache', 'e2e')
export const SCREENSHOT_DIR = join(E2E_CACHE, 'screenshots')

const INSTALL_HINT = 'install it with `apt-get install -y --no-install-recommends chromium` or set CHROMIUM_PATH'

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium, else `chromium` on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH) {
    // An explicit path that does not work is a configuration mistake: do not quietly use another browser.
    if (isExecutable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file: ${INSTALL_HINT}`)
  }
  const candidates = [
    '/usr/bin/chromium',
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'chromium')),
  ]
  const found = candidates.find(isExecutable)
  if (found) return found
  throw new Error(
    `Chromium not found (CHROMIUM_PATH unset, no /usr/bin/chromium, no chromium on PATH): ${INSTALL_HINT}`,
  )
}

export interface RecordedRequest {
  url: string
  method: string
  resourceType: string
  postData: string | null
  /** ms since the visitor was opened, to tell what happened before or after a given moment. */
  at: number
}

/** One person with a brand-new browser profile: nothing stored, nothing cached, nothing consented to. */
export interface Visitor {
  context: BrowserContext
  page: Page
  /** Every request any page of this profile made, in order, from the very first one. */
  requests: RecordedRequest[]
  /** Uncaught exceptions in the page: each one is a bug even when the UI looks right. */
  pageErrors: string[]
  /**
   * What the page's Content-Security-Policy blocked (each `securitypolicyviolation` event, and Chromium's
   * console line for it): the app must run under its own policy without one.
   */
  cspViolations: string[]
  close(): Promise<void>
}

export interface VisitorOptions {
  viewport?: { width: number; height: number }
}

/**
 * A persistent context per visitor, because that is the only way playwright lets the profile live in a
 * folder we choose (`launch()` puts its own in /tmp and rejects --user-data-dir). One launch costs well
 * under a second, and a fresh profile per test is exactly the isolation consent tests need.
 */
export async function openVisitor(options: VisitorOptions = {}): Promise<Visitor> {
  const executablePath = findChromium()
  const profilesDir = join(E2E_CACHE, 'profiles')
  mkdirSync(profilesDir, { recursive: true })
  const userDataDir = mkdtempSync(join(profilesDir, 'visitor-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: LAUNCH_ARGS,
      // A phone, as most visitors of a mini-program's H5 twin are.
      viewport: options.viewport ?? { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      // 导出我的数据 downloads a file; the story reads it.
      acceptDownloads: true,
      timeout: 30_000,
    })
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true })
    throw error
  }

  const openedAt = Date.now()
  const requests: RecordedRequest[] = []
  const pageErrors: string[] = []
  const cspViolations: string[] = []
  // Listening on the context (not a page) also catches requests of pages opened later, e.g. by window.open.
  context.on('request', (request) => {
    requests.push({
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      postData: request.postData(),
      at: Date.now() - openedAt,
    })
  })
  // In every document before its own scripts; the page reports each violation through its console.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `[csp] ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      )
    })
  })
  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message))
    page.on('console', (message) => {
      const text = message.text()
      if (text.startsWith('[csp] ') || /Content Security Policy/i.test(text)) cspViolations.push(text)
    })
  }
  context.pages().forEach(watch)
  context.on('page', watch)
  // A persistent context opens with one blank tab; reuse it rather than leave it lying around.
  const page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(15_000)

  return {
    context,
    page,
    requests,
    pageErrors,
    cspViolations,
    async close() {
      await context.close().catch(() => undefined)
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Waits until Taro's H5 router has finished sliding pages: the top visible `.taro_page` is stationed at
 * the app column's left edge and no other visible page is off to the side (one about to slide in, or one sliding out after
 * navigateBack and not yet removed). Before that, screenshots catch two half pages and visibility checks
 * pass too early. With `route`, the top page must also be that page (its element id is the path plus a
 * `?stamp=` of Taro's, never the query): right after a tap the hash has changed but the page not yet.
 */
export async function waitForPageSettled(page: Page, route?: string, timeout = 15_000): Promise<void> {
  // Playwright sends this function's source text to the page: no named inner functions or other syntax a
  // transpiler rewrites into helper calls (esbuild's keepNames adds `__name(...)`, undefined in the page).
  await page.waitForFunction(
    (expectedRoute) => {
      const all = Array.prototype.slice.call(document.querySelectorAll('.taro_router > .taro_page')) as HTMLElement[]
      const visible = all.filter((el) => window.getComputedStyle(el).display !== 'none')
      const active = visible[visible.length - 1]
      if (!active) return false
      if (!active.classList.contains('taro_page_show') || !active.classList.contains('taro_page_stationed'))
        return false
      if (expectedRoute && active.id.split('?')[0] !== expectedRoute.split('?')[0]) return false
      // Stationed at the column's left edge (0 on a phone; the app is a centred column on a desktop).
      const left = document.getElementById('app')!.getBoundingClientRect().x
      return visible.every((el) => el.getBoundingClientRect().x === left)
    },
    route ?? '',
    { timeout, polling: 'raf' },
  )
}

/** The page the user is looking at; selectors scoped to it ignore pages kept below in the stack. */
export function activePage(page: Page): Locator {
  return page.locator('.taro_router > .taro_page.taro_page_show:not(.taro_page_shade)').last()
}

/** Waits until the hash is this route (path and query, e.g. `/pages/detail/index?id=3`) and its page has slid in. */
export async function waitForRoute(page: Page, route: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      // Exact up to a following parameter, so that `id=demo-003` does not match `id=demo-0030`.
      const hash = decodeURIComponent(location.hash.replace(/^#/, ''))
      return hash === expected || hash.indexOf(expected + '&') === 0
    },
    route,
    { timeout },
  )
  await waitForPageSettled(page, route, timeout)
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = join(SCREENSHOT_DIR, name)
  await page.screenshot({ path: file })
  return file
}

/** A tab of the tab bar Taro draws on H5 (首页 · 发布 · 消息 · 我的), below every page. */
export function tabBarItem(page: Page, text: string): Locator {
  return page
    .locator('.weui-tabbar__item')
    .filter({ has: page.locator('.weui-tabbar__label', { hasText: new RegExp(`^${text}$`) }) })
}

/** The badge on a tab (Taro.setTabBarBadge), e.g. the unread count on 消息. */
export function tabBadge(page: Page, text: string): Locator {
  return tabBarItem(page, text).locator('.taro-tabbar-badge')
}

/** Taps a tab and waits for its page. */
export async function openTab(page: Page, text: string, route: string): Promise<void> {
  await tabBarItem(page, text).tap()
  await waitForRoute(page, route)
}

/** After a story: nothing the page threw, nothing its policy blocked; the profile is closed either way. */
export async function closeClean(v: Visitor | undefined): Promise<void> {
  if (!v) return
  try {
    expect(v.pageErrors).toEqual([])
    expect(v.cspViolations).toEqual([])
  } finally {
    await v.close()
  }
}

/**
 * A story's visitor closed at its end (afterEach): the story fails if its page threw or broke the
 * Content-Security-Policy meanwhile. Nothing to do when the story opened none.
 */
export async function closeCheckedVisitor(visitor: Visitor | undefined): Promise<void> {
  if (!visitor) return
  try {
    expect(visitor.pageErrors).toEqual([])
    expect(visitor.cspViolations).toEqual([])
  } finally {
    await visitor.close()
  }
}
