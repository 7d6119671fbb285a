import { Collections } from '@shared/collections'
import type { Session } from '@shared/contracts'
import type { SmsCodeDoc } from '@shared/domain/accounts/sms-codes'
import type { UserDoc } from '@shared/domain/accounts/users'
import { agreedConsents, authHttp, countAll, dataOf, loginBySms, requestSmsCode } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'

const PHONE = '13812345678'
const SECOND = 1000
const MINUTE = 60 * SECOND

describe('auth: phone + SMS code login (H5 / self-hosted)', () => {
  let backend: EmbeddedBackend
  beforeEach(async () => {
    backend = await createEmbeddedBackend({ seed: false })
  })
  afterEach(() => backend.dispose())

  const login = (payload: Record<string, unknown>) =>
    authHttp<Session>(backend, 'loginWithSms', { consents: agreedConsents(backend.clock.now()), ...payload })

  it('a visitor gets a 6-digit code by SMS and logs in with it: a session token and a masked profile', async () => {
    const sent = dataOf(await authHttp(backend, 'sendSmsCode', { phone: PHONE }))
    expect(sent).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 300, delivery: 'outbox' })
    const [message] = backend.outbox.messages()
    expect(message).toMatchObject({ phone: PHONE, code: expect.stringMatching(/^\d{6}$/), at: backend.clock.now() })
    expect(message.text).toContain(message.code)
    expect(message.text).toContain('5 分钟')

    const session = dataOf(await login({ phone: PHONE, code: message.code }))
    expect(session.token).toMatch(/^v1\./)
    expect(session.expiresAt).toBe(backend.clock.now() + 30 * 24 * 60 * MINUTE)
    expect(session.profile).toMatchObject({ maskedPhone: '138****5678', companyName: '', brandName: '' })
    expect(JSON.stringify(session)).not.toContain(PHONE)

    const profile = dataOf(await authHttp(backend, 'getProfile', {}, { token: session.token }))
    expect(profile).toEqual(session.profile)
  })

  it('the code is stored only as a keyed hash, never as the digits', async () => {
    const code = await requestSmsCode(backend, PHONE)
    const { items } = await backend.store.find<SmsCodeDoc>(Collections.smsCodes, { orderBy: [], limit: 10 })
    expect(items).toHaveLength(1)
    expect(items[0].codeHash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(items[0])).not.toContain(code)
    expect(JSON.stringify(items[0])).not.toContain(PHONE)
  })

  it('a code works once: replaying it is refused and makes no second session', async () => {
    const code = await requestSmsCode(backend, PHONE)
    dataOf(await login({ phone: PHONE, code }))
    const before = await countAll(backend)
    const replay = await login({ phone: PHONE, code })
    expect(replay).toMatchObject({
      ok: false,
      status: 400,
      error: { code: 'INVALID_INPUT', field: 'code', message: '验证码已失效，请重新获取' },
    })
    expect(await countAll(backend)).toEqual(before)
  })

  it('a code expires after five minutes', async () => {
    const code = await requestSmsCode(backend, PHONE)
    backend.clock.advance(5 * MINUTE)
    expect(await login({ phone: PHONE, code })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'code', message: '验证码已失效，请重新获取' },
    })
    expect(await backend.store.count(Collections.users)).toBe(0)
    expect(await backend.store.count(Collections.sessions)).toBe(0)
  })

  it('a code just inside its five minutes still works', async () => {
    const code = await requestSmsCode(backend, PHONE)
    backend.clock.advance(5 * MINUTE - 1)
    expect((await login({ phone: PHONE, code })).ok).toBe(true)
  })

  it('a malformed code is INVALID_INPUT on the code field and writes nothing', async () => {
    await requestSmsCode(backend, PHONE)
    const before = await countAll(backend)
    for (const code of ['12345', '1234567', 'abcdef', ' 123456', 123456, null]) {
      const result = await login({ phone: PHONE, code })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'code' } })
    }
    expect(await countAll(backend)).toEqual(before)
  })

  it('a phone number in the wrong format is refused before any SMS is sent', async () => {
    for (const phone of [
      '1381234567',
      '138123456789',
      '23812345678',
      '12812345678',
      '+8613812345678',
      '138 1234 5678',
    ]) {
      const result = await authHttp(backend, 'sendSmsCode', { phone })
      expect(result).toMatchObject({
        ok: false,
        status: 400,
        error: { code: 'INVALID_INPUT', field: 'phone', message: '请输入正确的 11 位手机号' },
      })
    }
    expect(await authHttp(backend, 'sendSmsCode', { phone: 13812345678 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'phone', message: '手机号必须是文本' },
    })
    expect(backend.outbox.messages()).toEqual([])
    expect(await backend.store.count(Collections.smsCodes)).toBe(0)
  })

  it('logging in before any code was sent says to get one first', async () => {
    expect(await login({ phone: PHONE, code: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'code', message: '请先获取验证码' },
    })
  })

  it('a second code within 60 seconds is refused with the seconds left; after that it is sent', async () => {
    await requestSmsCode(backend, PHONE)
    backend.clock.advance(15 * SECOND)
    const tooSoon = await authHttp(backend, 'sendSmsCode', { phone: PHONE })
    expect(tooSoon).toMatchObject({
      ok: false,
      status: 429,
      error: { code: 'RATE_LIMITED', message: '验证码已发送，请 45 秒后再获取' },
    })
    expect(backend.outbox.messages()).toHaveLength(1)
    backend.clock.advance(45 * SECOND)
    expect((await authHttp(backend, 'sendSmsCode', { phone: PHONE })).ok).toBe(true)
    expect(backend.outbox.messages()).toHaveLength(2)
  })

  it('a newer code replaces the older one', async () => {
    const first = await requestSmsCode(backend, PHONE)
    backend.clock.advance(MINUTE)
    let second = await requestSmsCode(backend, PHONE)
    // Astronomically unlikely, but a repeated code would make this story prove nothing.
    while (second === first) {
      backend.clock.advance(MINUTE)
      second = await requestSmsCode(backend, PHONE)
    }
    expect(await login({ phone: PHONE, code: first })).toMatchObject({ ok: false, error: { field: 'code' } })
    expect((await login({ phone: PHONE, code: second })).ok).toBe(true)
  })

  it('at most ten codes per phone per day (China time); the next day it works again', async () => {
    // 08:00 in Beijing, so the ten sends stay within one day there.
    backend.clock.set(Date.UTC(2026, 10, 29, 0, 0, 0))
    for (let i = 0; i < 10; i++) {
      dataOf(await authHttp(backend, 'sendSmsCode', { phone: PHONE }))
      backend.clock.advance(MINUTE)
    }
    const capped = await authHttp(backend, 'sendSmsCode', { phone: PHONE })
    expect(capped).toMatchObject({
      ok: false,
      status: 429,
      error: { code: 'RATE_LIMITED', message: '该手机号今日获取验证码次数已达上限，请明天再试' },
    })
    expect(backend.outbox.messages()).toHaveLength(10)
    // Another number is not affected.
    expect((await authHttp(backend, 'sendSmsCode', { phone: '13900001111' })).ok).toBe(true)
    // Midnight in Beijing is 16:00 UTC.
    backend.clock.set(Date.UTC(2026, 10, 29, 16, 0, 0))
    expect((await authHttp(backend, 'sendSmsCode', { phone: PHONE })).ok).toBe(true)
  })

  it('five wrong codes kill the code: each miss says how many tries are left, then even the right one fails', async () => {
    const code = await requestSmsCode(backend, PHONE)
    const wrong = code === '000000' ? '111111' : '000000'
    const messages: string[] = []
    for (let i = 0; i < 5; i++) {
      const result = await login({ phone: PHONE, code: wrong })
      if (result.ok) throw new Error('a wrong code logged in')
      expect(result.error).toMatchObject({ code: 'INVALID_INPUT', field: 'code' })
      messages.push(result.error.message)
    }
    expect(messages).toEqual([
      '验证码错误，还可尝试 4 次',
      '验证码错误，还可尝试 3 次',
      '验证码错误，还可尝试 2 次',
      '验证码错误，还可尝试 1 次',
      '验证码错误次数过多，请重新获取',
    ])
    expect(await login({ phone: PHONE, code })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'code', message: '验证码已失效，请重新获取' },
    })
    expect(await backend.store.count(Collections.users)).toBe(0)
    // A fresh code starts a fresh count.
    backend.clock.advance(MINUTE)
    const fresh = await requestSmsCode(backend, PHONE)
    expect((await login({ phone: PHONE, code: fresh })).ok).toBe(true)
  })

  it('parallel wrong guesses cannot exceed five: the count is kept with compare-and-set', async () => {
    const code = await requestSmsCode(backend, PHONE)
    const wrongCodes = Array.from({ length: 12 }, (_, i) => String((Number(code) + i + 1) % 1_000_000).padStart(6, '0'))
    const results = await Promise.all(wrongCodes.map((c) => login({ phone: PHONE, code: c })))
    expect(results.every((r) => !r.ok)).toBe(true)
    const doc = await backend.store.get<SmsCodeDoc>(Collections.smsCodes, (await firstCodeDoc()).id)
    expect(doc?.wrongAttempts).toBe(5)
    expect(doc?.codeHash).toBeNull()
    expect(await login({ phone: PHONE, code })).toMatchObject({ ok: false, error: { field: 'code' } })
  })

  it('two logins racing with the same code: exactly one gets a session', async () => {
    const code = await requestSmsCode(backend, PHONE)
    const results = await Promise.all([1, 2, 3].map(() => login({ phone: PHONE, code })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(await backend.store.count(Collections.sessions)).toBe(1)
    expect(await backend.store.count(Collections.users)).toBe(1)
  })

  it('two sends racing for one phone: exactly one SMS goes out', async () => {
    const results = await Promise.all([1, 2, 3].map(() => authHttp(backend, 'sendSmsCode', { phone: PHONE })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(backend.outbox.messages()).toHaveLength(1)
  })

  it('when the SMS provider fails, nothing is counted or stored: the user may ask again at once', async () => {
    const outbox = backend.deps.sms
    backend.deps.sms = {
      delivery: 'sms',
      async sendVerificationCode() {
        throw new Error('provider timeout')
      },
    }
    const failed = await authHttp(backend, 'sendSmsCode', { phone: PHONE })
    expect(failed).toMatchObject({
      ok: false,
      status: 500,
      error: { code: 'INTERNAL', message: '验证码发送失败，请稍后再试' },
    })
    expect(await backend.store.count(Collections.smsCodes)).toBe(0)

    backend.deps.sms = outbox
    const code = await requestSmsCode(backend, PHONE)
    // A failure after an earlier success puts the earlier code back rather than a code nobody received.
    backend.clock.advance(MINUTE)
    backend.deps.sms = {
      delivery: 'sms',
      async sendVerificationCode() {
        throw new Error('provider timeout')
      },
    }
    expect((await authHttp(backend, 'sendSmsCode', { phone: PHONE })).ok).toBe(false)
    backend.deps.sms = outbox
    expect((await login({ phone: PHONE, code })).ok).toBe(true)
  })

  it('a provider refusal that is the user’s business (an AppError) reaches them unchanged', async () => {
    backend.deps.sms = {
      delivery: 'sms',
      async sendVerificationCode() {
        const { AppError, ErrorCode } = await import('@shared/core/app-error')
        throw new AppError(ErrorCode.RateLimited, '短信发送过于频繁，请稍后再试')
      },
    }
    expect(await authHttp(backend, 'sendSmsCode', { phone: PHONE })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '短信发送过于频繁，请稍后再试' },
    })
    expect(await backend.store.count(Collections.smsCodes)).toBe(0)
  })

  it('logging in again with the same phone finds the same account and updates its last login', async () => {
    const first = await loginBySms(backend, PHONE)
    backend.clock.advance(2 * MINUTE)
    const second = await loginBySms(backend, PHONE)
    expect(second.profile.userId).toBe(first.profile.userId)
    expect(second.token).not.toBe(first.token)
    const user = await backend.store.get<UserDoc>(Collections.users, first.profile.userId)
    expect(user?.lastLoginAt).toBe(backend.clock.now())
    expect(await backend.store.count(Collections.users)).toBe(1)
  })

  async function firstCodeDoc(): Promise<{ id: string }> {
    const { items } = await backend.store.find<SmsCodeDoc>(Collections.smsCodes, { orderBy: [], limit: 1 })
    return { id: items[0]._id }
  }
})
