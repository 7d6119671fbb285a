import { Collections } from '@shared/collections'
import type { Session } from '@shared/contracts'
import type { ConsentDecision } from '@shared/contracts/consent'
import type { ConsentLedgerDoc } from '@shared/domain/accounts/consent-ledger'
import type { UserDoc } from '@shared/domain/accounts/users'
import { privacyEdition } from '@shared/policy/editions'
import { AGE_CONFIRMATION_VERSION, CURRENT_POLICY_VERSIONS } from '@shared/policy/versions'
import { agreedConsents, authHttp, countAll, dataOf, loginBySms, requestSmsCode } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'

const PHONE = '13812345678'

describe('auth: consent at login and the consent ledger', () => {
  let backend: EmbeddedBackend
  beforeEach(async () => {
    backend = await createEmbeddedBackend({ seed: false })
  })
  afterEach(() => backend.dispose())

  const smsLogin = async (consents: unknown, code?: string) =>
    authHttp<Session>(backend, 'loginWithSms', {
      phone: PHONE,
      code: code ?? (await requestSmsCode(backend, PHONE)),
      consents,
    })

  const ledger = async (userId: string) =>
    (
      await backend.store.find<ConsentLedgerDoc>(Collections.consentLedger, {
        where: { userId },
        orderBy: [{ field: 'at', direction: 'asc' }],
        limit: 100,
      })
    ).items

  /** Every refusal below must leave the database exactly as it was, apart from the code that was sent. */
  async function expectRefusedWithNothingWritten(consents: unknown, field: string, message: RegExp | string) {
    const code = await requestSmsCode(backend, PHONE)
    const before = await countAll(backend)
    const result = await smsLogin(consents, code)
    expect(result).toMatchObject({ ok: false, status: 403, error: { code: 'CONSENT_REQUIRED', field } })
    if (!result.ok) expect(result.error.message).toMatch(message)
    expect(await countAll(backend)).toEqual(before)
    expect(before).toMatchObject({ users: 0, sessions: 0, consent_ledger: 0, security_log: 0 })
    return code
  }

  it('a login carrying no decisions is refused with CONSENT_REQUIRED and creates no user, session or ledger entry', async () => {
    await expectRefusedWithNothingWritten([], 'consents', '请先阅读并同意最新版本的隐私政策和用户协议')
  })

  it('agreement to an older policy version is not agreement to the current one', async () => {
    const now = backend.clock.now()
    const old = agreedConsents(now).map((d) => (d.document === 'privacy' ? { ...d, version: '0.9.0' } : d))
    await expectRefusedWithNothingWritten(old, 'consents', /隐私政策/)
  })

  it('「不同意」 is not agreement, and a later 「不同意」 outweighs an earlier 「同意」', async () => {
    const now = backend.clock.now()
    const disagreed = agreedConsents(now).map((d) => (d.document === 'terms' ? { ...d, choice: 'disagree' } : d))
    await expectRefusedWithNothingWritten(disagreed, 'consents', /用户协议/)
    backend.clock.advance(60_000)
    const changedMind: ConsentDecision[] = [
      ...agreedConsents(now),
      {
        document: 'privacy',
        version: CURRENT_POLICY_VERSIONS.privacy,
        choice: 'disagree',
        at: now + 1,
        platform: 'h5',
      },
    ]
    await expectRefusedWithNothingWritten(changedMind, 'consents', /隐私政策/)
  })

  it('without an age confirmation the login is refused on the age field', async () => {
    const noAge = agreedConsents(backend.clock.now()).filter((d) => d.document !== 'age')
    await expectRefusedWithNothingWritten(noAge, 'age', '请先确认您已年满 14 周岁，或已取得监护人同意')
  })

  it('an under-14 without a guardian’s consent is refused with an explanation, and nothing is stored', async () => {
    const minor = agreedConsents(backend.clock.now(), 'h5', 'minor')
    await expectRefusedWithNothingWritten(minor, 'age', /未满 14 周岁.*监护人的同意/)
  })

  it('a refused login does not use up the code: agreeing and trying again with it succeeds', async () => {
    const code = await expectRefusedWithNothingWritten([], 'consents', /隐私政策/)
    const retried = await smsLogin(agreedConsents(backend.clock.now()), code)
    expect(retried.ok).toBe(true)
  })

  it('an under-14 with a guardian’s consent may log in; the account records it', async () => {
    const session = dataOf(await smsLogin(agreedConsents(backend.clock.now(), 'h5', 'guardian')))
    const user = await backend.store.get<UserDoc>(Collections.users, session.profile.userId)
    expect(user?.age).toBe('guardian')
  })

  it('every decision the device carried is written to the ledger, with client and server time', async () => {
    const decidedAt = backend.clock.now() - 5 * 60_000
    const decisions: ConsentDecision[] = [
      { document: 'privacy', version: '0.9.0', choice: 'agree', at: decidedAt - 1000, platform: 'h5' },
      ...agreedConsents(decidedAt),
    ]
    const session = dataOf(await smsLogin(decisions))
    const entries = await ledger(session.profile.userId)
    const stored = entries.map(({ _id, ...rest }) => rest)
    expect(stored).toHaveLength(4)
    expect(stored).toEqual(
      expect.arrayContaining([
        {
          userId: session.profile.userId,
          document: 'privacy',
          version: '0.9.0',
          choice: 'agree',
          at: decidedAt - 1000,
          recordedAt: backend.clock.now(),
          platform: 'h5',
          source: 'device',
        },
        ...(['privacy', 'terms', 'age'] as const).map((document) => ({
          userId: session.profile.userId,
          document,
          version: document === 'age' ? AGE_CONFIRMATION_VERSION : CURRENT_POLICY_VERSIONS[document],
          choice: document === 'age' ? 'adult' : 'agree',
          at: decidedAt,
          recordedAt: backend.clock.now(),
          platform: 'h5',
          source: 'device',
        })),
      ]),
    )
  })

  it('the same decisions sent again (a retried login, a replayed device ledger) are stored once', async () => {
    const decisions = agreedConsents(backend.clock.now())
    const first = dataOf(await smsLogin([...decisions, ...decisions]))
    backend.clock.advance(60_000)
    dataOf(await smsLogin(decisions))
    expect(await ledger(first.profile.userId)).toHaveLength(3)
  })

  it('a returning user whose ledger already agrees to the current versions need not send them again', async () => {
    await loginBySms(backend, PHONE)
    backend.clock.advance(60_000)
    const again = await smsLogin([])
    expect(again.ok).toBe(true)
  })

  it('after a version bump the ledger’s old agreement is not enough: a returning user must agree again', async () => {
    const first = await loginBySms(backend, PHONE)
    // What a ledger from before the bump looks like: agreement to versions that are no longer current.
    for (const entry of await ledger(first.profile.userId)) {
      if (entry.document === 'privacy') {
        await backend.store.update(Collections.consentLedger, entry._id, { version: '0.1.0' })
      }
    }
    backend.clock.advance(60_000)
    expect(await smsLogin([])).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED', field: 'consents' } })
  })

  it('a member records later decisions straight to the ledger; a guest cannot', async () => {
    const session = await loginBySms(backend, PHONE)
    const later: ConsentDecision = {
      document: 'privacy',
      version: '1.1.0',
      choice: 'agree',
      at: backend.clock.now() + 1000,
      platform: 'h5',
    }
    const recorded = await authHttp(backend, 'recordConsents', { decisions: [later, later] }, { token: session.token })
    expect(dataOf(recorded)).toEqual({ recorded: 1 })
    const entries = await ledger(session.profile.userId)
    expect(entries).toHaveLength(4)
    expect(entries[3]).toMatchObject({ ...later, source: 'server', userId: session.profile.userId })

    const before = await countAll(backend)
    expect(await authHttp(backend, 'recordConsents', { decisions: [later] })).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await countAll(backend)).toEqual(before)
  })

  it('malformed decisions are INVALID_INPUT naming the entry', async () => {
    const code = await requestSmsCode(backend, PHONE)
    const bad = [
      { ...agreedConsents(backend.clock.now())[0], choice: 'maybe' },
      ...agreedConsents(backend.clock.now()).slice(1),
    ]
    expect(await smsLogin(bad, code)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: expect.stringMatching(/^consents\.0/) },
    })
    expect(await smsLogin(undefined, code)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'consents' },
    })
  })

  describe('when decisions were made: no later than the server’s clock allows, no earlier than their version', () => {
    const MINUTE = 60_000
    const privacyAgree = (at: number): Extract<ConsentDecision, { document: 'privacy' | 'terms' }> => ({
      document: 'privacy',
      version: CURRENT_POLICY_VERSIONS.privacy,
      choice: 'agree',
      at,
      platform: 'h5',
    })
    const published = (version: string) =>
      Date.parse(`${privacyEdition.changes.find((c) => c.version === version)!.date}T00:00:00+08:00`)

    it('a login carrying a 「同意」 dated far in the future is refused on that entry’s time, in Chinese, and writes nothing', async () => {
      for (const at of [1e308, backend.clock.now() + 365 * 24 * 60 * MINUTE]) {
        const code = await requestSmsCode(backend, PHONE)
        const before = await countAll(backend)
        const forged = [...agreedConsents(backend.clock.now()), privacyAgree(at)]
        const result = await smsLogin(forged, code)
        expect(result).toMatchObject({
          ok: false,
          status: 400,
          error: { code: 'INVALID_INPUT', field: 'consents.3.at' },
        })
        if (!result.ok) expect(result.error.message).toBe('同意时间晚于当前时间，请检查设备的日期和时间后重试')
        expect(await countAll(backend)).toEqual(before)
        backend.clock.advance(2 * MINUTE) // the resend wait
      }
    })

    it('a member cannot record a future 「同意」 to outweigh a later 「不同意」; the 「不同意」 then decides', async () => {
      const session = await loginBySms(backend, PHONE)
      const forged = await authHttp(
        backend,
        'recordConsents',
        { decisions: [privacyAgree(backend.clock.now() + 24 * 60 * MINUTE)] },
        { token: session.token },
      )
      expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'decisions.0.at' } })
      expect(await ledger(session.profile.userId)).toHaveLength(3)

      backend.clock.advance(MINUTE)
      const withdrawn: ConsentDecision = { ...privacyAgree(backend.clock.now()), choice: 'disagree' }
      dataOf(await authHttp(backend, 'recordConsents', { decisions: [withdrawn] }, { token: session.token }))
      backend.clock.advance(2 * MINUTE)
      expect(await smsLogin([])).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED', field: 'consents' } })
    })

    it('a device clock a few minutes fast is within the allowed skew', async () => {
      const ahead = backend.clock.now() + 4 * MINUTE
      const session = dataOf(await smsLogin(agreedConsents(ahead)))
      expect((await ledger(session.profile.userId)).map((entry) => entry.at)).toEqual([ahead, ahead, ahead])
    })

    it('a decision dated before its version was published is refused on that entry’s time', async () => {
      const current = CURRENT_POLICY_VERSIONS.privacy
      const early = [...agreedConsents(backend.clock.now()), privacyAgree(published(current) - 1)]
      const result = await smsLogin(early)
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'consents.3.at' } })
      if (!result.ok) expect(result.error.message).toBe('同意时间早于该版本的发布日期')
      // An older version's agreement from its own time is fine (a device replaying its ledger).
      backend.clock.advance(2 * MINUTE)
      const replayed = [
        { ...privacyAgree(published('1.0.0') + MINUTE), version: '1.0.0' },
        ...agreedConsents(backend.clock.now()),
      ]
      expect((await smsLogin(replayed)).ok).toBe(true)
    })
  })
})
