import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '@shared/core/logger'
import { MAX_BODY_BYTES } from '@shared/core/handler'
import { Collections } from '@shared/collections'
import { openSqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { startServer, STORE_FILE, type RunningServer } from '../../server/server'
import { freePort, runServerProcess } from '../support/server-process'

const INLINE_SCRIPT = 'document.documentElement.dataset.ready="1"'

describe('the self-hosted server', () => {
  let dir: string
  let server: RunningServer

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-server-'))
    const h5Dir = join(dir, 'h5')
    mkdirSync(join(h5Dir, 'js'), { recursive: true })
    writeFileSync(join(h5Dir, 'index.html'), `<!doctype html><title>质能视界</title><script>${INLINE_SCRIPT}</script>`)
    writeFileSync(join(h5Dir, 'js', 'app.js'), 'console.info("app")')
    writeFileSync(join(dir, 'secret.txt'), 'outside the build')
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      h5Dir,
      seed: true,
      logLevel: 'error',
      logger: silentLogger,
    })
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })

  it('answers the health check', async () => {
    const res = await fetch(`${server.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, db: 'ok' })
  })

  it('mounts the listings function at POST /api/listings and seeds a fresh data directory', async () => {
    const res = await post('/api/listings', JSON.stringify({ action: 'listListings', payload: { pageSize: 5 } }))
    expect(res.status).toBe(200)
    const body = (await res.json()) as { ok: boolean; data: { items: unknown[] } }
    expect(body.ok).toBe(true)
    expect(body.data.items).toHaveLength(5)
  })

  it('listings stored before keyword search existed are given their terms at the next start', async () => {
    const dataDir = join(dir, 'old-data')
    const old = openSqliteStore(join(dataDir, STORE_FILE))
    const now = Date.now()
    for (const [id, title, createdAt] of [
      ['old-1', '琥珀茶饮成都区域代理招募', now - 2000],
      ['old-2', '琥珀门锁成都区域代理招募', now - 1000],
    ] as const) {
      await old.insert(Collections.listings, {
        _id: id,
        category: 'agency',
        title,
        description: '早期版本保存的信息，没有检索词。',
        province: '四川省',
        city: '成都',
        company: '成都某公司',
        brand: '',
        images: [],
        contact: {
          name: '',
          phone: '13912345678',
          wechat: '',
          qq: '',
          public: { phone: true, wechat: false, qq: false },
        },
        posterId: 'someone',
        status: 'published',
        createdAt,
        updatedAt: createdAt,
        publishedAt: createdAt,
        expiresAt: now + 86_400_000,
        viewCount: 0,
      })
    }
    old.close()
    const restarted = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      h5Dir: join(dir, 'h5'),
      seed: true,
      logLevel: 'error',
      logger: silentLogger,
    })
    try {
      const res = await fetch(`${restarted.url}/api/listings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'listListings', payload: { keyword: '琥珀' } }),
      })
      const body = (await res.json()) as { data: { items: Array<{ id: string }> } }
      expect(body.data.items.map((i) => i.id)).toEqual(['old-2', 'old-1'])
    } finally {
      await restarted.close()
    }
  })

  it('refuses malformed JSON, unknown functions and non-POST API calls with envelope codes', async () => {
    const malformed = await post('/api/listings', '{"action":')
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'MALFORMED_REQUEST' } })

    const unknown = await post('/api/payments', JSON.stringify({ action: 'x' }))
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FUNCTION' } })

    const get = await fetch(`${server.url}/api/listings`)
    expect(get.status).toBe(405)
    expect(await get.json()).toMatchObject({ ok: false, error: { code: 'MALFORMED_REQUEST' } })
  })

  it('refuses an oversized body with PAYLOAD_TOO_LARGE without buffering it', async () => {
    const res = await post('/api/listings', 'x'.repeat(MAX_BODY_BYTES + 1))
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
  })

  it('serves the H5 build, gzipped when asked, and never a file outside it', async () => {
    const index = await fetch(`${server.url}/`)
    expect(index.headers.get('content-type')).toMatch(/text\/html/)
    expect(await index.text()).toContain('质能视界')
    const js = await fetch(`${server.url}/js/app.js`, { headers: { 'accept-encoding': 'gzip' } })
    expect(js.headers.get('content-encoding')).toBe('gzip')
    expect(await js.text()).toContain('console.info')
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/js/..%2f..%2fsecret.txt', '/..%2fsecret.txt']) {
      const res = await fetch(`${server.url}${path}`)
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('outside the build')
    }
  })
})

describe('the headers that keep browsers from misusing the answers', () => {
  let dir: string
  let server: RunningServer
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-headers-'))
    const h5Dir = join(dir, 'h5')
    mkdirSync(join(h5Dir, 'js'), { recursive: true })
    writeFileSync(join(h5Dir, 'index.html'), `<!doctype html><title>质能视界</title><script>${INLINE_SCRIPT}</script>`)
    writeFileSync(join(h5Dir, 'js', 'app.js'), 'console.info("app")')
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      h5Dir,
      seed: false,
      logLevel: 'error',
      logger: silentLogger,
    })
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const guarded = (res: Response) => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  }

  it('the page admits its own inline script by its hash and no other, and no site may frame it', async () => {
    const res = await fetch(`${server.url}/`)
    guarded(res)
    const hash = createHash('sha256').update(INLINE_SCRIPT).digest('base64')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}';`)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("default-src 'self'")
  })

  it('API answers, errors and 404s are nosniff and run nothing', async () => {
    const answers = [
      await fetch(`${server.url}/api/listings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'listCategories', payload: {} }),
      }),
      await fetch(`${server.url}/api/listings`, {
        method: 'POST',
        body: '{',
        headers: { 'content-type': 'application/json' },
      }),
      await fetch(`${server.url}/nothing-here`),
      await fetch(`${server.url}/healthz`),
    ]
    expect(answers.map((res) => res.status)).toEqual([200, 400, 404, 200])
    for (const res of answers) {
      guarded(res)
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
    }
  })

  it('a compressible file says it varies by Accept-Encoding, gzipped or not', async () => {
    const gzipped = await fetch(`${server.url}/js/app.js`, { headers: { 'accept-encoding': 'gzip' } })
    const plain = await fetch(`${server.url}/js/app.js`, { headers: { 'accept-encoding': 'identity' } })
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
    expect(plain.headers.get('content-encoding')).toBeNull()
    for (const res of [gzipped, plain]) {
      guarded(res)
      expect(res.headers.get('vary')).toBe('Accept-Encoding')
    }
  })
})

describe('the server process', () => {
  const runServer = runServerProcess
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-proc-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('prints its URL, then shuts down cleanly on SIGTERM', async () => {
    const port = await freePort()
    const proc = runServer({ PORT: String(port), DATA_DIR: join(dir, 'data') })
    expect(await proc.started()).toBe(`http://127.0.0.1:${port}`)
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
    proc.child.kill('SIGTERM')
    expect(await proc.exited).toBe(0)
  }, 30_000)

  it('a taken port gives one clear line and exit code 1, not a stack trace', async () => {
    const blocker = createServer().listen(0, '127.0.0.1')
    await new Promise((r) => blocker.once('listening', r))
    const port = (blocker.address() as { port: number }).port
    const proc = runServer({ PORT: String(port), DATA_DIR: join(dir, 'data') })
    expect(await proc.exited).toBe(1)
    blocker.close()
    expect(proc.err().trim()).toBe(`启动失败：端口 ${port} 已被占用，请用 PORT=其他端口 重新启动`)
  }, 30_000)

  it('an unusable data directory gives one clear line and exit code 1', async () => {
    writeFileSync(join(dir, 'a-file'), '')
    const proc = runServer({ PORT: '0', DATA_DIR: join(dir, 'a-file', 'data') })
    expect(await proc.exited).toBe(1)
    expect(proc.err().trim().split('\n')).toHaveLength(1)
    expect(proc.err()).toMatch(/^启动失败：数据目录不可写：.*ENOTDIR/)
  }, 30_000)
})
