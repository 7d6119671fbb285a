import { Collections } from '@shared/collections'
import type { HumanChallenge, Profile, Session, SmsCodeSent } from '@shared/contracts'
import type { Limits } from '@shared/core/limits'
import { decryptPhone, phoneHash } from '@shared/domain/accounts/phone-crypto'
import type { SecurityLogDoc } from '@shared/domain/accounts/security-log'
import type { UserDoc } from '@shared/domain/accounts/users'
import type { FindQuery } from '@shared/ports/document-store'
import { solveHumanChallenge } from '@/features/auth/human-check'
import {
  agreedConsents,
  authHttp,
  type ActionOf,
  countAll,
  dataOf,
  loginBySms,
  requestSmsCode,
} from '../../../support/accounts'
import { createEmbeddedBackend, TEST_SECRETS, type EmbeddedBackend } from '../../../support/embedded'

const OLD = '13812345678'
const NEW = '13987654321'
const OTHER = '13700001111'
const MINUTE = 60 * 1000

/**
 * A member moves their account to another phone number (PIPL Art. 46), through the auth function's
 * `main` on SQLite: a code sent to the new number, bound to that purpose, then the number replaced.
 */
// One story solves real proofs of work, CPU-bound: on a busy 2-core machine one takes seconds.
jest.setTimeout(20_000)

describe('auth: a member changes the phone number of their account', () => {
  let backend: EmbeddedBackend
  let session: Session

  const start = async (opts: { limits?: Partial<Limits> } = {}) => {
    backend = await createEmbeddedBackend({ seed: false, ...opts })
    session = await loginBySms(backend, OLD)
  }
  afterEach(() => backend.dispose())

  const call = <T>(action: ActionOf<'auth'>, payload: unknown, token: string | undefined = session.token) =>
    authHttp<T>(backend, action, payload, { token })
  const sendCode = (phone: string, extra: Record<string, unknown> = {}) =>
    call<SmsCodeSent>('sendPhoneChangeCode', { phone, ...extra })
  const change = (phone: string, code: string) => call<Profile>('changePhone', { phone, code })
  /** Asks for a phone-change code and reads it from the outbox, as the new number's owner would. */
  const changeCode = async (phone: string) => {
    dataOf(await sendCode(phone))
    return backend.outbox.lastCodeFor(phone)!
  }
  const storedUser = (id = session.profile.userId) => backend.store.get<UserDoc>(Collections.users, id)
  const securityLog = async () =>
    (
      await backend.store.find<SecurityLogDoc>(Collections.securityLog, {
        orderBy: [{ field: 'at', direction: 'asc' }],
        limit: 50,
      })
    ).items
  const wrongFor = (phone: string) => (backend.outbox.lastCodeFor(phone) === '000000' ? '111111' : '000000')

  describe('with the SMS limits of a login', () => {
    beforeEach(() => start())

    it('a member gets a code on the new number and confirms it: the account now has the new number, masked', async () => {
      const sent = dataOf(await sendCode(NEW))
      expect(sent).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 300, delivery: 'outbox' })
      const [message] = backend.outbox.messages()
      expect(message).toMatchObject({ phone: NEW, code: expect.stringMatching(/^\d{6}$/) })

      backend.clock.advance(MINUTE)
      const profile = dataOf(await change(NEW, message.code))
      expect(profile).toEqual({ ...session.profile, maskedPhone: '139****4321' })
      expect(JSON.stringify(profile)).not.toContain(NEW)
      // The session stays valid: identity is the account, not the number.
      expect(dataOf(await call<Profile>('getProfile', {}))).toEqual(profile)

      const stored = await storedUser()
      expect(stored?.phoneHash).toBe(phoneHash(TEST_SECRETS, NEW))
      expect(stored?.phoneHash).not.toBe(phoneHash(TEST_SECRETS, OLD))
      expect(decryptPhone(TEST_SECRETS, stored!.phoneEnc)).toBe(NEW)
      expect(JSON.stringify(stored)).not.toContain(NEW)
      expect(stored?.updatedAt).toBe(backend.clock.now())
    })

    it('after the change the new number logs in to the same account and the old number opens a new one', async () => {
      dataOf(await change(NEW, await changeCode(NEW)))

      const withNew = await loginBySms(backend, NEW)
      expect(withNew.profile.userId).toBe(session.profile.userId)
      expect(withNew.profile.maskedPhone).toBe('139****4321')

      backend.clock.advance(MINUTE)
      const withOld = await loginBySms(backend, OLD)
      expect(withOld.profile.userId).not.toBe(session.profile.userId)
      expect(withOld.profile.maskedPhone).toBe('138****5678')
      expect(await backend.store.count(Collections.users)).toBe(2)
    })

    it('the security log records the change, with neither number in it', async () => {
      backend.clock.advance(MINUTE)
      dataOf(await change(NEW, await changeCode(NEW)))
      const log = await securityLog()
      expect(log.map((entry) => entry.event)).toEqual(['login', 'phone-change'])
      expect(log[1]).toMatchObject({
        userId: session.profile.userId,
        event: 'phone-change',
        method: 'sms',
        platform: 'h5',
        at: backend.clock.now(),
      })
      for (const phone of [OLD, NEW]) expect(JSON.stringify(log)).not.toContain(phone)
    })

    it('a guest can neither ask for a phone-change code nor change a number', async () => {
      const before = await countAll(backend)
      const guest = (action: ActionOf<'auth'>, payload: unknown) => authHttp(backend, action, payload)
      expect(await guest('sendPhoneChangeCode', { phone: NEW })).toMatchObject({
        ok: false,
        status: 401,
        error: { code: 'UNAUTHENTICATED' },
      })
      expect(await guest('changePhone', { phone: NEW, code: '123456' })).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      })
      expect(backend.outbox.lastCodeFor(NEW)).toBeUndefined()
      expect(await countAll(backend)).toEqual(before)
    })

    it('a number that belongs to another account is refused when the code is asked for, without saying whose', async () => {
      const other = await loginBySms(backend, OTHER)
      dataOf(await call('updateProfile', { nickname: '李经理' }, other.token))
      const sentBefore = backend.outbox.messages().length

      const refused = await sendCode(OTHER)
      expect(refused).toMatchObject({
        ok: false,
        status: 409,
        error: { code: 'CONFLICT', message: '该手机号已绑定其他账号' },
      })
      const said = JSON.stringify(refused)
      for (const secret of [other.profile.userId, '李经理', other.profile.maskedPhone, OTHER]) {
        expect(said).not.toContain(secret)
      }
      expect(backend.outbox.messages()).toHaveLength(sentBefore)
      expect((await storedUser())?.phoneHash).toBe(phoneHash(TEST_SECRETS, OLD))
    })

    it('a number another account took after the code was sent is refused at the change; both accounts stay as they were', async () => {
      const code = await changeCode(OTHER)
      const other = await loginBySms(backend, OTHER)
      const before = { mine: await storedUser(), theirs: await storedUser(other.profile.userId) }

      const refused = await change(OTHER, code)
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该手机号已绑定其他账号' } })
      expect(JSON.stringify(refused)).not.toContain(other.profile.userId)
      expect({ mine: await storedUser(), theirs: await storedUser(other.profile.userId) }).toEqual(before)
      expect((await securityLog()).some((entry) => entry.event === 'phone-change')).toBe(false)
    })

    it('when the other account is created between the check and the write, the unique index refuses it as CONFLICT', async () => {
      const code = await changeCode(OTHER)
      const other = await loginBySms(backend, OTHER)
      // The lookup misses the account, as it would have a moment before the other login wrote it.
      const find = backend.store.find.bind(backend.store)
      jest
        .spyOn(backend.store, 'find')
        .mockImplementation((collection: string, query: FindQuery) =>
          collection === Collections.users && query.where && 'phoneHash' in query.where
            ? Promise.resolve({ items: [], nextCursor: null })
            : find(collection, query),
        )
      const before = await storedUser()

      expect(await change(OTHER, code)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: '该手机号已绑定其他账号' },
      })
      expect(await storedUser()).toEqual(before)
      expect((await storedUser(other.profile.userId))?.phoneHash).toBe(phoneHash(TEST_SECRETS, OTHER))
    })

    it('the member’s own current number is not a change: INVALID_INPUT on the phone field, nothing sent', async () => {
      const sentBefore = backend.outbox.messages().length
      for (const refused of [await sendCode(OLD), await change(OLD, '123456')]) {
        expect(refused).toMatchObject({
          ok: false,
          status: 400,
          error: { code: 'INVALID_INPUT', field: 'phone', message: '这是你当前的手机号，请输入新的手机号' },
        })
      }
      expect(backend.outbox.messages()).toHaveLength(sentBefore)
    })

    it('a wrong code is refused like a login’s, counts toward the five tries, and changes nothing', async () => {
      await changeCode(NEW)
      const before = await storedUser()
      expect(await change(NEW, wrongFor(NEW))).toMatchObject({
        ok: false,
        status: 400,
        error: { code: 'INVALID_INPUT', field: 'code', message: '验证码错误，还可尝试 4 次' },
      })
      for (let i = 0; i < 3; i++) await change(NEW, wrongFor(NEW))
      expect(await change(NEW, wrongFor(NEW))).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'code', reason: 'SMS_CODE_DEAD' },
      })
      // Dead: even the right code no longer works, and a new one may be asked for at once.
      expect(await change(NEW, backend.outbox.lastCodeFor(NEW)!)).toMatchObject({
        ok: false,
        error: { field: 'code', message: '验证码已失效，请重新获取' },
      })
      expect(await storedUser()).toEqual(before)
      expect((await securityLog()).map((entry) => entry.event)).toEqual(['login'])
      expect((await sendCode(NEW)).ok).toBe(true)
    })

    it('a login code for the new number cannot confirm a change', async () => {
      const loginCode = await requestSmsCode(backend, NEW)
      expect(await change(NEW, loginCode)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'code', message: '请先获取验证码' },
      })
      // Not even beside a phone-change code for the same number: it is simply a wrong code there.
      let changeCodeSent = await changeCode(NEW)
      while (changeCodeSent === loginCode) {
        backend.clock.advance(MINUTE)
        changeCodeSent = await changeCode(NEW)
      }
      expect(await change(NEW, loginCode)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'code', message: '验证码错误，还可尝试 4 次' },
      })
      expect((await storedUser())?.phoneHash).toBe(phoneHash(TEST_SECRETS, OLD))
      // The login code is still the login's: the number logs in (as a new account, it has none yet).
      const login = await authHttp<Session>(backend, 'loginWithSms', {
        phone: NEW,
        code: loginCode,
        consents: agreedConsents(backend.clock.now()),
      })
      expect(dataOf(login).profile.userId).not.toBe(session.profile.userId)
    })

    it('a phone-change code cannot log in, and asking for one leaves the number’s login code working', async () => {
      const loginCode = await requestSmsCode(backend, NEW)
      let code = await changeCode(NEW)
      while (code === loginCode) {
        backend.clock.advance(MINUTE)
        code = await changeCode(NEW)
      }
      const login = (c: string) =>
        authHttp<Session>(backend, 'loginWithSms', {
          phone: NEW,
          code: c,
          consents: agreedConsents(backend.clock.now()),
        })
      expect(await login(code)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'code', message: '验证码错误，还可尝试 4 次' },
      })
      expect(await backend.store.count(Collections.users)).toBe(1)
      // And the phone-change code is still good for what it was sent for.
      expect(dataOf(await change(NEW, code)).maskedPhone).toBe('139****4321')
      expect(await backend.store.count(Collections.users)).toBe(1)
    })

    it('a phone-change code alone cannot log in either: the number has no login code', async () => {
      const code = await changeCode(NEW)
      expect(
        await authHttp(backend, 'loginWithSms', { phone: NEW, code, consents: agreedConsents(backend.clock.now()) }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'code', message: '请先获取验证码' } })
      expect(await backend.store.count(Collections.users)).toBe(1)
    })

    it('a malformed number or code, or a field the contract does not have, is INVALID_INPUT naming the field', async () => {
      const before = await countAll(backend)
      const cases: Array<[ActionOf<'auth'>, Record<string, unknown>, string]> = [
        ['sendPhoneChangeCode', { phone: '1381234567' }, 'phone'],
        ['sendPhoneChangeCode', { phone: 13987654321 }, 'phone'],
        ['sendPhoneChangeCode', { phone: NEW, userId: 'someone-else' }, 'userId'],
        ['sendPhoneChangeCode', { phone: NEW, humanCheck: 'x'.repeat(5000) }, 'humanCheck'],
        ['changePhone', { phone: '+8613987654321', code: '123456' }, 'phone'],
        ['changePhone', { phone: NEW, code: '12345' }, 'code'],
        ['changePhone', { phone: NEW, code: 123456 }, 'code'],
        ['changePhone', { phone: NEW }, 'code'],
        ['changePhone', { phone: NEW, code: '123456', userId: 'someone-else' }, 'userId'],
      ]
      for (const [action, payload, field] of cases) {
        expect({ action, payload, result: await call(action, payload) }).toMatchObject({
          result: { ok: false, status: 400, error: { code: 'INVALID_INPUT', field } },
        })
      }
      expect(backend.outbox.lastCodeFor(NEW)).toBeUndefined()
      expect(await countAll(backend)).toEqual(before)
    })
  })

  describe('the guards a login has', () => {
    it('over HTTP the code is sent only for a solved human check', async () => {
      backend = await createEmbeddedBackend({ seed: false, humanCheck: 'pow' })
      const solved = async () =>
        solveHumanChallenge(dataOf(await authHttp<HumanChallenge>(backend, 'getSmsChallenge', {})))
      dataOf(await authHttp(backend, 'sendSmsCode', { phone: OLD, humanCheck: await solved() }))
      session = dataOf(
        await authHttp<Session>(backend, 'loginWithSms', {
          phone: OLD,
          code: backend.outbox.lastCodeFor(OLD),
          consents: agreedConsents(backend.clock.now()),
        }),
      )
      expect(await sendCode(NEW)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'humanCheck', message: '请先完成安全验证' },
      })
      expect(backend.outbox.lastCodeFor(NEW)).toBeUndefined()
      expect((await sendCode(NEW, { humanCheck: await solved() })).ok).toBe(true)
      expect(backend.outbox.lastCodeFor(NEW)).toMatch(/^\d{6}$/)
    })

    it('the resend wait and the client’s hourly budget are the login’s', async () => {
      await start({ limits: { smsSendsPerClientPerHour: 3 } })
      // The login already took one of the three.
      dataOf(await sendCode(NEW))
      expect(await sendCode(NEW)).toMatchObject({
        ok: false,
        status: 429,
        error: { code: 'RATE_LIMITED', message: '验证码已发送，请 60 秒后再获取' },
      })
      dataOf(await sendCode('13600002222'))
      expect(await sendCode('13600003333')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    })

    it('a number found taken costs a send from the client’s budget, so numbers cannot be tested for accounts freely', async () => {
      await start({ limits: { smsSendsPerClientPerHour: 4 } })
      await loginBySms(backend, OTHER)
      // The two logins' codes took two of the four; two probes take the rest, the third is not answered.
      expect(await sendCode(OTHER)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(await sendCode(OTHER)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(await sendCode(OTHER)).toMatchObject({ ok: false, status: 429, error: { code: 'RATE_LIMITED' } })
      expect(await sendCode(NEW)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    })

    it('wrong codes count against the client’s wrong-code budget shared with login', async () => {
      await start({ limits: { smsWrongCodesPerClientPerHour: 2 } })
      const code = await changeCode(NEW)
      await change(NEW, wrongFor(NEW))
      await change(NEW, wrongFor(NEW))
      expect(await change(NEW, code)).toMatchObject({ ok: false, status: 429, error: { code: 'RATE_LIMITED' } })
      expect((await storedUser())?.phoneHash).toBe(phoneHash(TEST_SECRETS, OLD))
      const login = await authHttp(backend, 'loginWithSms', {
        phone: OLD,
        code: '123456',
        consents: agreedConsents(backend.clock.now()),
      })
      expect(login).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    })
  })
})
