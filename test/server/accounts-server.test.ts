import { maskPhone } from '@shared/core/mask-phone'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Collections } from '@shared/collections'
import type { Envelope, Profile, Session } from '@shared/contracts'
import { silentLogger } from '@shared/core/logger'
import type { SecurityLogDoc } from '@shared/domain/accounts/security-log'
import type { OutboxMessage } from '@shared/drivers/local/sms-outbox'
import type { SmsSender } from '@shared/ports/sms-sender'
import { SECRETS_FILE } from '../../server/secrets'
import { startServer, type RunningServer, type StartOptions } from '../../server/server'
import { agreedConsents } from '../support/accounts'
import { runServerProcess } from '../support/server-process'

const PHONE = '13812345678'
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)])

describe('the self-hosted server: accounts', () => {
  let dir: string
  const running: RunningServer[] = []

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-accounts-'))
  })
  afterEach(async () => {
    while (running.length) await running.pop()!.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const start = async (options: Partial<StartOptions> = {}) => {
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      h5Dir: join(dir, 'no-h5'),
      seed: false,
      logLevel: 'error',
      logger: silentLogger,
      // Many logins from one address, none about the human check: both set explicitly.
      env: { SMS_CAPTCHA: 'off', SMS_SENDS_PER_IP_PER_HOUR: '1000' },
      ...options,
    })
    running.push(server)
    return server
  }

  const auth = async <T>(
    server: RunningServer,
    action: string,
    payload: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${server.url}/api/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ action, payload }),
    })
    return { status: res.status, body: (await res.json()) as Envelope<T> }
  }

  const outbox = async (server: RunningServer) => {
    const res = await fetch(`${server.url}/dev/sms-outbox`)
    expect(res.headers.get('cache-control')).toBe('no-store')
    return (await res.json()) as OutboxMessage[]
  }

  /** The H5 login against the real server, reading the code from the dev outbox over HTTP. */
  const login = async (server: RunningServer, headers: Record<string, string> = {}): Promise<Session> => {
    expect((await auth(server, 'sendSmsCode', { phone: PHONE })).body.ok).toBe(true)
    const [message] = await outbox(server)
    const result = await auth<Session>(
      server,
      'loginWithSms',
      { phone: PHONE, code: message.code, consents: agreedConsents(Date.now()) },
      headers,
    )
    if (!result.body.ok) throw new Error(result.body.error.message)
    return result.body.data
  }

  it('generates its secrets on first start, owner-only, and reuses them: a session survives a restart', async () => {
    const first = await start()
    const file = join(dir, 'data', SECRETS_FILE)
    const written = readFileSync(file, 'utf8')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(written)).toEqual({
      version: 1,
      sessionKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      phoneEncryptionKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      phoneHashKey: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    const session = await login(first)
    await running.pop()!.close()

    const second = await start()
    expect(readFileSync(file, 'utf8')).toBe(written)
    const profile = await auth<Profile>(second, 'getProfile', {}, { authorization: `Bearer ${session.token}` })
    expect(profile.body).toMatchObject({ ok: true, data: { maskedPhone: '138****5678' } })
  })

  it('takes its secrets from the environment when given, and then writes no secrets file', async () => {
    const env = {
      SESSION_SECRET: 'a'.repeat(64),
      PHONE_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString('base64'),
      PHONE_HASH_KEY: 'c'.repeat(64),
    }
    const server = await start({ env: { ...env, SMS_CAPTCHA: 'off' } })
    await login(server)
    expect(() => statSync(join(dir, 'data', SECRETS_FILE))).toThrow()
  })

  it('refuses to start on partial or malformed secrets, or a corrupt secrets file', async () => {
    await expect(start({ env: { SESSION_SECRET: 'a'.repeat(64) } })).rejects.toThrow(/PHONE_ENCRYPTION_KEY/)
    await expect(
      start({ env: { SESSION_SECRET: 'short', PHONE_ENCRYPTION_KEY: 'b'.repeat(64), PHONE_HASH_KEY: 'c'.repeat(64) } }),
    ).rejects.toThrow(/SESSION_SECRET/)
    mkdirSync(join(dir, 'data'), { recursive: true })
    writeFileSync(join(dir, 'data', SECRETS_FILE), '{"version":1,"sessionKey":"x"}')
    await expect(start()).rejects.toThrow(/密钥文件已损坏/)
  })

  it('demo mode: the dev outbox lists sent codes newest first as JSON', async () => {
    const server = await start()
    expect(server.outbox).not.toBeNull()
    await auth(server, 'sendSmsCode', { phone: PHONE })
    await auth(server, 'sendSmsCode', { phone: '13900001111' })
    const messages = await outbox(server)
    expect(messages.map((m) => m.phone)).toEqual(['13900001111', PHONE])
    for (const m of messages) {
      expect(m).toEqual({
        phone: expect.any(String),
        code: expect.stringMatching(/^\d{6}$/),
        text: expect.any(String),
        at: expect.any(Number),
      })
      expect(m.text).toContain(m.code)
    }
  })

  it('demo mode writes each code to the log with the number masked, so the developer can read it there too', async () => {
    const lines: string[] = []
    const { createLogger } = await import('@shared/core/logger')
    const server = await start({ logger: createLogger((line) => lines.push(line)) })
    await auth(server, 'sendSmsCode', { phone: PHONE })
    const [message] = server.outbox!.messages()
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ msg: 'sms outbox', phone: maskPhone(PHONE), code: message.code }),
    )
    expect(lines.join('\n')).not.toContain(PHONE)
  })

  it('production mode: no SMS provider → refuses to start with one clear line', async () => {
    await expect(start({ appMode: 'production' })).rejects.toThrow(
      /^生产模式（APP_MODE=production）需要配置腾讯云短信：TENCENT_SMS_SECRET_ID/,
    )
  })

  it('production mode: there is no outbox route, and codes go only to the SMS provider', async () => {
    const delivered: Array<{ phone: string; code: string }> = []
    const provider: SmsSender = {
      delivery: 'sms',
      async sendVerificationCode(phone, code) {
        delivered.push({ phone, code })
      },
    }
    const server = await start({ appMode: 'production', drivers: { sms: provider } })
    expect(server.outbox).toBeNull()
    expect((await auth(server, 'sendSmsCode', { phone: PHONE })).body.ok).toBe(true)
    expect(delivered).toEqual([{ phone: PHONE, code: expect.stringMatching(/^\d{6}$/) }])
    const res = await fetch(`${server.url}/dev/sms-outbox`)
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain(delivered[0].code)
  })

  it('WeChat and Alipay login without configuration are refused as not offered here', async () => {
    const server = await start()
    const wechat = await auth(server, 'loginWithWechat', {
      phoneCode: 'c',
      loginCode: 'l',
      consents: agreedConsents(Date.now()),
    })
    expect(wechat).toMatchObject({ status: 403, body: { ok: false, error: { code: 'NOT_ALLOWED' } } })
    const alipay = await auth(server, 'loginWithAlipay', {
      authCode: 'a',
      phone: { response: 'r', sign: 's' },
      consents: agreedConsents(Date.now()),
    })
    expect(alipay).toMatchObject({ status: 403, body: { ok: false, error: { code: 'NOT_ALLOWED' } } })
  })

  it('the security log records the socket address, not what the client claims in X-Real-IP / X-Forwarded-For', async () => {
    const server = await start()
    await login(server, { 'x-real-ip': '9.9.9.9', 'x-forwarded-for': '8.8.8.8, 7.7.7.7' })
    const { items } = await server.store.find<SecurityLogDoc>(Collections.securityLog, { orderBy: [], limit: 5 })
    expect(items.map((e) => e.ip)).toEqual(['127.0.0.0'])
  })

  it('serves uploaded avatars at /files/<key> with their type and nosniff, and nothing outside the files folder', async () => {
    const server = await start({ publicUrl: 'https://demo.example.com' })
    const session = await login(server)
    const upload = await auth<Profile>(
      server,
      'uploadAvatar',
      { mimeType: 'image/png', data: PNG.toString('base64') },
      { authorization: `Bearer ${session.token}` },
    )
    if (!upload.body.ok) throw new Error(upload.body.error.message)
    const url = upload.body.data.avatarUrl!
    expect(url).toMatch(/^https:\/\/demo\.example\.com\/files\/avatars\//)
    const res = await fetch(`${server.url}${url.slice('https://demo.example.com'.length)}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG)

    writeFileSync(join(dir, 'data', 'files', '.hidden'), 'hidden')
    for (const path of [
      '/files/../secrets.json',
      '/files/%2e%2e/secrets.json',
      '/files/..%2fsecrets.json',
      '/files/avatars/..%2f..%2fsecrets.json',
      '/files/avatars/%2e%2e/%2e%2e/zhineng.sqlite',
      '/files/%2fetc%2fpasswd',
      '/files/.hidden',
      '/files/%E0%A4%A',
      '/files/avatars',
    ]) {
      const refused = await fetch(`${server.url}${path}`)
      // A key that does not even decode is a bad request; the rest are simply not there.
      expect([path, refused.status]).toEqual([path, path === '/files/%E0%A4%A' ? 400 : 404])
      const text = await refused.text()
      expect(text).not.toContain('sessionKey')
      expect(text).not.toContain('hidden')
    }
  })

  it('the auth function takes a 2 MB avatar over HTTP while other functions keep the small body limit', async () => {
    const server = await start()
    const session = await login(server)
    const big = Buffer.concat([PNG, Buffer.alloc(1_900_000)])
    const upload = await auth<Profile>(
      server,
      'uploadAvatar',
      { mimeType: 'image/png', data: big.toString('base64') },
      { authorization: `Bearer ${session.token}` },
    )
    expect(upload.body.ok).toBe(true)
    const listings = await fetch(`${server.url}/api/listings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'listListings', payload: { city: 'x'.repeat(300_000) } }),
    })
    expect(listings.status).toBe(413)
  })
})

describe('the server process in production mode', () => {
  it('without an SMS provider it exits 1 with one clear line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhineng-prod-'))
    try {
      const proc = runServerProcess({ APP_MODE: 'production', PORT: '0', DATA_DIR: join(dir, 'data') })
      expect(await proc.exited).toBe(1)
      const stderr = proc.err()
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(stderr).toMatch(/^启动失败：生产模式（APP_MODE=production）需要配置腾讯云短信/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)
})
