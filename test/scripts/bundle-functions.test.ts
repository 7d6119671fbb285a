import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { Collections } from '@shared/collections'
import type { Envelope, ListingDetail, ListingSummary, Page } from '@shared/contracts'
import type { HttpResult } from '@shared/core/handler'
import { createCloudbaseStore } from '@shared/drivers/cloudbase/cloudbase-store'
import type { CategoryDoc, ListingDoc } from '@shared/domain/listings/listing'
import { functionDefinitions } from '@shared/functions'
import {
  bundleFunction,
  bundleFunctions,
  deployedFunctionNames,
  type BundleReport,
} from '../../scripts/bundle-functions'
import { startCloudbaseDouble, type CloudbaseDouble } from '../support/cloudbase-double'

// The seeding client below runs in this process; as in the driver test, declaring the SCF runtime keeps
// the SDK from probing Tencent Cloud's metadata service.
process.env.TENCENTCLOUD_RUNENV = 'SCF'
process.env.TENCENTCLOUD_REGION = 'ap-shanghai'
process.env.SCF_NAMESPACE = 'test-env'
process.env.SILENCE = 'true'

jest.setTimeout(60_000)

const DAY = 24 * 60 * 60 * 1000
const SDK_VERSION = (
  JSON.parse(readFileSync(createRequire(__filename).resolve('@cloudbase/node-sdk/package.json'), 'utf8')) as {
    version: string
  }
).version

/** What the deployed function's process sees: the SCF runtime's variables, nothing from this repo. */
function runtimeEnv(double: CloudbaseDouble): NodeJS.ProcessEnv {
  return {
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: 'test-env',
    TENCENTCLOUD_SECRETID: 'runtime-id',
    TENCENTCLOUD_SECRETKEY: 'runtime-key',
    TENCENTCLOUD_SESSIONTOKEN: 'runtime-token',
    // Where the runtime tells the SDK to send its requests: here, the double.
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: double.url }),
    SILENCE: 'true',
  }
}

interface Invocation {
  results: unknown[]
  logLines: Array<Record<string, unknown>>
}

/**
 * Loads the bundle in a fresh Node process, from a folder outside the repo so nothing can be resolved from
 * node_modules, and calls its `main` once per event, as one warm instance would.
 */
function invoke(
  bundle: string,
  events: unknown[],
  env: NodeJS.ProcessEnv,
  contexts: Array<Record<string, unknown>> = [],
): Promise<Invocation> {
  const script = `
    const { main } = require(process.argv[1])
    const events = JSON.parse(process.argv[2])
    const contexts = JSON.parse(process.argv[3])
    ;(async () => {
      const results = []
      for (const [i, event] of events.entries()) {
        results.push(await main(event, { request_id: 'ctx-' + i, ...contexts[i] }))
      }
      process.stdout.write('RESULT ' + JSON.stringify(results) + '\\n')
    })().catch((e) => { process.stderr.write(String((e && e.stack) || e)); process.exit(1) })`
  return new Promise((resolve, reject) => {
    // Asynchronous on purpose: the double answers from this process's event loop.
    execFile(
      process.execPath,
      ['-e', script, bundle, JSON.stringify(events), JSON.stringify(contexts)],
      { cwd: tmpdir(), env },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`bundle failed: ${error.message}\n${stderr}`))
        const lines = stdout.split('\n').filter(Boolean)
        const result = lines.find((l) => l.startsWith('RESULT '))
        if (!result) return reject(new Error(`no result from the bundle:\n${stdout}\n${stderr}`))
        resolve({
          results: JSON.parse(result.slice('RESULT '.length)) as unknown[],
          logLines: lines.filter((l) => l !== result).map((l) => JSON.parse(l) as Record<string, unknown>),
        })
      },
    )
  })
}

/** A client of the double in this process, as the test's own way to put documents in and read them back. */
function seedingStore(double: CloudbaseDouble) {
  return createCloudbaseStore(
    tcb.init({ env: 'test-env', secretId: 'seed-id', secretKey: 'seed-key', serviceUrl: double.url }),
  )
}

function httpEvent(body: unknown, headers: Record<string, string> = {}) {
  return {
    path: '/api/listings',
    httpMethod: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    multiValueHeaders: {},
    queryStringParameters: {},
    requestContext: { requestId: 'http-req-1', envId: 'test-env', appId: '', uin: '' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  }
}

function listing(id: string, overrides: Partial<ListingDoc>): ListingDoc {
  const now = Date.now()
  return {
    _id: id,
    category: 'supply',
    title: `标题 ${id}`,
    description: '产品供应说明',
    province: '上海市',
    city: '上海',
    company: '示例公司',
    brand: '示例品牌',
    images: [],
    contact: {
      name: '王先生',
      phone: '12312345678',
      wechat: 'demo_wang',
      qq: '',
      public: { phone: true, wechat: true, qq: false },
    },
    posterId: 'poster-1',
    status: 'published',
    createdAt: now - 2 * DAY,
    updatedAt: now - 2 * DAY,
    publishedAt: now - DAY,
    expiresAt: now + 30 * DAY,
    viewCount: 3,
    ...overrides,
  }
}

describe('the deployable bundles (npm run build:functions)', () => {
  let outDir: string
  let reports: BundleReport[]

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'zhineng-bundles-'))
    reports = await bundleFunctions({ outDir, logLevel: 'silent' })
  })

  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  it('there is one self-contained folder per function: index.js and a package.json without dependencies', () => {
    expect(reports.map((r) => r.name)).toEqual(deployedFunctionNames)
    expect(deployedFunctionNames).toEqual([
      ...Object.keys(functionDefinitions),
      'job-purge-accounts',
      'job-retention',
      'job-expiry-reminders',
      'wechat-push',
    ])
    for (const report of reports) {
      const pkg = JSON.parse(readFileSync(join(report.dir, 'package.json'), 'utf8')) as Record<string, unknown>
      expect(pkg).toMatchObject({ name: report.name, private: true, main: 'index.js' })
      expect(pkg.dependencies).toBeUndefined()
      expect(report.bytes).toBeGreaterThan(0)
      // CloudBase refuses a code package above 50 MB; stay far below it.
      expect(report.gzipBytes).toBeLessThan(5 * 1024 * 1024)
    }
  })

  it('no bundle contains better-sqlite3, the embedded server driver, and each carries the SDK it was tested with', () => {
    for (const report of reports) {
      expect(report.inputs.filter((p) => /better-sqlite3|drivers\/sqlite/.test(p))).toEqual([])
      expect(report.inputs).toContain('cloudfunctions/shared/drivers/cloudbase/cloudbase-store.ts')
      const code = readFileSync(join(report.dir, 'index.js'), 'utf8')
      // Booleans, not toContain: a failure would otherwise print two megabytes of bundle.
      expect(code.includes('better-sqlite3')).toBe(false)
      // The SDK's own version, fixed at build time, rather than whatever package.json sits two folders up.
      expect(code.includes(`.version = ${JSON.stringify(SDK_VERSION)};`)).toBe(true)
      expect(code.includes('"../../package.json"')).toBe(false)
    }
  })

  it('a function that reaches the SQLite driver is refused at build time, naming the importer', async () => {
    const refused = bundleFunction('forbidden', {
      entry: 'cloudfunctions/shared/drivers/sqlite/sqlite-store.ts',
      outDir,
      logLevel: 'silent',
    })

    await expect(refused).rejects.toThrow(/"better-sqlite3" is server-only.*sqlite-store\.ts/)
  })

  describe('the listings bundle, run as CloudBase runs it, through the real SDK to the wire double', () => {
    let double: CloudbaseDouble
    const bundle = () => join(outDir, 'listings', 'index.js')

    beforeEach(async () => {
      double = await startCloudbaseDouble()
      const store = seedingStore(double)
      const categories: CategoryDoc[] = [
        { _id: 'supply', name: '产品供应', order: 1 },
        { _id: 'agency', name: '代理加盟', order: 2 },
      ]
      for (const doc of categories) await store.insert(Collections.categories, doc)
      await store.insert(Collections.listings, listing('open-1', {}))
      await store.insert(Collections.listings, listing('expired-1', { expiresAt: Date.now() - DAY }))
      await store.insert(Collections.listings, listing('draft-1', { status: 'draft' }))
      double.requests.length = 0
    })

    afterEach(() => double.close())

    it('answers a WeChat callFunction and HTTP-access requests with envelopes, from documents in CloudBase', async () => {
      const { results, logLines } = await invoke(
        bundle(),
        [
          { action: 'listListings', payload: {}, userInfo: { openId: 'o1', appId: 'wx-test' } },
          httpEvent({ action: 'getListing', payload: { id: 'open-1' } }),
          httpEvent({ action: 'getListing', payload: { id: 'expired-1' } }),
          httpEvent({ action: 'listCategories' }, { authorization: 'Bearer forged-token' }),
        ],
        runtimeEnv(double),
      )
      const [feed, detail, expired, forged] = results as [
        Envelope<Page<ListingSummary>>,
        HttpResult,
        HttpResult,
        HttpResult,
      ]

      // callFunction: the envelope itself is the result.
      if (!feed.ok) throw new Error(`feed failed: ${feed.error.code}`)
      expect(feed.data.items.map((i) => [i.id, i.categoryName])).toEqual([['open-1', '产品供应']])
      expect(feed.data.nextCursor).toBeNull()

      // HTTP access: a full response whose body is the envelope, contacts masked.
      expect(detail.statusCode).toBe(200)
      expect(detail.headers['content-type']).toContain('application/json')
      const detailBody = JSON.parse(detail.body) as Envelope<ListingDetail>
      expect(detailBody).toMatchObject({
        ok: true,
        data: { id: 'open-1', maskedPhone: '123****5678', hasWechat: true },
      })
      expect(detail.body).not.toContain('12312345678')
      expect(detail.body).not.toContain('demo_wang')

      expect(expired.statusCode).toBe(404)
      expect(JSON.parse(expired.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

      // No sessions exist yet, so a bearer token can only be forged: refused, not ignored.
      expect(forged.statusCode).toBe(401)
      expect(JSON.parse(forged.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })

      // Every request went to the environment the function runs in; none names an env id from the code.
      expect(double.requests.length).toBeGreaterThan(0)
      for (const request of double.requests) {
        expect(request.action).toMatch(/^database\./)
        expect(request.body).toMatchObject({ envName: 'test-env' })
      }

      // One JSON line per action on stdout, for CloudBase's log search.
      expect(logLines.map((l) => [l.level, l.msg, l.fn, l.action, l.ok, l.code])).toEqual([
        ['info', 'action', 'listings', 'listListings', true, undefined],
        ['info', 'action', 'listings', 'getListing', true, undefined],
        ['info', 'action', 'listings', 'getListing', false, 'NOT_FOUND'],
        ['info', 'action', 'listings', 'listCategories', false, 'UNAUTHENTICATED'],
      ])
      expect(logLines[1]).toMatchObject({ requestId: 'http-req-1' })
      expect(logLines[0]).toMatchObject({ requestId: 'ctx-0' })
    })

    it('a guest’s view is written before the invocation answers; the same client again in the warm instance writes nothing', async () => {
      const read = (ip: string) => httpEvent({ action: 'getListing', payload: { id: 'open-1' } }, { 'x-real-ip': ip })
      const { results } = await invoke(
        bundle(),
        [read('203.0.113.7'), read('203.0.113.7'), read('198.51.100.20')],
        runtimeEnv(double),
      )
      const shown = (results as HttpResult[]).map((r) => JSON.parse(r.body) as Envelope<ListingDetail>)
      expect(shown.map((envelope) => envelope.ok && envelope.data.viewCount)).toEqual([4, 4, 5])
      // One write per new (listing, client) pair, none for the repeat.
      expect(double.requests.filter((r) => r.action === 'database.modifyDocument')).toHaveLength(2)
      expect((await seedingStore(double).get<ListingDoc>(Collections.listings, 'open-1'))?.viewCount).toBe(5)
    })

    it('loading the bundle does no SDK work: the CloudBase app is set up by the first call, not at cold start', async () => {
      // Outside SCF an initialised SDK probes Tencent Cloud's metadata service at once, so a load that
      // made any request at all would mean the app was set up at global scope.
      const probe = `
        const hosts = []
        require('node:diagnostics_channel').subscribe('http.client.request.start', (m) => hosts.push(m.request.host))
        const m = require(process.argv[1])
        setTimeout(() => process.stdout.write('RESULT ' + JSON.stringify([typeof m.main, hosts]) + '\\n'), 300)`
      const output = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['-e', probe, bundle()], { cwd: tmpdir(), env: {} }, (error, stdout) =>
          error ? reject(error) : resolve(stdout),
        ),
      )

      expect(output.trim()).toBe('RESULT ["function",[]]')
      expect(double.requests).toEqual([])
    })

    it('a CloudBase failure reaches the caller as INTERNAL, with the details only in the log', async () => {
      double.failNext('DATABASE_TIMEOUT', 'operation exceeded time limit')

      const { results, logLines } = await invoke(
        bundle(),
        [{ action: 'getListing', payload: { id: 'open-1' } }],
        runtimeEnv(double),
      )

      expect(results[0]).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } })
      expect(JSON.stringify(results[0])).not.toContain('DATABASE_TIMEOUT')
      expect(logLines).toHaveLength(1)
      expect(logLines[0]).toMatchObject({ level: 'error', fn: 'listings', action: 'getListing', code: 'INTERNAL' })
      expect(String(logLines[0].errMessage)).toContain('DATABASE_TIMEOUT')
      expect(JSON.stringify(logLines[0])).not.toContain('runtime-key')
    })
  })

  it('the functions that post content carry the IP属地 database beside index.js; the others do not', () => {
    const withData = reports.filter((r) => r.dataBytes > 0).map((r) => r.name)
    expect(withData).toEqual(['listings', 'interactions'])
    for (const name of withData) {
      for (const file of ['ip2region/ip2region.db', 'ip2region/ipv6wry.db']) {
        expect(statSync(join(outDir, name, file)).size).toBeGreaterThan(1024 * 1024)
      }
    }
    expect(existsSync(join(outDir, 'auth', 'ip2region'))).toBe(false)
  })

  describe('the interactions bundle: a comment’s IP属地 from the cloud call’s client address', () => {
    let double: CloudbaseDouble
    const bundle = () => join(outDir, 'interactions', 'index.js')

    beforeEach(async () => {
      double = await startCloudbaseDouble()
      const store = seedingStore(double)
      await store.insert(Collections.listings, listing('open-1', {}))
      const now = Date.now()
      await store.insert(Collections.users, {
        _id: 'member-1',
        phoneHash: 'hash-1',
        phoneEnc: 'enc-1',
        wechatOpenId: 'o-member',
        alipayUserId: null,
        nickname: '评论者',
        avatarKey: null,
        avatarUrl: null,
        companyName: '',
        brandName: '',
        age: 'adult',
        createdAt: now,
        updatedAt: now,
        lastLoginAt: now,
      })
    })

    afterEach(() => double.close())

    it('WX_CLIENTIP in the context names the province (current and older runtime); only the label is stored', async () => {
      const comment = (content: string) => ({
        action: 'postComment',
        payload: { listingId: 'open-1', content },
        userInfo: { openId: 'o-member', appId: 'wx-test' },
      })
      const { results } = await invoke(
        bundle(),
        [
          comment('请问起订量是多少？'),
          comment('可以寄样品吗？'),
          comment('还有现货吗？'),
          { action: 'listComments', payload: { listingId: 'open-1' } },
        ],
        runtimeEnv(double),
        [
          { environment: JSON.stringify({ WX_CLIENTIP: '114.114.114.114', WX_CLIENTIPV6: '' }) },
          { environ: 'WX_OPENID=o-member;WX_CLIENTIP=8.8.8.8;WX_APPID=wx-test' },
          {},
        ],
      )
      const posted = results.slice(0, 3) as Array<Envelope<{ ipRegion: string }>>
      expect(posted.map((r) => r.ok && r.data.ipRegion)).toEqual(['江苏', '美国', '未知'])
      const listed = results[3] as Envelope<Page<{ content: string; ipRegion: string }>>
      if (!listed.ok) throw new Error(listed.error.code)
      expect(listed.data.items.map((c) => [c.content, c.ipRegion])).toEqual([
        ['还有现货吗？', '未知'],
        ['可以寄样品吗？', '美国'],
        ['请问起订量是多少？', '江苏'],
      ])
      const store = seedingStore(double)
      expect(await store.get(Collections.users, 'member-1')).toMatchObject({ ipRegion: '未知' })
      const { items } = await store.find(Collections.comments, { where: {}, orderBy: [], limit: 10 })
      expect(JSON.stringify(items)).not.toMatch(/114\.114|8\.8\.8\.8/)
    })
  })

  describe('a job bundle, started as CloudBase’s timer starts it', () => {
    let double: CloudbaseDouble
    const bundle = () => join(outDir, 'job-retention', 'index.js')

    beforeEach(async () => {
      double = await startCloudbaseDouble()
      const store = seedingStore(double)
      await store.insert(Collections.rateCounters, { _id: 'old', count: 1, retainUntil: Date.now() - DAY })
      await store.insert(Collections.rateCounters, { _id: 'live', count: 1, retainUntil: Date.now() + DAY })
      await store.insert(Collections.humanChecks, { _id: 'spent', retainUntil: Date.now() - 1000 })
      await store.insert(Collections.securityLog, {
        _id: 'log',
        userId: 'u1',
        ip: '203.0.113.0',
        at: Date.now() - 180 * DAY - 1000,
        retainUntil: Date.now() - 1000,
      })
    })

    afterEach(() => double.close())

    it('its own timer event runs the job and logs one line with the counts; a client call shaped like a timer is refused', async () => {
      const timer = { Type: 'Timer', TriggerName: 'retention', Time: new Date().toISOString(), Message: '' }
      const { results, logLines } = await invoke(
        bundle(),
        [{ ...timer, userInfo: { openId: 'o-attacker', appId: 'wx-test' } }, timer, timer],
        runtimeEnv(double),
      )
      expect(results[0]).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })
      expect(results[1]).toMatchObject({
        ok: true,
        data: { human_checks: 1, rate_counters: 1, 'security_log:anonymised': 1, security_log: 0, listing_images: 0 },
      })
      // Idempotent: the next run finds nothing left to do.
      const second = results[2] as { ok: true; data: Record<string, number> }
      expect(second.ok).toBe(true)
      expect(Object.entries(second.data).filter(([, n]) => n !== 0)).toEqual([])
      expect(logLines.filter((line) => line.msg === 'job')).toEqual([
        expect.objectContaining({
          job: 'retention',
          trigger: 'timer',
          ok: true,
          human_checks: 1,
          rate_counters: 1,
        }),
        expect.objectContaining({
          job: 'retention',
          trigger: 'timer',
          ok: true,
          human_checks: 0,
          rate_counters: 0,
        }),
      ])
      const store = seedingStore(double)
      expect(await store.get(Collections.rateCounters, 'live')).not.toBeNull()
      expect(await store.get(Collections.rateCounters, 'old')).toBeNull()
      expect(await store.get(Collections.securityLog, 'log')).toMatchObject({ userId: null, ip: null })
    })
  })
})
