import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Collections } from '@shared/collections'
import { AVATAR_MAX_BYTES, type Profile, type Session } from '@shared/contracts'
import type { UserDoc } from '@shared/domain/accounts/users'
import { authHttp, type ActionOf, countAll, dataOf, loginBySms } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)])
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(64, 7)])
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([64, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(56, 7),
])

describe('auth: profile and avatar', () => {
  let backend: EmbeddedBackend
  let session: Session
  beforeEach(async () => {
    backend = await createEmbeddedBackend({ seed: false })
    session = await loginBySms(backend, '13812345678')
  })
  afterEach(() => backend.dispose())

  const call = <T = Profile>(action: ActionOf<'auth'>, payload: unknown) =>
    authHttp<T>(backend, action, payload, { token: session.token })
  const storedUser = () => backend.store.get<UserDoc>(Collections.users, session.profile.userId)
  const storedFiles = () => {
    const dir = join(backend.filesDir, 'avatars', session.profile.userId)
    return existsSync(dir) ? readdirSync(dir) : []
  }

  it('a new account has a generated nickname that says nothing about the phone number', () => {
    expect(session.profile.nickname).toMatch(/^用户[0-9a-f]{6}$/)
    expect(session.profile.nickname).not.toMatch(/5678|1381/)
    expect(session.profile.avatarUrl).toBeNull()
  })

  it('editing changes only the fields given, trimmed', async () => {
    const first = dataOf(await call('updateProfile', { nickname: '  王老板 ', companyName: ' 质能科技有限公司 ' }))
    expect(first).toMatchObject({ nickname: '王老板', companyName: '质能科技有限公司', brandName: '' })
    const second = dataOf(await call('updateProfile', { brandName: '质能' }))
    expect(second).toMatchObject({ nickname: '王老板', companyName: '质能科技有限公司', brandName: '质能' })
    expect(await storedUser()).toMatchObject({ nickname: '王老板', companyName: '质能科技有限公司', brandName: '质能' })
    expect(dataOf(await call('getProfile', {}))).toEqual(second)
    // Clearing an optional field is allowed.
    expect(dataOf(await call('updateProfile', { companyName: '' })).companyName).toBe('')
  })

  it('an empty nickname, markup or an overlong value is INVALID_INPUT on that field and changes nothing', async () => {
    const before = await storedUser()
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ nickname: '   ' }, 'nickname'],
      [{ nickname: '<script>' }, 'nickname'],
      [{ companyName: 'x'.repeat(51) }, 'companyName'],
      [{ brandName: 42 }, 'brandName'],
    ]
    for (const [payload, field] of cases) {
      expect(await call('updateProfile', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } })
    }
    expect(await storedUser()).toEqual(before)
  })

  it('uploading an avatar stores the file under the member’s folder and puts its URL in the profile', async () => {
    const profile = dataOf(await call('uploadAvatar', { mimeType: 'image/png', data: PNG.toString('base64') }))
    expect(profile.avatarUrl).toMatch(new RegExp(`^/files/avatars/${session.profile.userId}/[0-9a-f]{24}\\.png$`))
    const user = await storedUser()
    expect(user?.avatarKey).toBe(profile.avatarUrl?.slice('/files/'.length))
    expect(readFileSync(join(backend.filesDir, user!.avatarKey!))).toEqual(PNG)
  })

  it('a new avatar replaces the old file, which is deleted', async () => {
    dataOf(await call('uploadAvatar', { mimeType: 'image/png', data: PNG.toString('base64') }))
    const jpeg = dataOf(await call('uploadAvatar', { mimeType: 'image/jpeg', data: JPEG.toString('base64') }))
    const webp = dataOf(await call('uploadAvatar', { mimeType: 'image/webp', data: WEBP.toString('base64') }))
    expect(jpeg.avatarUrl).toMatch(/\.jpg$/)
    expect(storedFiles()).toEqual([webp.avatarUrl!.split('/').pop()])
  })

  it('the type comes from the bytes: a PNG labelled JPEG, a text file, a WAV posing as WebP are refused', async () => {
    const before = await countAll(backend)
    const user = await storedUser()
    const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(32)])
    const cases: Array<[string, Buffer, string, string]> = [
      ['image/jpeg', PNG, 'mimeType', '图片的实际格式与声明的类型不一致'],
      ['image/webp', JPEG, 'mimeType', '图片的实际格式与声明的类型不一致'],
      ['image/png', Buffer.from('just some text, not an image'), 'data', '头像仅支持 JPG、PNG 或 WebP 图片'],
      ['image/webp', wav, 'data', '头像仅支持 JPG、PNG 或 WebP 图片'],
      [
        'image/jpeg',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        'data',
        '头像仅支持 JPG、PNG 或 WebP 图片',
      ],
    ]
    for (const [mimeType, bytes, field, message] of cases) {
      expect(await call('uploadAvatar', { mimeType, data: bytes.toString('base64') })).toMatchObject({
        ok: false,
        status: 400,
        error: { code: 'INVALID_INPUT', field, message },
      })
    }
    expect(await storedUser()).toEqual(user)
    expect(await countAll(backend)).toEqual(before)
    expect(storedFiles()).toEqual([])
  })

  it('a label outside the accepted types, or data that is not base64, is INVALID_INPUT', async () => {
    expect(await call('uploadAvatar', { mimeType: 'image/svg+xml', data: PNG.toString('base64') })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'mimeType', message: '头像仅支持 JPG、PNG 或 WebP 图片' },
    })
    expect(await call('uploadAvatar', { mimeType: 'image/png', data: 'not base64!' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'data' },
    })
  })

  it('an avatar over 2 MB is refused, whether the contract or the decoded size catches it', async () => {
    const justOver = Buffer.concat([PNG, Buffer.alloc(AVATAR_MAX_BYTES + 1 - PNG.length)])
    // Through the handler as a callFunction event, so the HTTP body limit does not answer first.
    for (const bytes of [justOver, Buffer.concat([PNG, Buffer.alloc(AVATAR_MAX_BYTES)])]) {
      const result = await backend.callHttp(
        'auth',
        { action: 'uploadAvatar', payload: { mimeType: 'image/png', data: bytes.toString('base64') } },
        { authorization: `Bearer ${session.token}` },
      )
      expect(JSON.parse(result.body)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'data', message: '头像不能超过 2 MB' },
      })
    }
    expect(storedFiles()).toEqual([])
    // Exactly 2 MB is fine.
    const exactly = Buffer.concat([PNG, Buffer.alloc(AVATAR_MAX_BYTES - PNG.length)])
    expect((await call('uploadAvatar', { mimeType: 'image/png', data: exactly.toString('base64') })).ok).toBe(true)
  })

  it('a guest cannot upload or edit anything', async () => {
    expect(
      await authHttp(backend, 'uploadAvatar', { mimeType: 'image/png', data: PNG.toString('base64') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(existsSync(join(backend.filesDir, 'avatars'))).toBe(false)
  })
})
