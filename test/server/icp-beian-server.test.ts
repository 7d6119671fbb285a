import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '@shared/core/logger'
import { parseSettings, SettingError } from '@shared/settings'
import { startServer, type RunningServer } from '../../server/server'
import { withMeta } from '../../server/static-files'

const INLINE_SCRIPT = 'document.documentElement.dataset.ready="1"'
const PAGE = `<!doctype html><html><head><title>质能视界</title><script>${INLINE_SCRIPT}</script></head><body></body></html>`
const NUMBER = '京ICP备12345678号-1'

describe('ICP_BEIAN: the filing number reaches the H5 page at run time', () => {
  let dir: string
  const servers: RunningServer[] = []

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-icp-'))
    mkdirSync(join(dir, 'h5'))
    writeFileSync(join(dir, 'h5', 'index.html'), PAGE)
  })
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()))
    rmSync(dir, { recursive: true, force: true })
  })

  async function start(name: string, env: Record<string, string>): Promise<RunningServer> {
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, name),
      h5Dir: join(dir, 'h5'),
      seed: false,
      logLevel: 'error',
      logger: silentLogger,
      env,
    })
    servers.push(server)
    return server
  }

  it('set: index.html carries <meta name="icp-beian">, plain and gzipped, under the same script policy', async () => {
    const server = await start('set', { ICP_BEIAN: NUMBER })
    const meta = `<meta name="icp-beian" content="${NUMBER}" />`
    const plain = await fetch(`${server.url}/`, { headers: { 'accept-encoding': 'identity' } })
    expect(plain.status).toBe(200)
    const html = await plain.text()
    expect(html).toContain(`${meta}</head>`)
    expect(html.replace(meta, '')).toBe(PAGE)
    // The inline script is untouched, so its hash in the policy still lets it (and only it) run.
    const hash = createHash('sha256').update(INLINE_SCRIPT).digest('base64')
    expect(plain.headers.get('content-security-policy')).toContain(`script-src 'self' 'sha256-${hash}'`)
    expect(plain.headers.get('cache-control')).toBe('no-cache')

    const zipped = await fetch(`${server.url}/index.html`, { headers: { 'accept-encoding': 'gzip' } })
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    // fetch unzips by itself: what arrives is the same page.
    expect(await zipped.text()).toContain(meta)
  })

  it('unset (the default, the demo): the page is the build’s file, byte for byte', async () => {
    const server = await start('unset', {})
    const res = await fetch(`${server.url}/`)
    expect(await res.text()).toBe(PAGE)
  })

  it('anything but a filing number refuses to start, naming the variable', async () => {
    for (const value of ['<script>alert(1)</script>', '京ICP备12345678号"><img src=x>', 'ICP 12345', '京ICP备号']) {
      expect(() => parseSettings({ ICP_BEIAN: value }, 'server')).toThrow(SettingError)
      expect(() => parseSettings({ ICP_BEIAN: value }, 'server')).toThrow(/^ICP_BEIAN must be an ICP filing number/)
    }
    await expect(start('bad', { ICP_BEIAN: '<b>京ICP备1号</b>' })).rejects.toThrow(/^ICP_BEIAN /)
    for (const value of [NUMBER, '粤ICP备2023012345号', '京ICP证000123号', '蒙ICP备1234号-12'])
      expect(parseSettings({ ICP_BEIAN: value }, 'server').ICP_BEIAN).toBe(value)
  })

  it('what is put into the page is escaped, whatever it is', () => {
    const page = withMeta('<html><head></head></html>', { 'icp-beian': '"><script>x()</script>&' })
    expect(page).toBe(
      '<html><head><meta name="icp-beian" content="&quot;&gt;&lt;script&gt;x()&lt;/script&gt;&amp;" /></head></html>',
    )
    expect(withMeta('<p>no head</p>', { 'icp-beian': NUMBER })).toBe(
      `<meta name="icp-beian" content="${NUMBER}" /><p>no head</p>`,
    )
    expect(withMeta(PAGE, { 'icp-beian': '' })).toBe(PAGE)
  })
})
