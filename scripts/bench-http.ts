// `npm run bench:http`: HTTP throughput of the self-hosted server against a bare `node:http` server that
// answers the same bytes, both measured by autocannon in the same run. The server is `npm run serve`'s
// code path (server/main.ts as its own process, seeded demo data in a temporary directory, its log written
// to a file as a service manager would); the bare server is another process, so neither shares an event
// loop with the load generator. Not a test: it prints figures and ratios for the README.
//
//   guest feed, 200 connections   requests/s, p50/p99, answers over 2 s, errors; ratio to bare
//   guest feed, 50 connections    p99
//   mixed, 50 connections         feed, detail, search and ~10 % member writes with real sessions
//
// `BENCH_SECONDS=10 npm run bench:http` for a quicker run (default 20 s per phase).
import autocannon from 'autocannon'
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Envelope, ListingSummary, Page, Session } from '@shared/contracts'
import { CURRENT_POLICY_VERSIONS, AGE_CONFIRMATION_VERSION } from '@shared/policy/versions'

const ROOT = resolve(__dirname, '..')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const MEMBERS = 8
const SLOW_MS = 2000
const JSON_HEADERS = { 'content-type': 'application/json', 'x-client-platform': 'h5' }
const FEED_BODY = JSON.stringify({ action: 'listListings', payload: { cursor: null } })

/** A body the bare server answers with every request, as the real server answers the feed. */
const BARE_SERVER = `
const { createServer } = require('node:http')
const { readFileSync } = require('node:fs')
const { headers, body } = JSON.parse(readFileSync(process.argv[1], 'utf8'))
const bytes = Buffer.from(body)
createServer((req, res) => {
  req.resume()
  req.on('end', () => { res.writeHead(200, { ...headers, 'content-length': bytes.length }); res.end(bytes) })
}).listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('ready\\n'))
`

interface Phase {
  rps: number
  p50: number
  p99: number
  max: number
  slow: number
  errors: number
  total: number
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zhineng-bench-http-'))
  const children: ChildProcess[] = []
  try {
    const port = await freePort()
    const origin = `http://127.0.0.1:${port}`
    const log = openSync(join(dir, 'server.log'), 'a')
    children.push(
      spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATA_DIR: join(dir, 'data'),
          H5_DIR: join(dir, 'no-h5'),
          HOST: '127.0.0.1',
          PORT: String(port),
          APP_MODE: 'demo',
          SEED: '1',
          LOG_LEVEL: 'info',
          // Every member of the mixed phase logs in from this one address.
          SMS_SENDS_PER_IP_PER_HOUR: '1000',
          SMS_CAPTCHA: 'off',
        },
        stdio: ['ignore', log, log],
      }),
    )
    closeSync(log)
    await until(async () => (await fetch(`${origin}/healthz`)).ok)

    const feed = await fetch(`${origin}/api/listings`, { method: 'POST', headers: JSON_HEADERS, body: FEED_BODY })
    const feedBody = await feed.text()
    const page = JSON.parse(feedBody) as Envelope<Page<ListingSummary>> as { ok: true; data: Page<ListingSummary> }
    const headers: Record<string, string> = {}
    feed.headers.forEach((value, name) => {
      if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name))
        headers[name] = value
    })
    const bareFile = join(dir, 'bare.json')
    writeFileSync(bareFile, JSON.stringify({ headers, body: feedBody }))
    const barePort = await freePort()
    const bare = spawn(process.execPath, ['-e', BARE_SERVER, bareFile, String(barePort)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    children.push(bare)
    await new Promise<void>((ready) => bare.stdout?.once('data', () => ready()))

    console.info(
      `guest feed: ${page.data.items.length} listings, ${Buffer.byteLength(feedBody)} bytes; ${SECONDS} s per phase`,
    )
    const members = await logInMembers(origin)
    const feedRequest = { method: 'POST' as const, headers: JSON_HEADERS, body: FEED_BODY }
    // Both warmed up alike (the JIT, the server's first computed answers), then measured.
    await load(`${origin}/api/listings`, 50, feedRequest, undefined, 3)
    await load(`http://127.0.0.1:${barePort}/`, 50, feedRequest, undefined, 3)
    const server200 = await load(`${origin}/api/listings`, 200, feedRequest)
    const bare200 = await load(`http://127.0.0.1:${barePort}/`, 200, feedRequest)
    const server50 = await load(`${origin}/api/listings`, 50, feedRequest)
    const bare50 = await load(`http://127.0.0.1:${barePort}/`, 50, feedRequest)

    const mixed = await load(`${origin}/api/listings`, 50, feedRequest, mixedRequests(page.data.items, members))

    console.info('')
    console.info('| phase | requests/s | p50 | p99 | max | over 2 s | errors | ratio to bare |')
    console.info('|---|---:|---:|---:|---:|---:|---:|---:|')
    const row = (name: string, p: Phase, reference?: Phase) =>
      console.info(
        `| ${name} | ${p.rps.toFixed(0)} | ${p.p50} ms | ${p.p99} ms | ${p.max} ms | ${p.slow} | ${p.errors} | ` +
          `${reference ? (p.rps / reference.rps).toFixed(3) : '—'} |`,
      )
    row('server, guest feed, 200 connections', server200, bare200)
    row('bare node:http, same bytes, 200 connections', bare200)
    row('server, guest feed, 50 connections', server50, bare50)
    row('bare node:http, same bytes, 50 connections', bare50)
    row('server, mixed (feed, detail, search, 10 % writes), 50 connections', mixed)
    console.info('')
    console.info(
      `targets: ratio at 200 connections ≥ 0.25 (${(server200.rps / bare200.rps).toFixed(3)}), none over 2 s ` +
        `(${server200.slow}); p99 at 50 connections ≤ 50 ms (${server50.p99} ms); mixed errors 0 (${mixed.errors})`,
    )
  } finally {
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(children.map((child) => new Promise((exited) => child.once('exit', exited))))
    rmSync(dir, { recursive: true, force: true })
  }
}

type Request = autocannon.Request

/** One autocannon phase; an error is a failed connection, a timeout or an answer other than 2xx. */
async function load(
  url: string,
  connections: number,
  request: Request,
  requests?: Request[],
  seconds = SECONDS,
): Promise<Phase> {
  let slow = 0
  const options = {
    url,
    connections,
    duration: seconds,
    timeout: 10,
    ...request,
    ...(requests ? { requests } : {}),
  }
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(options, (error, finished) => (error ? fail(error) : done(finished)))
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (responseTime > SLOW_MS) slow += 1
    })
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    slow,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  }
}

interface BenchMember {
  token: string
  listingId: string
}

/** Members who logged in by SMS code (the demo outbox) and each published one listing, as the H5 app does. */
async function logInMembers(origin: string): Promise<BenchMember[]> {
  const call = async <T>(fn: string, action: string, payload: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${origin}/api/${fn}`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ action, payload }),
    })
    const envelope = (await res.json()) as Envelope<T>
    if (!envelope.ok) throw new Error(`${fn}.${action}: ${envelope.error.code} ${envelope.error.message}`)
    return envelope.data
  }
  const members: BenchMember[] = []
  for (let i = 0; i < MEMBERS; i++) {
    const phone = `1390000${String(1000 + i)}`
    await call('auth', 'sendSmsCode', { phone })
    const outbox = (await (await fetch(`${origin}/dev/sms-outbox`)).json()) as Array<{ phone: string; code: string }>
    const code = outbox.find((m) => m.phone === phone)?.code
    const at = Date.now()
    const consents = [
      { document: 'privacy', version: CURRENT_POLICY_VERSIONS.privacy, choice: 'agree', at, platform: 'h5' },
      { document: 'terms', version: CURRENT_POLICY_VERSIONS.terms, choice: 'agree', at, platform: 'h5' },
      { document: 'age', version: AGE_CONFIRMATION_VERSION, choice: 'adult', at, platform: 'h5' },
    ]
    const session = await call<Session>('auth', 'loginWithSms', { phone, code, consents })
    const listing = await call<{ id: string }>(
      'listings',
      'createListing',
      {
        clientRequestId: `bench-member-${i}`,
        category: 'agency',
        title: `智能门锁诚招区域代理 ${i + 1} 号`,
        description: '厂家直供智能门锁，提供样品、宣传物料和售后技术支持，代理区域保护。',
        region: { province: '四川省', city: '成都' },
        company: '成都青禾科技有限公司',
        brand: '青禾',
        contact: { name: '张经理', phone: '13912345678', wechat: 'qinghe_zhang', public: { name: true, phone: true } },
        validityDays: 30,
      },
      session.token,
    )
    members.push({ token: session.token, listingId: listing.id })
  }
  return members
}

/**
 * What a connection sends in turn: the feed, a category, a detail, two searches … and one member write in
 * ten (a member switching whether their WeChat id is public: a listing write, so it also invalidates
 * whatever the server keeps of the feed). Each write goes to the next member in turn.
 */
function mixedRequests(items: ListingSummary[], members: BenchMember[]): Request[] {
  let next = 0
  let publicWechat = false
  const post = (action: string, payload: unknown): Request => ({
    method: 'POST',
    path: '/api/listings',
    headers: JSON_HEADERS,
    body: JSON.stringify({ action, payload }),
  })
  const detail = (i: number) => post('getListing', { listingId: items[i % items.length].id })
  return [
    post('listListings', { cursor: null }),
    detail(0),
    post('listListings', { keyword: '招商', cursor: null }),
    post('listListings', { category: 'agency', cursor: null }),
    detail(3),
    post('listListings', { city: '成都', cursor: null }),
    post('listListings', { keyword: '加盟', category: 'brand-franchise', cursor: null }),
    detail(7),
    post('listListings', { cursor: null }),
    {
      method: 'POST',
      path: '/api/listings',
      setupRequest: (req: Request) => {
        const member = members[next++ % members.length]
        publicWechat = !publicWechat
        return {
          ...req,
          headers: { ...JSON_HEADERS, authorization: `Bearer ${member.token}` },
          body: JSON.stringify({
            action: 'setContactVisibility',
            payload: { listingId: member.listingId, field: 'wechat', public: publicWechat },
          }),
        }
      },
    },
  ]
}

function freePort(): Promise<number> {
  return new Promise<number>((resolvePort) => {
    const socket = createServer().listen(0, '127.0.0.1', () => {
      const { port } = socket.address() as { port: number }
      socket.close(() => resolvePort(port))
    })
  })
}

async function until(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if (await probe()) return
    } catch {
      // not listening yet
    }
    await new Promise((later) => setTimeout(later, 100))
  }
  throw new Error('the server did not start within a minute')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
