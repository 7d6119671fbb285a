// `npm run bench:paint`: how soon the H5 app's first screen is painted, against Taro's React hello world
// (test/fixtures/hello-taro, built with the repo's own Taro) measured in the same run on the same machine.
// Both are served the same way (the server's own static file handler, gzip, loopback) and loaded in
// headless Chromium with the CPU slowed 4× (a mid-range phone), each load in a fresh browser context (cold
// cache), alternating so that a busy moment of the machine hits all of them alike. Printed: the medians of
// the hello world's first contentful paint, the app's, the moment the first listing card is on screen for a
// returning visitor (consent already given on this device) and the moment a first-time visitor's consent
// dialog is, and the ratios to the hello world's FCP. Not a test: figures for the README.
//   npm run bench:paint                 uses dist/h5 (built if missing) and a cached hello-world build
//   npm run bench:paint -- --build      rebuilds both first
//   npm run bench:paint -- --against .cache/bench-paint/before   also measures that build of the app, alike
//   npm run bench:paint -- --app <dir>  measures that build instead of dist/h5
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { FIRST_SCREEN_IDS } from '@shared/contracts/first-screen'
import { silentLogger } from '@shared/core/logger'
import { startServer } from '../server/server'
import { serveStatic } from '../server/static-files'
import { findChromium } from '../test/support/e2e/browser'

const ROOT = resolve(__dirname, '..')
const APP_DIR = join(ROOT, 'dist', 'h5')
const FIXTURE = join(ROOT, 'test', 'fixtures', 'hello-taro')
const HELLO_DIR = join(ROOT, '.cache', 'bench-paint', 'hello')
const RUNS = Number(process.env.BENCH_PAINT_RUNS ?? 5)
const CPU_SLOWDOWN = 4
const TIMEOUT_MS = 30_000
const CONSENT_KEY = 'zn.consent.v1'

const TARGETS = { firstCard: 1.3, consentDialog: 1.2 }

type Sample = Record<'fcp' | 'firstCard' | 'appCard' | 'consentDialog', number | null>

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((done, fail) => {
    // The build's progress output is noise here; it is shown only when the build fails.
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', fail)
    child.on('exit', (code) => {
      if (code === 0) return done()
      console.error(output)
      fail(new Error(`${command} ${args.join(' ')} exited ${code}`))
    })
  })
}

async function buildIfNeeded(rebuild: boolean): Promise<void> {
  if (rebuild || !existsSync(join(APP_DIR, 'index.html'))) {
    console.info('building the app (dist/h5)…')
    await run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), 'h5'], ROOT)
  }
  if (rebuild || !existsSync(join(HELLO_DIR, 'index.html'))) {
    console.info('building the hello world (test/fixtures/hello-taro)…')
    rmSync(HELLO_DIR, { recursive: true, force: true })
    const taro = join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro')
    await run(process.execPath, [taro, 'build', '--type', 'h5', '--no-check'], FIXTURE, {
      NODE_ENV: 'production',
      BENCH_OUT: HELLO_DIR,
    })
    if (!existsSync(join(HELLO_DIR, 'index.html'))) throw new Error('the hello-world build wrote no index.html')
  }
}

/** The hello world, served by the same static handler as the app (same headers, same gzip). */
function serveHello(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname
    if (!serveStatic(HELLO_DIR, req, res, pathname)) res.writeHead(404).end()
  })
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      done({ url: `http://127.0.0.1:${port}`, server })
    }),
  )
}

/**
 * In the page before its own scripts: notes when each watched element is first on screen. The element
 * gets an `elementtiming` attribute the moment it is inserted, so Chromium reports its paint time as it
 * does the FCP's; the next animation frame is the fallback where no such entry comes. Plain JavaScript
 * text: tsx's compiled functions call helpers that do not exist in the page.
 */
const WATCH_PAINT = `
(() => {
  const watched = __WATCHED__
  const found = {}
  const painted = {}
  window.__paint = { found, painted }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!(entry.identifier in painted)) painted[entry.identifier] = entry.renderTime || entry.startTime
    }
  }).observe({ type: 'element', buffered: true })
  new MutationObserver(() => {
    for (const [name, selector] of Object.entries(watched)) {
      if (name in found) continue
      const element = document.querySelector(selector)
      if (!element) continue
      const rect = element.getBoundingClientRect()
      if (rect.width === 0 || rect.height === 0 || rect.top >= innerHeight) continue
      for (const node of [element, ...element.querySelectorAll('*')]) node.setAttribute('elementtiming', name)
      found[name] = -1
      requestAnimationFrame(() => { found[name] = performance.now() })
    }
  }).observe(document, { subtree: true, childList: true, attributes: true })
})()
`

/** True once the FCP and, unless only the FCP is waited for, the watched element are in (no inner functions: see above). */
function ready(name: string): boolean {
  const fcp = performance.getEntriesByName('first-contentful-paint').length > 0
  const paint = (window as unknown as { __paint: { found: Record<string, number> } }).__paint
  return fcp && (name === 'fcp' || (paint.found[name] ?? -1) > 0)
}

/** The element-timing entry for `name` has arrived (nothing to wait for when only the FCP is measured). */
function painted(name: string): boolean {
  const paint = (window as unknown as { __paint: { painted: Record<string, number> } }).__paint
  return name === 'fcp' || name in paint.painted
}

const ENTRY_WAIT_MS = 2000

const RESULT = `
(() => {
  const paint = window.__paint
  const at = (name) => paint.painted[name] ?? (paint.found[name] > 0 ? paint.found[name] : null)
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null
  return { fcp, firstCard: at("firstCard"), appCard: at("appCard"), consentDialog: at("consentDialog") }
})()
`

/**
 * A listing card on screen: the app's own (in the page being shown) or one of the server's first screen
 * (server/first-screen.ts: the same card markup and stylesheet, with the listing's category, title and
 * region, and a link to its detail), which is on screen for real until the app's replaces it. The consent
 * dialog: the app's, or the server's inert copy of its first screen (same classes, same words).
 */
const WATCHED = {
  firstCard: `.taro_page_show .listing-card, #${FIRST_SCREEN_IDS.cards} .listing-card`,
  /** The app's own card, rendered by the feed page: from then on the cards are the app's (no target). */
  appCard: '.taro_page_show .listing-card',
  consentDialog: '.consent-dialog',
}

async function load(
  browser: Browser,
  url: string,
  wait: keyof typeof WATCHED | 'fcp',
  storage: Record<string, string> = {},
): Promise<Sample> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  try {
    const seed = Object.entries(storage)
      .map(([key, value]) => `localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(value)})`)
      .join(';')
    await context.addInitScript({ content: seed })
    await context.addInitScript({ content: WATCH_PAINT.replace('__WATCHED__', JSON.stringify(WATCHED)) })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS })
    await page.waitForFunction(ready, wait, { timeout: TIMEOUT_MS, polling: 50 })
    // Element timing entries are delivered after the frame that painted: wait for this one's entry. If none
    // comes (an element Chromium does not time), RESULT falls back to when the element was found.
    await page.waitForFunction(painted, wait, { timeout: ENTRY_WAIT_MS, polling: 'raf' }).catch(() => undefined)
    return (await page.evaluate(RESULT)) as Sample
  } finally {
    await context.close()
  }
}

/** A returning visitor's stored consent: what the app itself stored when the dialog was answered. */
async function storedConsent(browser: Browser, url: string): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    await page.goto(url)
    await page.locator('.consent-dialog__agree').click({ timeout: TIMEOUT_MS })
    const stored = `localStorage.getItem(${JSON.stringify(CONSENT_KEY)})`
    await page.locator('.consent-dialog').waitFor({ state: 'detached', timeout: TIMEOUT_MS })
    return (await page.evaluate(stored)) as string
  } finally {
    await context.close()
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function values(samples: Sample[], key: keyof Sample): number[] {
  return samples.map((sample) => {
    const value = sample[key]
    if (value === null) throw new Error(`a load reported no ${key}`)
    return value
  })
}

/** `--against <dir>`: another build of the app (e.g. before a change), served beside it and measured alike. */
function argument(name: string): string | null {
  const at = process.argv.indexOf(name)
  return at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : null
}

/**
 * Whether a build takes the server's first screen down (its code names the containers): a build from before
 * it would leave it over the app, so such a build is served without it, as the server of its time did.
 */
function takesFirstScreenDown(h5Dir: string): boolean {
  const js = join(h5Dir, 'js')
  if (!existsSync(js)) return false
  return readdirSync(js)
    .filter((name) => name.endsWith('.js'))
    .some((name) => readFileSync(join(js, name), 'utf8').includes(FIRST_SCREEN_IDS.consent))
}

async function serveApp(h5Dir: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhineng-bench-paint-'))
  const firstScreen = takesFirstScreenDown(h5Dir)
  if (!firstScreen) console.info(`${relative(ROOT, h5Dir)}: served without the first screen (its code predates it)`)
  const server = await startServer({
    firstScreen,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    h5Dir,
    seed: true,
    logLevel: 'error',
    logger: silentLogger,
  })
  return {
    url: server.url,
    async close() {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function main(): Promise<void> {
  await buildIfNeeded(process.argv.includes('--build'))
  const other = argument('--against')
  const appDir = argument('--app') ?? APP_DIR
  if (other && !existsSync(join(other, 'index.html'))) throw new Error(`--against ${other}: no index.html there`)
  const apps = [{ label: 'app', url: '', dir: appDir }, ...(other ? [{ label: 'against', url: '', dir: other }] : [])]
  const servers = await Promise.all(apps.map((app) => serveApp(app.dir)))
  servers.forEach((server, i) => (apps[i].url = server.url))
  const hello = await serveHello()
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  })
  try {
    const consent = await storedConsent(browser, `${apps[0].url}/`)
    const hellos: Sample[] = []
    const samples = apps.map(() => ({ returning: [] as Sample[], firstVisit: [] as Sample[] }))
    // One round first, not counted: the server's and Chromium's own first-time costs.
    for (let round = -1; round < RUNS; round++) {
      const hi = await load(browser, `${hello.url}/`, 'fcp')
      const measured = []
      for (const app of apps) {
        // Waits for the app's own card, which comes last; the first card (maybe the server's) is in by then.
        const back = await load(browser, `${app.url}/`, 'appCard', { [CONSENT_KEY]: consent })
        const first = await load(browser, `${app.url}/`, 'consentDialog')
        measured.push({ back, first })
      }
      if (round < 0) continue
      hellos.push(hi)
      measured.forEach(({ back, first }, i) => {
        samples[i].returning.push(back)
        samples[i].firstVisit.push(first)
      })
    }
    const helloFcp = median(values(hellos, 'fcp'))
    const rows: Array<[string, number[], number | null]> = [['hello-world FCP', values(hellos, 'fcp'), null]]
    apps.forEach((app, i) => {
      const of = app.label === 'app' ? '' : ` [${relative(ROOT, app.dir)}]`
      rows.push(
        [`app FCP (returning visitor)${of}`, values(samples[i].returning, 'fcp'), null],
        [`first listing card on screen (returning)${of}`, values(samples[i].returning, 'firstCard'), TARGETS.firstCard],
        [`the app's own first card (returning)${of}`, values(samples[i].returning, 'appCard'), null],
        [
          `consent dialog on screen (first visit)${of}`,
          values(samples[i].firstVisit, 'consentDialog'),
          TARGETS.consentDialog,
        ],
      )
    })
    console.info(
      `\nfirst screen, ${CPU_SLOWDOWN}× CPU slowdown, ${RUNS} fresh loads each, alternating (${browser.version()})`,
    )
    for (const [label, runs, target] of rows) {
      const value = median(runs)
      const ratio = value / helloFcp
      const verdict = target === null ? '' : `  target ≤ ${target}× ${ratio <= target ? 'met' : 'NOT met'}`
      console.info(
        `${label.padEnd(42)} ${value.toFixed(0).padStart(5)} ms  ${ratio.toFixed(2)}× hello FCP${verdict}` +
          `   [${runs.map((r) => r.toFixed(0)).join(', ')}]`,
      )
    }
  } finally {
    await browser.close()
    hello.server.close()
    await Promise.all(servers.map((server) => server.close()))
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
