import { AppError } from '@shared/core/app-error'
import { createLogger, type Logger } from '@shared/core/logger'
import {
  beijingTimestamp,
  createAlipayApi,
  loadPrivateKey,
  loadPublicKey,
  rawTopLevelMember,
  signContent,
  type AlipayApiOptions,
} from '@shared/drivers/alipay/alipay-api'
import type { AlipayApi } from '@shared/ports/platform-identity'
import { generateAppKeys, startAlipayDouble, type AlipayDouble } from '../../support/alipay-double'

// Key generation is the slow part (RSA-2048): one app key pair for the file, one double per test.
const appKeys = generateAppKeys()

describe('Alipay driver against the wire-level gateway double', () => {
  let double: AlipayDouble
  let alipay: AlipayApi
  let logLines: Array<Record<string, unknown>>

  const options = (overrides: Partial<AlipayApiOptions> = {}): AlipayApiOptions => ({
    appId: double.appId,
    privateKey: appKeys.privateKeyPem,
    alipayPublicKey: double.alipayPublicKeyPem,
    aesKey: double.aesKey,
    gatewayUrl: double.url,
    logger,
    ...overrides,
  })
  let logger: Logger

  beforeEach(async () => {
    double = await startAlipayDouble({ appPublicKey: appKeys.publicKey })
    logLines = []
    logger = createLogger((line) => logLines.push(JSON.parse(line) as Record<string, unknown>), 'debug')
    alipay = createAlipayApi(options())
  })

  afterEach(() => double.close())

  const refusal = async (promise: Promise<unknown>): Promise<AppError> => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    )
    if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`)
    return error
  }

  describe('an auth code becomes the Alipay user id (alipay.system.oauth.token)', () => {
    it('sends a correctly signed request and returns the user_id from the verified response', async () => {
      double.registerAuthCode('auth-1', { userId: '2088102150477652' })

      await expect(alipay.userIdFromAuthCode('auth-1')).resolves.toEqual({ userId: '2088102150477652' })

      expect(double.requests).toHaveLength(1)
      expect(double.requests[0].signatureValid).toBe(true)
      expect(double.requests[0].params).toMatchObject({
        app_id: double.appId,
        method: 'alipay.system.oauth.token',
        format: 'JSON',
        charset: 'utf-8',
        sign_type: 'RSA2',
        version: '1.0',
        grant_type: 'authorization_code',
        code: 'auth-1',
      })
    })

    it('an app on the openid standard gets open_id, which is used as the id', async () => {
      double.registerAuthCode('auth-2', { openId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' })

      await expect(alipay.userIdFromAuthCode('auth-2')).resolves.toEqual({
        userId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5',
      })
    })

    it('an unknown or already used auth code is INVALID_INPUT on authCode', async () => {
      double.registerAuthCode('once', { userId: '2088000000000001' })
      await alipay.userIdFromAuthCode('once')

      for (const code of ['never-issued', 'once']) {
        await expect(refusal(alipay.userIdFromAuthCode(code))).resolves.toMatchObject({
          code: 'INVALID_INPUT',
          field: 'authCode',
        })
      }
    })

    it('a request signed with a key Alipay does not know is refused by the gateway: an outage, not the user', async () => {
      const stranger = generateAppKeys()
      const misconfigured = createAlipayApi(options({ privateKey: stranger.privateKeyBase64 }))
      double.registerAuthCode('auth-1', { userId: '2088000000000001' })

      const error = await misconfigured.userIdFromAuthCode('auth-1').catch((e: unknown) => e)

      expect(double.requests[0].signatureValid).toBe(false)
      expect(error).not.toBeInstanceOf(AppError)
      expect((error as Error).message).toContain('isv.invalid-signature')
    })

    it('a response altered on the way is not believed, even though it parses', async () => {
      double.registerAuthCode('auth-1', { userId: '2088000000000001' })
      double.tamperNextReply()

      await expect(alipay.userIdFromAuthCode('auth-1')).rejects.toThrow(/signature that does not verify/)
    })

    it('a response signed by someone other than Alipay is not believed', async () => {
      const impostor = generateAppKeys()
      const fooled = createAlipayApi(options({ alipayPublicKey: impostor.publicKey }))
      double.registerAuthCode('auth-1', { userId: '2088000000000001' })

      await expect(fooled.userIdFromAuthCode('auth-1')).rejects.toThrow(/signature that does not verify/)
    })

    it('an unsigned success is refused', async () => {
      const unsigned = createAlipayApi(
        options({
          fetch: async () =>
            new Response('{"alipay_system_oauth_token_response":{"user_id":"2088000000000001","access_token":"x"}}'),
        }),
      )

      await expect(unsigned.userIdFromAuthCode('auth-1')).rejects.toThrow(/without a signature/)
    })
  })

  describe('a my.getPhoneNumber envelope becomes the phone number', () => {
    it('verifies the quoted ciphertext, decrypts it with the AES key and returns the mobile', async () => {
      await expect(alipay.phoneFromResponse(double.phoneEnvelope('13812345678'))).resolves.toEqual({
        phone: '13812345678',
      })
    })

    it('works with AES-256 keys too', async () => {
      await double.close()
      double = await startAlipayDouble({ appPublicKey: appKeys.publicKey, aesKey: Buffer.alloc(32, 7) })
      const api = createAlipayApi(options())

      await expect(api.phoneFromResponse(double.phoneEnvelope('13900000000'))).resolves.toEqual({
        phone: '13900000000',
      })
    })

    it('a tampered ciphertext fails the signature check: INVALID_INPUT on phone', async () => {
      const envelope = double.phoneEnvelope('13812345678')
      const bytes = Buffer.from(envelope.response, 'base64')
      bytes[0] ^= 0x01
      const tampered = { ...envelope, response: bytes.toString('base64') }

      await expect(refusal(alipay.phoneFromResponse(tampered))).resolves.toMatchObject({
        code: 'INVALID_INPUT',
        field: 'phone',
        message: '手机号授权数据校验失败',
      })
    })

    it('the signature covers the ciphertext with its JSON quotes: one over the bare ciphertext does not verify', async () => {
      const envelope = double.phoneEnvelope('13812345678')
      const bareSigned = { response: envelope.response, sign: double.signAsAlipay(envelope.response) }
      const quotedSigned = { response: envelope.response, sign: double.signAsAlipay(`"${envelope.response}"`) }

      await expect(alipay.phoneFromResponse(quotedSigned)).resolves.toEqual({ phone: '13812345678' })
      await expect(refusal(alipay.phoneFromResponse(bareSigned))).resolves.toMatchObject({ field: 'phone' })
    })

    it("an envelope Alipay signed for another app's AES key does not decrypt: INVALID_INPUT on phone", async () => {
      const otherApp = createAlipayApi(options({ aesKey: Buffer.alloc(16, 9) }))

      await expect(refusal(otherApp.phoneFromResponse(double.phoneEnvelope('13812345678')))).resolves.toMatchObject({
        code: 'INVALID_INPUT',
        field: 'phone',
      })
    })

    it('an Alipay error inside the envelope is refused, its reason logged but not sent to the client', async () => {
      const envelope = double.phoneErrorEnvelope({
        code: '40003',
        msg: 'Insufficient Conditions',
        subCode: 'isv.invalid-auth-relations',
        subMsg: '无效的授权关系',
      })

      const error = await refusal(alipay.phoneFromResponse(envelope))

      expect(error.message).toBe('手机号授权数据校验失败')
      expect(error.message).not.toContain('无效的授权关系')
      expect(logLines).toEqual([
        expect.objectContaining({
          level: 'warn',
          msg: 'alipay phone refused',
          code: '40003',
          subCode: 'isv.invalid-auth-relations',
          subMsg: '无效的授权关系',
        }),
      ])
    })
  })
})

describe('Alipay wire rules, as pure functions', () => {
  it('the sign content sorts parameters, drops sign and empty values, and does not URL-encode', () => {
    expect(signContent({ b: '2', sign: 'x', a: '1 2&3', empty: '', c: 'é' })).toBe('a=1 2&3&b=2&c=é')
  })

  it('timestamps are Beijing time whatever the server clock zone', () => {
    expect(beijingTimestamp(Date.UTC(2024, 11, 31, 16, 30, 5))).toBe('2025-01-01 00:30:05')
  })

  it('the verified member is the exact raw text, even when a string value mentions "sign"', () => {
    const body = '{ "x_response" : {"a":"\\"sign\\":{}","b":[1,{"c":2}]} ,"sign":"S=="}'

    expect(rawTopLevelMember(body, 'x_response')).toBe('{"a":"\\"sign\\":{}","b":[1,{"c":2}]}')
    expect(rawTopLevelMember(body, 'sign')).toBe('"S=="')
    expect(rawTopLevelMember(body, 'missing')).toBeNull()
    expect(rawTopLevelMember('not json', 'x')).toBeNull()
  })

  it('keys load from PEM, from PEM with escaped newlines, and from the bare base64 the console shows', () => {
    const keys = generateAppKeys()
    const pkcs1 = loadPrivateKey(appKeys.privateKeyPem).export({ type: 'pkcs1', format: 'der' }).toString('base64')

    expect(loadPrivateKey(keys.privateKeyPem.replace(/\n/g, '\\n')).asymmetricKeyType).toBe('rsa')
    expect(loadPrivateKey(keys.privateKeyBase64).asymmetricKeyType).toBe('rsa')
    expect(loadPrivateKey(pkcs1).asymmetricKeyType).toBe('rsa')
    expect(loadPublicKey(keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')).type).toBe('public')
    expect(() => loadPrivateKey('not a key')).toThrow()
  })
})
