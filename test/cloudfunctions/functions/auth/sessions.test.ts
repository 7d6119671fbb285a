import { createHmac } from 'node:crypto'
import { Collections } from '@shared/collections'
import type { Profile } from '@shared/contracts'
import { createAccountCallers } from '@shared/domain/accounts/account-callers'
import { parseSettings } from '@shared/settings'
import type { SessionDoc } from '@shared/domain/accounts/sessions'
import type { UserDoc } from '@shared/domain/accounts/users'
import { authHttp, countAll, dataOf, loginBySms } from '../../../support/accounts'
import { createEmbeddedBackend, TEST_SECRETS, type EmbeddedBackend } from '../../../support/embedded'

const PHONE = '13812345678'
const DAY = 24 * 60 * 60 * 1000

describe('auth: sessions — signed, expiring, revocable', () => {
  let backend: EmbeddedBackend
  beforeEach(async () => {
    backend = await createEmbeddedBackend({ seed: false })
  })
  afterEach(() => backend.dispose())

  const profile = (token: string) => authHttp<Profile>(backend, 'getProfile', {}, { token })
  const expectLoggedOut = async (token: string) => {
    expect(await profile(token)).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' },
    })
  }
  /** What an attacker who knows the format but not the key would send. */
  const signWith = (key: Buffer, unsigned: string) =>
    `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`

  it('a member action without a token asks the visitor to log in', async () => {
    expect(await authHttp(backend, 'getProfile', {})).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'UNAUTHENTICATED', message: '请先登录' },
    })
  })

  it('a forged token is refused: random text, a bad signature, a token signed with another key', async () => {
    const { token } = await loginBySms(backend, PHONE)
    const [version, sessionId, expiresAt, signature] = token.split('.')
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1)
    const forged = [
      'forged',
      'v1.x.y.z',
      `${version}.${sessionId}.${expiresAt}.${flipped}`,
      `${version}.${sessionId}.${expiresAt}`,
      `${version}.${sessionId}.${expiresAt}.${signature}.extra`,
      signWith(Buffer.alloc(32, 9), `${version}.${sessionId}.${expiresAt}`),
      // The right key used directly rather than the derived signing key is still wrong.
      signWith(TEST_SECRETS.sessionKey, `${version}.${sessionId}.${expiresAt}`),
    ]
    for (const bad of forged) await expectLoggedOut(bad)
    // The real token still works: nothing above disturbed it.
    expect((await profile(token)).ok).toBe(true)
  })

  it('a token whose expiry was pushed later no longer matches its signature', async () => {
    const { token } = await loginBySms(backend, PHONE)
    const [version, sessionId, expiresAt, signature] = token.split('.')
    await expectLoggedOut(`${version}.${sessionId}.${Number(expiresAt) + 365 * DAY}.${signature}`)
  })

  it('a token expires after 30 days', async () => {
    const { token, expiresAt } = await loginBySms(backend, PHONE)
    backend.clock.set(expiresAt - 1)
    expect((await profile(token)).ok).toBe(true)
    backend.clock.set(expiresAt)
    await expectLoggedOut(token)
  })

  it('logout revokes the session: the token fails from then on, and member actions are refused', async () => {
    const session = await loginBySms(backend, PHONE)
    expect(dataOf(await authHttp(backend, 'logout', {}, { token: session.token }))).toEqual({ loggedOut: true })
    const stored = await backend.store.get<SessionDoc>(Collections.sessions, session.token.split('.')[1])
    expect(stored?.revokedAt).toBe(backend.clock.now())
    await expectLoggedOut(session.token)

    const before = await countAll(backend)
    const user = await backend.store.get<UserDoc>(Collections.users, session.profile.userId)
    const update = await authHttp(backend, 'updateProfile', { nickname: '改名' }, { token: session.token })
    expect(update).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await backend.store.get<UserDoc>(Collections.users, session.profile.userId)).toEqual(user)
    expect(await countAll(backend)).toEqual(before)
    // Logging out twice is not an error for the user, just another lost login.
    expect(await authHttp(backend, 'logout', {}, { token: session.token })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
  })

  it('logging out on one device leaves the member’s other sessions alone', async () => {
    const phone = await loginBySms(backend, PHONE)
    backend.clock.advance(61_000)
    const laptop = await loginBySms(backend, PHONE)
    dataOf(await authHttp(backend, 'logout', {}, { token: laptop.token }))
    await expectLoggedOut(laptop.token)
    expect((await profile(phone.token)).ok).toBe(true)
  })

  it('a valid token of an account that no longer exists is refused', async () => {
    const session = await loginBySms(backend, PHONE)
    await backend.store.delete(Collections.users, session.profile.userId)
    await expectLoggedOut(session.token)
  })

  it('an invalid token fails even a public action, so the app knows to drop it', async () => {
    const listings = await backend.callHttp(
      'listings',
      { action: 'listCategories', payload: {} },
      { authorization: 'Bearer v1.forged.1.x' },
    )
    expect(listings.statusCode).toBe(401)
    const { token } = await loginBySms(backend, PHONE)
    const ok = await backend.callHttp(
      'listings',
      { action: 'listCategories', payload: {} },
      { authorization: `Bearer ${token}` },
    )
    expect(ok.statusCode).toBe(200)
  })

  it('moderators come from the configured allowlist, nowhere else', async () => {
    const session = await loginBySms(backend, PHONE)
    const identity = { kind: 'bearer' as const, token: session.token }
    const plain = createAccountCallers(backend.deps)
    expect(await plain.resolve(identity)).toEqual({ kind: 'member', userId: session.profile.userId, moderator: false })
    const configured = createAccountCallers({
      ...backend.deps,
      moderatorUserIds: parseSettings({ MODERATOR_USER_IDS: ` other , ${session.profile.userId},` }).MODERATOR_USER_IDS,
    })
    expect(await configured.resolve(identity)).toEqual({
      kind: 'member',
      userId: session.profile.userId,
      moderator: true,
    })
    expect(await configured.resolve({ kind: 'none' })).toEqual({ kind: 'guest' })
  })
})
