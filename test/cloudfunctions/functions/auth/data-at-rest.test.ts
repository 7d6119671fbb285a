import { createHmac } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { Collections } from '@shared/collections'
import type { Envelope, Session } from '@shared/contracts'
import { decryptPhone, encryptPhone, phoneHash } from '@shared/domain/accounts/phone-crypto'
import { SECURITY_LOG_RETENTION_MS, truncateIp, type SecurityLogDoc } from '@shared/domain/accounts/security-log'
import type { UserDoc } from '@shared/domain/accounts/users'
import { agreedConsents, authHttp, dataOf, loginBySms, requestSmsCode } from '../../../support/accounts'
import { createEmbeddedBackend, TEST_SECRETS, type EmbeddedBackend } from '../../../support/embedded'

const PHONE = '13812345678'

describe('auth: what is stored, and how', () => {
  let backend: EmbeddedBackend
  beforeEach(async () => {
    backend = await createEmbeddedBackend({ seed: false })
  })
  afterEach(() => backend.dispose())

  const allUsers = async () => (await backend.store.find<UserDoc>(Collections.users, { orderBy: [], limit: 10 })).items
  const securityLog = async () =>
    (
      await backend.store.find<SecurityLogDoc>(Collections.securityLog, {
        orderBy: [{ field: 'at', direction: 'asc' }],
        limit: 50,
      })
    ).items

  it('the phone number is stored encrypted with a keyed hash: the raw number appears nowhere in the database file', async () => {
    await loginBySms(backend, PHONE)
    const wechat = await backend.callFunction(
      'auth',
      {
        action: 'loginWithWechat',
        payload: { phoneCode: backend.wechat.phoneCode(PHONE), consents: agreedConsents(backend.clock.now(), 'weapp') },
      },
      { openId: 'o-1' },
    )
    dataOf(wechat as Envelope<Session>)
    const [user] = await allUsers()
    expect(user.phoneEnc).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/)
    expect(decryptPhone(TEST_SECRETS, user.phoneEnc)).toBe(PHONE)
    expect(user.phoneHash).toBe(createHmac('sha256', TEST_SECRETS.phoneHashKey).update(PHONE).digest('hex'))

    backend.store.db.pragma('wal_checkpoint(TRUNCATE)')
    for (const file of [backend.storeFile, `${backend.storeFile}-wal`]) {
      if (!existsSync(file)) continue
      const bytes = readFileSync(file)
      expect(bytes.includes(Buffer.from(PHONE))).toBe(false)
      expect(bytes.includes(Buffer.from('138****5678'))).toBe(false)
    }
  })

  it('encryption uses a fresh IV every time, and an altered ciphertext never decrypts to a number', () => {
    const a = encryptPhone(TEST_SECRETS, PHONE)
    const b = encryptPhone(TEST_SECRETS, PHONE)
    expect(a).not.toBe(b)
    expect(decryptPhone(TEST_SECRETS, b)).toBe(PHONE)
    const [v, iv, ct, tag] = a.split('.')
    const flipped = Buffer.from(ct, 'base64url')
    flipped[0] ^= 1
    expect(() => decryptPhone(TEST_SECRETS, [v, iv, flipped.toString('base64url'), tag].join('.'))).toThrow()
    expect(() => decryptPhone({ ...TEST_SECRETS, phoneEncryptionKey: Buffer.alloc(32, 8) }, a)).toThrow()
    expect(phoneHash(TEST_SECRETS, PHONE)).not.toBe(
      phoneHash({ ...TEST_SECRETS, phoneHashKey: Buffer.alloc(32, 8) }, PHONE),
    )
  })

  it('a login writes a security-log entry: truncated address, platform, client version, 180-day retention', async () => {
    const code = await requestSmsCode(backend, PHONE)
    const session = dataOf(
      await authHttp<Session>(
        backend,
        'loginWithSms',
        { phone: PHONE, code, consents: agreedConsents(backend.clock.now()), clientVersion: '0.3.1' },
        { headers: { 'x-real-ip': '203.0.113.77', 'x-client-platform': 'h5' } },
      ),
    )
    const [entry] = await securityLog()
    expect(entry).toEqual({
      _id: expect.any(String),
      userId: session.profile.userId,
      event: 'login',
      method: 'sms',
      platform: 'h5',
      clientVersion: '0.3.1',
      ip: '203.0.113.0',
      at: backend.clock.now(),
      retainUntil: backend.clock.now() + SECURITY_LOG_RETENTION_MS,
    })
    expect(SECURITY_LOG_RETENTION_MS).toBe(180 * 24 * 60 * 60 * 1000)
    expect(JSON.stringify(entry)).not.toMatch(/203\.0\.113\.77|13812345678/)
  })

  it('an IPv6 address is kept to its /48', async () => {
    await loginBySms(backend, PHONE, { headers: { 'x-real-ip': '2001:db8:abcd:12:3456::1' } })
    expect((await securityLog())[0].ip).toBe('2001:db8:abcd::')
  })

  it('truncateIp keeps a /24 of IPv4 and a /48 of IPv6, and nothing of anything else', () => {
    expect(truncateIp('192.168.1.254')).toBe('192.168.1.0')
    expect(truncateIp('::ffff:10.1.2.3')).toBe('10.1.2.0')
    expect(truncateIp('2001:0db8:0000:0001::5')).toBe('2001:db8:0::')
    expect(truncateIp('::1')).toBe('0:0:0::')
    expect(truncateIp('fe80::1%eth0')).toBe('fe80:0:0::')
    expect(truncateIp('2001:db8::ffff:1.2.3.4')).toBe('2001:db8:0::')
    expect(truncateIp('not an ip')).toBeNull()
    expect(truncateIp('999.1.1.1')).toBeNull()
    expect(truncateIp(null)).toBeNull()
  })
})
