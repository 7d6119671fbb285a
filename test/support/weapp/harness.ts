import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import simulate from 'miniprogram-simulate'
import type { EmbeddedBackend } from '../embedded'

// miniprogram-simulate's exparser: how a component event (getphonenumber …) reaches a bound handler.
const exparser = require('miniprogram-exparser') as {
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown
    dispatchEvent(target: unknown, event: unknown): void
  }
}

/**
 * Runs the COMPILED WeChat build (dist/weapp) in miniprogram-simulate: the official wxml compiler, the
 * real base.wxml templates, Taro's runtime and our bundled pages, driven like the WeChat client would.
 *
 * - `App(cfg)` is captured and launched; `Page(cfg)` forwards to simulate's `Component()` and calls the
 *   page lifecycle in `attached` (simulate only knows components).
 * - `wx.cloud.callFunction` and `wx.request` are answered in-process by the real `main` of each cloud
 *   function (test/support/embedded.ts), callFunction with the OPENID CloudBase would attach; everything
 *   else WeChat would do is recorded, not performed.
 * - Device storage is an in-memory map, emptied before every test along with the recorded calls: each
 *   test starts on a device that has never run the app (no consent, no session).
 */
export const DIST = path.resolve(__dirname, '../../../dist/weapp')
export const BUILD_COMMAND = 'TARO_APP_CLOUD_ENV=test-env node scripts/build.mjs weapp'

interface LaunchOptions {
  path: string
  query: Record<string, string>
  scene: number
}

interface AppConfig {
  onLaunch?(options: LaunchOptions): void
  onShow?(options: LaunchOptions): void
}
type WxCallbacks<T> = {
  success?: (res: T) => void
  fail?: (err: { errMsg: string }) => void
  complete?: (res: unknown) => void
}

export interface RecordedCall {
  api: string
  options: Record<string, unknown>
}

interface PageInstance {
  route: string
  onLoad(query: Record<string, string>): void
  onShow?(): void
  onReady?(): void
  onUnload?(): void
  onReachBottom?(): void
  onPullDownRefresh?(): void
  onShareAppMessage?(options: { from: string }): unknown
  onShareTimeline?(): unknown
}

interface SimulatedComponent {
  dom: HTMLElement
  instance: PageInstance
  attach(parent: Element): void
  detach(): void
}

export interface OpenedPage {
  root: HTMLElement
  instance: PageInstance
  /** Every element carrying `className` (unscoped, as written in the source), in document order. */
  all(className: string): HTMLElement[]
  one(className: string): HTMLElement | null
  close(): void
}

/** What our app answered one `wx.onNeedPrivacyAuthorization` event with (exposure aside). */
export type PrivacyAnswer = { event: 'agree'; buttonId?: string } | { event: 'disagree' }

export interface Weapp {
  /** Calls made to WeChat APIs that have effects (navigation, share, refresh), in order. */
  calls: RecordedCall[]
  cloudCalls: { name: string; data: unknown }[]
  httpCalls: { url: string; data: unknown }[]
  /** How often `wx.cloud.init` ran (it must not before the user's privacy choice). */
  cloudInits: number
  /** The device's storage, as `wx.getStorageSync` sees it. */
  storage: Map<string, unknown>
  /** Listeners the app registered with `wx.onNeedPrivacyAuthorization`. */
  privacyListeners: Array<(resolve: (option: Record<string, unknown>) => void, info: { referrer: string }) => void>
  /**
   * Plays WeChat pausing a privacy API (e.g. `button.getPhoneNumber`): calls the app's listener and
   * resolves with its final answer; `exposures` counts the exposureAuthorization reports on the way.
   */
  requestPrivacyAuthorization(referrer: string): { answer: Promise<PrivacyAnswer>; exposures(): number }
  openPage(route: string, query?: Record<string, string>): OpenedPage
  /** Makes the next calls of `api` fail with `errMsg` (a refused permission, say) until the next test. */
  failWith(api: string, errMsg: string): void
  /** What `wx.showModal` answers (confirm by default). */
  modalConfirms: boolean
  /** The scene the app was entered with (`wx.getEnterOptionsSync`); 1154 is 朋友圈 single-page mode. */
  scene: number
  /** What `wx.getSetting` answers as `authSetting` (empty: nothing asked yet); each read is in `calls`. */
  authSetting: Record<string, boolean>
  /** Files written with `wx.getFileSystemManager().writeFileSync`, path → content, in writing order. */
  files: Map<string, string>
  /**
   * What the member answers in `wx.requestSubscribeMessage`'s dialog, per template id (unlisted: 'reject').
   * Each call is in `calls` with `fromTap`: whether it was made while a tap was being dispatched, as WeChat
   * requires (it shows no dialog otherwise).
   */
  subscribeAnswers: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>
}

/** The mini-program's own user folder (`wx.env.USER_DATA_PATH`), as the WeChat client names it. */
export const USER_DATA_PATH = 'wxfile://usr'

/** The OPENID CloudBase attaches to every callFunction of the simulated WeChat user. */
export const TEST_OPENID = 'oTestUser-simulated-0001'

const EFFECT_APIS = [
  'navigateTo',
  'redirectTo',
  'reLaunch',
  'navigateBack',
  'stopPullDownRefresh',
  'previewImage',
  'showToast',
  // Contact actions and what follows a refused permission.
  'makePhoneCall',
  'setClipboardData',
  'addPhoneContact',
  'openSetting',
  'showModal',
  // Handing an exported file to a chat.
  'shareFileMessage',
  // The tab bar: 消息's badge, and moving between tabs.
  'setTabBarBadge',
  'removeTabBarBadge',
  'switchTab',
]

let launched: Weapp | null = null
let resetDevice: () => void = () => undefined

// Registered when a test file imports the harness, so it runs before each of its tests.
beforeEach(() => resetDevice())

/**
 * Loads dist/weapp once per test file (the app is a process-wide singleton in WeChat too). The build
 * must exist: `TARO_APP_CLOUD_ENV=test-env node scripts/build.mjs weapp`.
 */
export function launchWeapp(backend: EmbeddedBackend): Weapp {
  if (launched) throw new Error('launchWeapp() runs once per test file')
  if (!existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`dist/weapp is missing: run \`${BUILD_COMMAND}\` first`)
  }
  // The stories assert that WeChat reaches the functions through wx.cloud; a build without a CloudBase
  // env would silently take the HTTPS path instead.
  if (
    !readdirSync(DIST).some((f) => f.endsWith('.js') && readFileSync(path.join(DIST, f), 'utf8').includes('"test-env"'))
  ) {
    throw new Error(`dist/weapp was built without TARO_APP_CLOUD_ENV=test-env: run \`${BUILD_COMMAND}\``)
  }

  const calls: RecordedCall[] = []
  const cloudCalls: { name: string; data: unknown }[] = []
  const httpCalls: { url: string; data: unknown }[] = []
  const storage = new Map<string, unknown>()
  const privacyListeners: Weapp['privacyListeners'] = []
  const pages: PageInstance[] = []
  const g = globalThis as unknown as Record<string, unknown>
  const wx = g.wx as Record<string, unknown>
  let cloudInits = 0

  // simulate's storage APIs do nothing; the app keeps consent and session there, so give it a real one.
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '')
  wx.setStorageSync = (key: string, value: unknown) => {
    storage.set(key, value)
  }
  wx.removeStorageSync = (key: string) => {
    storage.delete(key)
  }
  wx.clearStorageSync = () => storage.clear()
  wx.onNeedPrivacyAuthorization = (listener: Weapp['privacyListeners'][number]) => {
    privacyListeners.push(listener)
  }

  const succeed = <T>(options: WxCallbacks<T>, res: T): Promise<T> => {
    options.success?.(res)
    options.complete?.(res)
    return Promise.resolve(res)
  }

  const failures = new Map<string, string>()
  let modalConfirms = true
  let scene = 1001
  for (const api of EFFECT_APIS) {
    wx[api] = (options: Record<string, unknown> & WxCallbacks<{ errMsg: string }> = {}) => {
      calls.push({ api, options: withoutCallbacks(options) })
      const failure = failures.get(api)
      if (failure) {
        const err = { errMsg: failure }
        // Callbacks only, as WeChat does: Taro turns `fail` into the rejection the app sees.
        options.fail?.(err)
        options.complete?.(err)
        return undefined
      }
      if (api === 'showModal') {
        return succeed(options, { errMsg: 'showModal:ok', confirm: modalConfirms, cancel: !modalConfirms })
      }
      return succeed(options, { errMsg: `${api}:ok` })
    }
  }
  let subscribeAnswers: Weapp['subscribeAnswers'] = {}
  wx.requestSubscribeMessage = (
    options: { tmplIds: string[] } & WxCallbacks<Record<string, string>> = { tmplIds: [] },
  ) => {
    calls.push({ api: 'requestSubscribeMessage', options: { ...withoutCallbacks(options), fromTap: tapping } })
    if (!tapping || options.tmplIds.length > 3) {
      const err = { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20004 }
      options.fail?.(err)
      options.complete?.(err)
      return undefined
    }
    const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' }
    for (const id of options.tmplIds) answer[id] = subscribeAnswers[id] ?? 'reject'
    return succeed(options, answer)
  }
  // Read by the app at call time: a test sets the scene before opening a page.
  // Read by the app at call time: a test sets what the member allowed or refused before opening a page.
  let authSetting: Record<string, boolean> = {}
  wx.getSetting = (options: WxCallbacks<{ authSetting: Record<string, boolean>; errMsg: string }> = {}) => {
    calls.push({ api: 'getSetting', options: withoutCallbacks(options) })
    return succeed(options, { authSetting: { ...authSetting }, errMsg: 'getSetting:ok' })
  }
  // Taro copies `wx.env` once, when the app starts: it must be in place before app.js runs.
  wx.env = { USER_DATA_PATH }
  const files = new Map<string, string>()
  const fileSystem = {
    writeFileSync(filePath: string, data: string | ArrayBuffer, encoding = 'binary') {
      if (!filePath.startsWith(`${USER_DATA_PATH}/`)) {
        throw new Error(`writeFileSync:fail permission denied, open ${filePath}`)
      }
      files.set(filePath, typeof data === 'string' ? data : Buffer.from(data).toString(encoding as BufferEncoding))
    },
  }
  wx.getFileSystemManager = () => fileSystem
  const enterOptions = () => ({ scene, path: 'pages/index/index', query: {}, referrerInfo: {} })
  wx.getEnterOptionsSync = enterOptions
  wx.getLaunchOptionsSync = enterOptions

  wx.cloud = {
    init() {
      cloudInits++
    },
    async callFunction(options: { name: string; data: unknown } & WxCallbacks<{ result: unknown; errMsg: string }>) {
      cloudCalls.push({ name: options.name, data: options.data })
      try {
        const result = await backend.callFunction(options.name as 'listings', options.data, { openId: TEST_OPENID })
        return succeed(options, { result, errMsg: 'cloud.callFunction:ok', requestID: 'test' })
      } catch (error) {
        const err = { errMsg: `cloud.callFunction:fail ${(error as Error).message}` }
        options.fail?.(err)
        options.complete?.(err)
        throw err
      }
    },
  }

  wx.request = (options: { url: string; data: unknown } & WxCallbacks<unknown>) => {
    httpCalls.push({ url: options.url, data: options.data })
    const match = /\/api\/([^/?#]+)$/.exec(options.url)
    void (async () => {
      if (!match) {
        const err = { errMsg: 'request:fail invalid url' }
        options.fail?.(err)
        options.complete?.(err)
        return
      }
      const res = await backend.callHttp(decodeURIComponent(match[1]), options.data)
      const reply = {
        data: JSON.parse(res.body) as unknown,
        statusCode: res.statusCode,
        header: res.headers,
        errMsg: 'request:ok',
      }
      options.success?.(reply)
      options.complete?.(reply)
    })()
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
  }

  let app: AppConfig | null = null
  g.App = (cfg: AppConfig) => {
    app = cfg
  }
  g.getApp = () => app
  g.getCurrentPages = () => [...pages]

  // WeChat pages are components with page lifecycles; simulate knows only components, so a page's
  // methods become component methods and its load/show/ready run when it is attached.
  let pendingQuery: Record<string, string> = {}
  let pendingRoute = ''
  g.Page = (cfg: Record<string, unknown>) => {
    const methods: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(cfg)) if (typeof value === 'function') methods[key] = value
    const route = pendingRoute
    ;(g.Component as (options: Record<string, unknown>) => void)({
      data: cfg.data ?? {},
      methods,
      lifetimes: {
        attached(this: PageInstance) {
          this.route = route
          pages.push(this)
          // Exactly one argument: with a second one Taro assumes a prerender and skips setData.
          this.onLoad({ ...pendingQuery })
          this.onShow?.()
          this.onReady?.()
        },
        detached(this: PageInstance) {
          this.onUnload?.()
          pages.splice(pages.indexOf(this), 1)
        },
      },
    })
  }

  resetDevice = () => {
    failures.clear()
    modalConfirms = true
    scene = 1001
    storage.clear()
    calls.length = 0
    cloudCalls.length = 0
    httpCalls.length = 0
    cloudInits = 0
    authSetting = {}
    subscribeAnswers = {}
    files.clear()
  }

  require(path.join(DIST, 'app.js'))
  const launchedApp = app as AppConfig | null
  if (!launchedApp) throw new Error('dist/weapp/app.js did not call App()')
  const launch: LaunchOptions = { path: 'pages/index/index', query: {}, scene: 1001 }
  launchedApp.onLaunch?.(launch)
  launchedApp.onShow?.(launch)

  // A page's script runs once per process, as in WeChat (jest's module registry cannot forget it
  // either), so each route is registered once and every open renders a new instance of it.
  const registered = new Map<string, string>()
  const weapp: Weapp = {
    calls,
    cloudCalls,
    httpCalls,
    get cloudInits() {
      return cloudInits
    },
    storage,
    privacyListeners,
    failWith(api, errMsg) {
      failures.set(api, errMsg)
    },
    get modalConfirms() {
      return modalConfirms
    },
    set modalConfirms(value) {
      modalConfirms = value
    },
    get scene() {
      return scene
    },
    set scene(value) {
      scene = value
    },
    get authSetting() {
      return authSetting
    },
    set authSetting(value) {
      authSetting = value
    },
    files,
    get subscribeAnswers() {
      return subscribeAnswers
    },
    set subscribeAnswers(value) {
      subscribeAnswers = value
    },
    requestPrivacyAuthorization(referrer) {
      let exposures = 0
      const answer = new Promise<PrivacyAnswer>((resolve) => {
        for (const listener of privacyListeners) {
          listener(
            (option) => {
              if (option.event === 'exposureAuthorization') exposures++
              else resolve(option as PrivacyAnswer)
            },
            { referrer },
          )
        }
      })
      return { answer, exposures: () => exposures }
    },
    openPage(route, query = {}) {
      pendingRoute = route
      pendingQuery = query
      let id = registered.get(route)
      if (!id) {
        id = simulate.load(path.join(DIST, route), `page-${route.replace(/\W+/g, '-')}`, {
          rootPath: DIST,
          compiler: 'official',
        })
        registered.set(route, id)
      }
      const component = simulate.render(id) as unknown as SimulatedComponent
      const host = document.createElement('div')
      document.body.appendChild(host)
      component.attach(host)
      const root = component.dom
      const all = (className: string) => withClass(root, className)
      return {
        root,
        instance: component.instance,
        all,
        one: (className) => all(className)[0] ?? null,
        close() {
          component.detach()
          host.remove()
        },
      }
    },
  }
  launched = weapp
  return weapp
}

/**
 * simulate scopes class names per component (`page-pages-index-index--listing-card`, `comp--listing-card`
 * inside Taro's recursive `comp`), so a class is matched by its unscoped suffix.
 */
function withClass(root: HTMLElement, className: string): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('[class]')).filter((element) =>
    Array.from(element.classList).some((token) => token === className || token.endsWith(`--${className}`)),
  )
}

function withoutCallbacks(options: Record<string, unknown>): Record<string, unknown> {
  const { success: _s, fail: _f, complete: _c, ...rest } = options
  return rest
}

/**
 * True while a `tap` event is being handled: what WeChat calls a user TAP gesture. j-component turns the
 * touchend into a tap a microtask later, so the flag is set around exparser's dispatch of the tap itself.
 */
let tapping = false
{
  const dispatch = exparser.Event.dispatchEvent.bind(exparser.Event)
  exparser.Event.dispatchEvent = (target, event) => {
    const isTap = (event as { type?: string }).type === 'tap'
    if (isTap) tapping = true
    try {
      dispatch(target, event)
    } finally {
      if (isTap) tapping = false
    }
  }
}

/** A finger on the screen: touchstart then touchend, which simulate turns into a `tap` on the target. */
export function tap(element: Element): void {
  const at = [{ x: 1, y: 1 }]
  const touch = (type: string, touches: { x: number; y: number }[]) =>
    new TouchEvent(type, {
      bubbles: true,
      cancelable: true,
      touches: touches.map(
        (t) => new Touch({ identifier: 1, target: element, clientX: t.x, clientY: t.y, pageX: t.x, pageY: t.y }),
      ),
      changedTouches: [new Touch({ identifier: 1, target: element, clientX: 1, clientY: 1, pageX: 1, pageY: 1 })],
    })
  element.dispatchEvent(touch('touchstart', at))
  element.dispatchEvent(touch('touchend', []))
}

/**
 * Fires a component event the way the WeChat client does after a native interaction, e.g. the
 * `getphonenumber` of `<button open-type="getPhoneNumber">` once the user allowed it: the page's bound
 * handler receives `{ detail }`.
 */
export function trigger(element: Element, eventName: string, detail: Record<string, unknown>): void {
  const target = (element as Element & { __wxElement?: unknown }).__wxElement
  if (!target) throw new Error(`${element.tagName} is not a rendered WeChat element`)
  exparser.Event.dispatchEvent(
    target,
    exparser.Event.create(eventName, detail, { bubbles: true, composed: true, capturePhase: true }),
  )
}

/**
 * A WeChat attribute as the template rendered it (`openType`, `id` …): simulate keeps built-in
 * components' attributes on the WeChat element, not on the DOM node.
 */
export function wxAttribute(element: Element, name: string): unknown {
  const target = (element as Element & { __wxElement?: { _vt?: { attrs?: Array<{ name: string; value: unknown }> } } })
    .__wxElement
  return target?._vt?.attrs?.find((attr) => attr.name === name)?.value
}

// The real clock, taken before any story installs jest's fake timers: `until` keeps polling (and its
// timeout keeps counting) while the app's own timers are fake and run only when a story runs them.
const realSetTimeout = globalThis.setTimeout
const realNow = Date.now.bind(Date)

/**
 * Polls until `probe` returns something truthy (first render takes ≈ 130 ms; never sleep a guess). The
 * poll interval only bounds how soon a change is noticed; what passes is decided by `probe` alone.
 */
export async function until<T>(probe: () => T | null | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const started = realNow()
  for (;;) {
    const value = probe()
    if (value) return value
    if (realNow() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => realSetTimeout(resolve, 20))
  }
}

/**
 * Runs everything the app has started until nothing is left: every pending timer (under jest's fake
 * timers, installed by the caller) and the promise chains they and earlier events started. What the app
 * would do "a little later" has then been done, however slow the machine, so an absence is an absence.
 */
export async function runAppToIdle(): Promise<void> {
  await jest.runAllTimersAsync()
}

/** Taps 「同意」 in the consent dialog a first launch shows (each test starts on a fresh device). */
export async function agreeToPolicies(page: OpenedPage): Promise<void> {
  const button = await until(() => page.one('consent-dialog__agree'), 'the consent dialog')
  tap(button)
  await until(() => !page.one('consent-dialog'), 'the consent dialog to close')
}

/**
 * A guest page's own 「登录」 → the age confirmation (when this device has not answered it) → WeChat's phone
 * button authorized for `phone`; resolves once the session is stored. Agrees to the policies first on a
 * device that has not.
 */
export async function logInFromGuestView(
  weapp: Weapp,
  backend: EmbeddedBackend,
  page: OpenedPage,
  phone: string,
): Promise<void> {
  if (!weapp.storage.has('zn.consent.v1')) await agreeToPolicies(page)
  tap(await until(() => page.one('state-view__action'), 'the 登录 action of the guest view'))
  const next = await until(
    () => page.one('age-gate__choice--adult') ?? page.one('phone-login__primary'),
    'the age confirmation or the phone button',
  )
  if (next.className.includes('age-gate')) tap(next)
  trigger(await until(() => page.one('phone-login__primary'), 'the getPhoneNumber button'), 'getphonenumber', {
    code: backend.wechat.phoneCode(phone, TEST_OPENID),
    errMsg: 'getPhoneNumber:ok',
  })
  await until(() => weapp.storage.get('zn.session.v1'), 'the session')
}
