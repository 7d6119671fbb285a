import { mkdtempSync, rmSync } from 'node:fs'
import { IncomingMessage } from 'node:http'
import { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Envelope, HumanChallenge } from '@shared/contracts'
import type { OutboxMessage } from '@shared/drivers/local/sms-outbox'
import { solveHumanChallenge } from '@/features/auth/human-check'
import { clientAddress, isLocalDeveloper, isLoopbackHost, parseTrustProxy } from '../../server/client-address'
import { agreedConsents } from '../support/accounts'
import { runServerProcess, type ServerProcess } from '../support/server-process'

const phone = (n: number) => `137${String(n).padStart(8, '0')}`

/**
 * The takeover and SMS-bill guards, through the real server process (`server/main.ts`, configured by its
 * environment only) on loopback. Different clients are made by a proxy the server was told to trust.
 */
describe('the server process: login codes stay private and SMS spending is bounded', () => {
  let dir: string
  let proc: ServerProcess | null = null
  let url: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-sms-'))
  })
  afterEach(async () => {
    if (proc) await proc.stop()
    proc = null
    rmSync(dir, { recursive: true, force: true })
  })

  const start = async (env: Record<string, string>) => {
    proc = runServerProcess({ PORT: '0', DATA_DIR: join(dir, 'data'), ...env })
    url = await proc.started()
  }

  const post = async <T>(action: string, payload: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/api/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ action, payload }),
    })
    return { status: res.status, body: (await res.json()) as Envelope<T> }
  }
  const via = (client: string) => ({ 'x-forwarded-for': client })
  const solved = async () => {
    const asked = await post<HumanChallenge>('getSmsChallenge', {})
    if (!asked.body.ok) throw new Error(asked.body.error.message)
    return solveHumanChallenge(asked.body.data)
  }
  const send = async (n: number, headers: Record<string, string> = {}, check = true) =>
    post('sendSmsCode', { phone: phone(n), ...(check ? { humanCheck: await solved() } : {}) }, headers)
  const outbox = async (headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${url}/dev/sms-outbox`, { method, headers })
  const codeFor = async (n: number) =>
    ((await (await outbox()).json()) as OutboxMessage[]).find((m) => m.phone === phone(n))?.code
  const login = (n: number, code: string) =>
    post('loginWithSms', { phone: phone(n), code, consents: agreedConsents(Date.now()) })

  it('demo mode on 0.0.0.0 without ALLOW_DEMO_ON_NETWORK refuses to start with one clear line', async () => {
    const refused = runServerProcess({ PORT: '0', HOST: '0.0.0.0', DATA_DIR: join(dir, 'data') })
    expect(await refused.exited).toBe(1)
    expect(refused.err().trim().split('\n')).toHaveLength(1)
    expect(refused.err()).toMatch(/^启动失败：演示模式不会发送短信.*HOST=0\.0\.0\.0.*ALLOW_DEMO_ON_NETWORK=1/)
  }, 30_000)

  it('with ALLOW_DEMO_ON_NETWORK=1 it starts and says loudly, on every start, what that exposes', async () => {
    await start({ HOST: '0.0.0.0', ALLOW_DEMO_ON_NETWORK: '1' })
    const warning = proc!
      .out()
      .split('\n')
      .find((line) => line.startsWith('!!! 警告'))
    expect(warning).toMatch(/演示模式已开放到网络（HOST=0\.0\.0\.0）.*验证码.*可以用任何手机号登录/)
    // The outbox is still only for this machine; its address is given as loopback.
    expect(proc!.out()).toMatch(/请在本机打开 http:\/\/127\.0\.0\.1:\d+\/dev\/sms-outbox/)
  }, 30_000)

  it('the outbox answers only a loopback peer with no proxy headers; anything relayed gets 404', async () => {
    await start({ SMS_CAPTCHA: 'off' })
    expect((await send(1, {}, false)).body.ok).toBe(true)
    expect((await outbox()).status).toBe(200)
    for (const headers of <Record<string, string>[]>[
      { 'x-forwarded-for': '203.0.113.5' },
      { 'x-real-ip': '203.0.113.5' },
      { forwarded: 'for=203.0.113.5' },
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const res = await outbox(headers, method)
        expect(res.status).toBe(404)
        expect(await res.text()).not.toMatch(/\d{6}/)
      }
    }
  }, 30_000)

  it('over HTTP a code needs a solved challenge, a JSON body, and fits the per-client and daily budgets', async () => {
    await start({ TRUST_PROXY: '127.0.0.1', SMS_SENDS_PER_IP_PER_HOUR: '2', SMS_SENDS_PER_DAY: '4' })
    const res = await fetch(`${url}/api/auth`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ action: 'sendSmsCode', payload: { phone: phone(1) } }),
    })
    expect(res.status).toBe(415)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } })

    expect((await send(1, via('203.0.113.1'), false)).body).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'humanCheck' },
    })
    expect((await send(1, via('203.0.113.1'))).body.ok).toBe(true)
    expect((await send(2, via('203.0.113.1'))).body.ok).toBe(true)
    const overClient = await send(3, via('203.0.113.1'))
    expect(overClient.status).toBe(429)
    expect(overClient.body).toMatchObject({ error: { message: expect.stringMatching(/^获取验证码过于频繁/) } })

    // Another client behind the same trusted proxy has its own budget, until the platform's day is spent.
    expect((await send(3, via('203.0.113.2'))).body.ok).toBe(true)
    expect((await send(4, via('203.0.113.2'))).body.ok).toBe(true)
    expect((await send(5, via('203.0.113.3'))).body).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '今日短信验证码发送量已达上限，请明天再试' },
    })
    expect(await codeFor(5)).toBeUndefined()
  }, 30_000)

  it('X-Forwarded-For from a peer not in TRUST_PROXY is ignored: every such request is the peer itself', async () => {
    await start({ SMS_CAPTCHA: 'off', SMS_SENDS_PER_IP_PER_HOUR: '2' })
    expect((await send(1, via('203.0.113.1'), false)).body.ok).toBe(true)
    expect((await send(2, via('203.0.113.2'), false)).body.ok).toBe(true)
    expect((await send(3, via('203.0.113.3'), false)).body).toMatchObject({ error: { code: 'RATE_LIMITED' } })
  }, 30_000)

  it('after five wrong codes a new code can be had at once and logs in; wrong codes per client are capped', async () => {
    await start({ SMS_CAPTCHA: 'off', SMS_WRONG_CODES_PER_IP_PER_HOUR: '7' })
    expect((await send(1, {}, false)).body.ok).toBe(true)
    const wrong = (await codeFor(1)) === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++) await login(1, wrong)
    expect((await send(1, {}, false)).body.ok).toBe(true)
    expect((await login(1, (await codeFor(1))!)).body.ok).toBe(true)

    expect((await send(2, {}, false)).body.ok).toBe(true)
    const right = (await codeFor(2))!
    const miss = right === '000000' ? '111111' : '000000'
    for (let i = 0; i < 2; i++) expect((await login(2, miss)).status).toBe(400)
    const capped = await login(2, right)
    expect(capped.status).toBe(429)
    expect(capped.body).toMatchObject({
      error: { message: expect.stringMatching(/^验证码错误次数过多，请 \d+ 分钟后再试$/) },
    })
  }, 30_000)
})

describe('client addresses and the outbox gate', () => {
  const request = (peer: string, headers: Record<string, string> = {}) => {
    const socket = new Socket()
    Object.defineProperty(socket, 'remoteAddress', { value: peer })
    const req = new IncomingMessage(socket)
    req.headers = headers
    return req
  }

  it('the outbox is for a developer on this machine only: never a non-loopback peer, never through a proxy', () => {
    expect(isLocalDeveloper(request('127.0.0.1'))).toBe(true)
    expect(isLocalDeveloper(request('::1'))).toBe(true)
    expect(isLocalDeveloper(request('::ffff:127.0.0.1'))).toBe(true)
    expect(isLocalDeveloper(request('192.0.2.44'))).toBe(false)
    expect(isLocalDeveloper(request('::ffff:192.0.2.44'))).toBe(false)
    expect(isLocalDeveloper(request('2001:db8::1'))).toBe(false)
    expect(isLocalDeveloper(request('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' }))).toBe(false)
  })

  it('TRUST_PROXY takes the forwarded address only from a listed proxy, walking back through listed hops', () => {
    const trust = parseTrustProxy('10.0.0.0/8, 127.0.0.1, fd00::/8')
    const xff = { 'x-forwarded-for': '198.51.100.9, 203.0.113.7, 10.1.2.3' }
    expect(clientAddress(request('127.0.0.1', xff), trust)).toBe('203.0.113.7')
    expect(clientAddress(request('::ffff:127.0.0.1', xff), trust)).toBe('203.0.113.7')
    expect(clientAddress(request('192.0.2.1', xff), trust)).toBe('192.0.2.1')
    expect(clientAddress(request('fd00::5', { 'x-forwarded-for': '2001:db8::7' }), trust)).toBe('2001:db8::7')
    // A listed proxy that forwarded nothing (or garbage) is itself the client.
    expect(clientAddress(request('127.0.0.1'), trust)).toBe('127.0.0.1')
    expect(clientAddress(request('127.0.0.1', { 'x-forwarded-for': 'junk' }), trust)).toBe('127.0.0.1')
    expect(clientAddress(request('127.0.0.1', xff), parseTrustProxy(undefined))).toBe('127.0.0.1')
  })

  it('a TRUST_PROXY entry that is not an address or a block stops the start, naming it', () => {
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '10.0.0.0/x']) {
      expect(() => parseTrustProxy(bad)).toThrow(`TRUST_PROXY 中的 "${bad}" 不是 IP 地址或 CIDR 网段`)
    }
  })

  it('only loopback binds count as off the network', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host)).toBe(true)
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.local']) expect(isLoopbackHost(host)).toBe(false)
  })
})
