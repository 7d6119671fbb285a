import { Collections } from '@shared/collections'
import type { HumanChallenge, Session } from '@shared/contracts'
import type { Limits } from '@shared/core/limits'
import { createLogger } from '@shared/core/logger'
import { addressBlock } from '@shared/domain/common/address-block'
import { CHALLENGE_TTL_MS } from '@shared/drivers/altcha/altcha-check'
import { solveHumanChallenge } from '@/features/auth/human-check'
import { agreedConsents, authHttp, dataOf, type Wire } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'

const HOUR = 60 * 60 * 1000
const phone = (n: number) => `139${String(n).padStart(8, '0')}`
const from = (ip: string) => ({ headers: { 'x-real-ip': ip } })
const byId = [{ field: '_id', direction: 'asc' as const }]

/**
 * The guards around SMS login, through the auth function's `main`: the human check over HTTP, the
 * per-client and platform budgets for sending, the per-client budget for wrong codes, and a dead code
 * that can be replaced at once. Each story sets the budgets it is about.
 */
// The human-check stories solve real proofs of work, CPU-bound: on a busy 2-core machine one takes seconds.
jest.setTimeout(20_000)

describe('auth: SMS login cannot be turned into a bill or a guessing machine', () => {
  let backend: EmbeddedBackend
  const logged: Array<{ level: string; msg: string; [field: string]: unknown }> = []

  const start = async (opts: { limits?: Partial<Limits>; humanCheck?: 'pow' } = {}) => {
    logged.length = 0
    backend = await createEmbeddedBackend({
      seed: false,
      humanCheck: opts.humanCheck,
      limits: {
        smsSendsPerClientPerHour: 100,
        smsSendsPerDay: 1000,
        smsWrongCodesPerClientPerHour: 100,
        ...opts.limits,
      },
      logger: createLogger((line) => logged.push(JSON.parse(line))),
    })
  }
  afterEach(() => backend.dispose())

  const send = (n: number, ip = '203.0.113.10', extra: Record<string, unknown> = {}) =>
    authHttp(backend, 'sendSmsCode', { phone: phone(n), ...extra }, from(ip))
  const login = (n: number, code: string, ip = '203.0.113.10') =>
    authHttp<Session>(
      backend,
      'loginWithSms',
      { phone: phone(n), code, consents: agreedConsents(backend.clock.now()) },
      from(ip),
    )
  const wrongFor = (n: number) => (backend.outbox.lastCodeFor(phone(n)) === '000000' ? '111111' : '000000')
  const challenge = async () => dataOf(await authHttp<HumanChallenge>(backend, 'getSmsChallenge', {}))

  describe('the human check before a code is sent over HTTP', () => {
    beforeEach(() => start({ humanCheck: 'pow' }))

    it('without a solved challenge nothing is sent; with one solved as the browser does, the code goes out', async () => {
      const refused = await send(1)
      expect(refused).toMatchObject({
        ok: false,
        status: 400,
        error: { code: 'INVALID_INPUT', field: 'humanCheck', message: '请先完成安全验证' },
      })
      expect(backend.outbox.messages()).toHaveLength(0)

      const asked = await challenge()
      expect(asked).toMatchObject({ kind: 'pow', challenge: { parameters: { algorithm: 'SHA-256' } } })
      const humanCheck = await solveHumanChallenge(asked)
      expect(dataOf(await send(1, undefined, { humanCheck }))).toMatchObject({ delivery: 'outbox' })
      expect(backend.outbox.lastCodeFor(phone(1))).toMatch(/^\d{6}$/)
    })

    it('a solved challenge works once: replayed for another number it is refused', async () => {
      const humanCheck = await solveHumanChallenge(await challenge())
      expect((await send(1, undefined, { humanCheck })).ok).toBe(true)
      expect(await send(2, undefined, { humanCheck })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'humanCheck', message: '安全验证已使用过，请重新获取验证码' },
      })
      expect(backend.outbox.lastCodeFor(phone(2))).toBeUndefined()
      // The record of its use expires with the challenge, so the retention job can delete it.
      const [spent] = (await backend.store.find(Collections.humanChecks, { orderBy: byId, limit: 10 })).items
      expect(spent.retainUntil).toBeGreaterThan(backend.clock.now())
      expect(spent.retainUntil).toBeLessThanOrEqual(backend.clock.now() + CHALLENGE_TTL_MS)
    })

    it('an expired, a tampered or a made-up solution is refused', async () => {
      const asked = await challenge()
      const humanCheck = await solveHumanChallenge(asked)
      backend.clock.advance(CHALLENGE_TTL_MS + 1000)
      expect(await send(1, undefined, { humanCheck })).toMatchObject({
        ok: false,
        error: { field: 'humanCheck', message: '安全验证已过期，请重新获取验证码' },
      })

      const fresh = await challenge()
      if (fresh.kind !== 'pow') throw new Error('expected a proof of work')
      const solved = JSON.parse(Buffer.from((await solveHumanChallenge(fresh))!, 'base64url').toString())
      const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1)
      const wrongKey = { ...solved, solution: { ...solved.solution, derivedKey: flip(solved.solution.derivedKey) } }
      const longerLife = {
        ...solved,
        challenge: {
          ...solved.challenge,
          parameters: { ...solved.challenge.parameters, data: { exp: backend.clock.now() + 10 * HOUR } },
        },
      }
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
      for (const bad of [encode(wrongKey), encode(longerLife), 'not-a-solution', 'e30']) {
        expect(await send(1, undefined, { humanCheck: bad })).toMatchObject({
          ok: false,
          error: { field: 'humanCheck', message: '安全验证未通过，请重新获取验证码' },
        })
      }
      expect(backend.outbox.messages()).toHaveLength(0)
    })

    it('getSmsChallenge takes no input, and a humanCheck that is not text or too long is refused naming it', async () => {
      expect(await authHttp(backend, 'getSmsChallenge', { phone: phone(1) })).toMatchObject({
        ok: false,
        status: 400,
        error: { code: 'INVALID_INPUT' },
      })
      for (const humanCheck of [42, 'x'.repeat(4097)]) {
        expect(await send(1, undefined, { humanCheck })).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', field: 'humanCheck' },
        })
      }
      expect(backend.outbox.messages()).toHaveLength(0)
    })

    it('WeChat callFunction calls are vouched for by the platform and need no check', async () => {
      const sent = await backend.callFunction(
        'auth',
        { action: 'sendSmsCode', payload: { phone: phone(1) } },
        {
          openId: 'o-wechat-1',
        },
      )
      expect(sent).toMatchObject({ ok: true })
    })
  })

  describe('budgets for sending', () => {
    it('one address gets SMS_SENDS_PER_IP_PER_HOUR codes an hour, whatever the numbers; others are not affected', async () => {
      await start({ limits: { smsSendsPerClientPerHour: 3 } })
      backend.clock.set(Date.UTC(2026, 11, 2, 4, 20))
      for (const n of [1, 2, 3]) expect((await send(n)).ok).toBe(true)
      const refused = await send(4)
      expect(refused).toMatchObject({
        ok: false,
        status: 429,
        error: { code: 'RATE_LIMITED', message: '获取验证码过于频繁，请 40 分钟后再试' },
      })
      expect(backend.outbox.lastCodeFor(phone(4))).toBeUndefined()
      expect((await send(4, '198.51.100.7')).ok).toBe(true)

      backend.clock.set(Date.UTC(2026, 11, 2, 5, 0))
      expect((await send(4)).ok).toBe(true)
    })

    it('IPv6 clients are counted by their /64, since one subscriber can use any address in it', async () => {
      await start({ limits: { smsSendsPerClientPerHour: 2 } })
      expect((await send(1, '2001:db8:1:2::10')).ok).toBe(true)
      expect((await send(2, '2001:db8:1:2:aaaa:bbbb:cccc:dddd')).ok).toBe(true)
      expect(await send(3, '2001:0db8:0001:0002::ffff')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
      expect((await send(3, '2001:db8:1:3::10')).ok).toBe(true)
      expect(addressBlock('::ffff:192.0.2.1')).toBe('192.0.2.1')
      expect(addressBlock('::1')).toBe('0:0:0:0::/64')
    })

    it('a refusal for the number itself (asked again too soon) costs the address nothing', async () => {
      await start({ limits: { smsSendsPerClientPerHour: 2 } })
      expect((await send(1)).ok).toBe(true)
      for (let i = 0; i < 3; i++) {
        expect(await send(1)).toMatchObject({
          error: { message: expect.stringMatching(/^验证码已发送，请 \d+ 秒后再获取$/) },
        })
      }
      expect((await send(2)).ok).toBe(true)
    })

    it('over callFunction the budget is per OPENID', async () => {
      await start({ limits: { smsSendsPerClientPerHour: 1 } })
      const call = (n: number, openId: string) =>
        backend.callFunction('auth', { action: 'sendSmsCode', payload: { phone: phone(n) } }, { openId })
      expect(await call(1, 'o-a')).toMatchObject({ ok: true })
      expect(await call(2, 'o-a')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
      expect(await call(2, 'o-b')).toMatchObject({ ok: true })
    })

    it('the platform sends at most SMS_SENDS_PER_DAY codes a China day, warns in the log at 80 %, and starts again the next day', async () => {
      await start({ limits: { smsSendsPerDay: 5 } })
      // 23:30 in China.
      backend.clock.set(Date.UTC(2026, 11, 2, 15, 30))
      for (const n of [1, 2, 3, 4, 5]) {
        expect((await send(n, `192.0.2.${n}`)).ok).toBe(true)
        const warnings = logged.filter((line) => line.level === 'warn')
        expect(warnings).toHaveLength(n >= 4 ? 1 : 0)
      }
      expect(logged.find((line) => line.level === 'warn')).toMatchObject({
        msg: 'sms daily cap 80% used',
        used: 4,
        limit: 5,
      })
      expect(await send(6, '192.0.2.6')).toMatchObject({
        ok: false,
        status: 429,
        error: { code: 'RATE_LIMITED', message: '今日短信验证码发送量已达上限，请明天再试' },
      })
      backend.clock.set(Date.UTC(2026, 11, 2, 16, 0))
      expect((await send(6, '192.0.2.6')).ok).toBe(true)
    })

    it('no address is stored: the counters hold keyed hashes', async () => {
      await start()
      await send(1, '203.0.113.99')
      const counters = await backend.store.find(Collections.rateCounters, { orderBy: byId, limit: 10 })
      expect(JSON.stringify(counters.items)).not.toContain('203.0.113.99')
    })
  })

  describe('budget for wrong codes', () => {
    it('after SMS_WRONG_CODES_PER_IP_PER_HOUR wrong codes on any numbers, the address is refused for the rest of the hour', async () => {
      await start({ limits: { smsWrongCodesPerClientPerHour: 3 } })
      backend.clock.set(Date.UTC(2026, 11, 2, 4, 45))
      for (const n of [1, 2, 3]) await send(n)
      for (const n of [1, 2, 3]) {
        expect(await login(n, wrongFor(n))).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', field: 'code' },
        })
      }
      // Even the right code: the address has no tries left this hour.
      const right = backend.outbox.lastCodeFor(phone(1))!
      expect(await login(1, right)).toMatchObject({
        ok: false,
        status: 429,
        error: { code: 'RATE_LIMITED', message: '验证码错误次数过多，请 15 分钟后再试' },
      })
      // The code itself was not spent, and another address may still use it.
      expect((await login(1, right, '198.51.100.8')).ok).toBe(true)

      // The next hour the address may try again.
      backend.clock.set(Date.UTC(2026, 11, 2, 5, 0))
      await send(4)
      expect((await login(4, backend.outbox.lastCodeFor(phone(4))!)).ok).toBe(true)
    })

    it('a guess at a number that was sent no code is not counted', async () => {
      await start({ limits: { smsWrongCodesPerClientPerHour: 1 } })
      for (let i = 0; i < 3; i++) {
        expect(await login(9, '123456')).toMatchObject({ error: { code: 'INVALID_INPUT', message: '请先获取验证码' } })
      }
      await send(1)
      expect((await login(1, backend.outbox.lastCodeFor(phone(1))!)).ok).toBe(true)
    })
  })

  describe('a dead code', () => {
    it('killed by five wrong codes, it can be replaced at once, and the new one logs in', async () => {
      await start()
      await send(1)
      let last: Wire<Session> | undefined
      for (let i = 0; i < 5; i++) last = await login(1, wrongFor(1))
      expect(last).toMatchObject({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          field: 'code',
          message: '验证码错误次数过多，请重新获取',
          reason: 'SMS_CODE_DEAD',
        },
      })
      // Seconds later, well inside the 60-second resend wait.
      backend.clock.advance(5_000)
      expect((await send(1)).ok).toBe(true)
      expect((await login(1, backend.outbox.lastCodeFor(phone(1))!)).ok).toBe(true)
    })

    it('a code still alive keeps the resend wait', async () => {
      await start()
      await send(1)
      await login(1, wrongFor(1))
      expect(await send(1)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    })
  })

  it('an HTTP body not declared as JSON is refused with 415 before anything runs (no cross-site form posts)', async () => {
    await start()
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const result = await backend.callHttp(
        'auth',
        { action: 'sendSmsCode', payload: { phone: phone(1) } },
        {
          'content-type': type,
        },
      )
      expect(result.statusCode).toBe(415)
      expect(JSON.parse(result.body)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } })
    }
    const withCharset = await backend.callHttp(
      'auth',
      { action: 'sendSmsCode', payload: { phone: phone(1) } },
      {
        'content-type': 'application/json; charset=utf-8',
      },
    )
    expect(withCharset.statusCode).toBe(200)
    expect(backend.outbox.messages()).toHaveLength(1)
  })
})
