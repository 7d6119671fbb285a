import tcb from '@cloudbase/node-sdk'
import * as v from 'valibot'
import { action } from '@shared/contracts/common'
import { AppError } from '@shared/core/app-error'
import { createMain, defineFunction } from '@shared/core/handler'
import { createLogger } from '@shared/core/logger'
import {
  alipayApiFromEnv,
  refusingAlipay,
  refusingSms,
  refusingWechat,
  secretsFromEnv,
  tencentSmsFromEnv,
  wechatApiFromEnv,
  type Env,
} from '@shared/drivers/platform-env'
import { createCloudbaseDeps } from '@shared/hosts/cloudbase'
import { generateAppKeys } from '../../support/alipay-double'

// As in the other CloudBase tests: no metadata-service probing, and the SDK needs region and namespace.
process.env.TENCENTCLOUD_RUNENV = 'SCF'
process.env.TENCENTCLOUD_REGION = 'ap-shanghai'
process.env.SCF_NAMESPACE = 'test-env'
process.env.SILENCE = 'true'

const HEX = (byte: string) => byte.repeat(32)
const SECRETS: Env = {
  SESSION_SECRET: HEX('a1'),
  PHONE_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString('base64'),
  PHONE_HASH_KEY: HEX('c3'),
}
const WECHAT: Env = { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 'wechat-secret' }
const SMS: Env = {
  TENCENT_SMS_SECRET_ID: 'AKIDexample',
  TENCENT_SMS_SECRET_KEY: 'sms-secret-key',
  TENCENT_SMS_SDK_APP_ID: '1400000000',
  TENCENT_SMS_SIGN_NAME: '质能视界',
  TENCENT_SMS_TEMPLATE_ID: '1000001',
}
const appKeys = generateAppKeys()
const ALIPAY: Env = {
  ALIPAY_APPID: '2021000000000001',
  ALIPAY_PRIVATE_KEY: appKeys.privateKeyBase64,
  ALIPAY_PUBLIC_KEY: appKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  ALIPAY_AES_KEY: Buffer.alloc(16, 5).toString('base64'),
}

const errorOf = (run: () => unknown): Error => {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a throw')
}

describe('platform drivers chosen from the environment', () => {
  it('with none of the variables, every factory answers null (the host then picks its fallback)', () => {
    expect(wechatApiFromEnv({})).toBeNull()
    expect(alipayApiFromEnv({})).toBeNull()
    expect(tencentSmsFromEnv({})).toBeNull()
    expect(secretsFromEnv({})).toBeNull()
  })

  it('empty values and unrendered {{env.X}} placeholders count as unset', () => {
    const placeholders = Object.fromEntries(
      [...Object.keys(WECHAT), ...Object.keys(SMS), ...Object.keys(ALIPAY), ...Object.keys(SECRETS)].map((name) => [
        name,
        `{{env.${name}}}`,
      ]),
    )
    expect(wechatApiFromEnv(placeholders)).toBeNull()
    expect(tencentSmsFromEnv({ ...placeholders, TENCENT_SMS_SECRET_ID: '' })).toBeNull()
    expect(alipayApiFromEnv(placeholders)).toBeNull()
    expect(secretsFromEnv(placeholders)).toBeNull()
  })

  it('with all of a group set, each factory builds its driver', () => {
    expect(wechatApiFromEnv(WECHAT)).toEqual({
      openIdFromLoginCode: expect.any(Function),
      phoneFromCode: expect.any(Function),
    })
    expect(tencentSmsFromEnv(SMS)).toEqual({ delivery: 'sms', sendVerificationCode: expect.any(Function) })
    expect(tencentSmsFromEnv({ ...SMS, TENCENT_SMS_REGION: 'ap-beijing' })).not.toBeNull()
    expect(alipayApiFromEnv(ALIPAY)).toEqual({
      userIdFromAuthCode: expect.any(Function),
      phoneFromResponse: expect.any(Function),
    })
    expect(
      alipayApiFromEnv({ ...ALIPAY, ALIPAY_PRIVATE_KEY: appKeys.privateKeyPem.replace(/\n/g, '\\n') }),
    ).not.toBeNull()
  })

  it('a partly configured group is refused, naming exactly what is missing', () => {
    expect(errorOf(() => wechatApiFromEnv({ WECHAT_APPID: 'wx1' })).message).toMatch(
      /WeChat login is partly configured: WECHAT_SECRET is not set/,
    )
    const { TENCENT_SMS_SIGN_NAME: _sign, TENCENT_SMS_TEMPLATE_ID: _template, ...partSms } = SMS
    expect(errorOf(() => tencentSmsFromEnv(partSms)).message).toMatch(
      /TENCENT_SMS_SIGN_NAME, TENCENT_SMS_TEMPLATE_ID are not set/,
    )
    expect(errorOf(() => alipayApiFromEnv({ ALIPAY_APPID: '2021' })).message).toMatch(
      /ALIPAY_PRIVATE_KEY, ALIPAY_PUBLIC_KEY, ALIPAY_AES_KEY are not set/,
    )
    expect(errorOf(() => secretsFromEnv({ SESSION_SECRET: HEX('a1') })).message).toMatch(
      /PHONE_ENCRYPTION_KEY, PHONE_HASH_KEY are not set/,
    )
  })

  it('an unreadable Alipay key or AES key is named, and the value is never echoed', () => {
    const badKey = errorOf(() => alipayApiFromEnv({ ...ALIPAY, ALIPAY_PRIVATE_KEY: 'c2VjcmV0LW5vdC1hLWtleQ==' }))
    expect(badKey.message).toMatch(/ALIPAY_PRIVATE_KEY is not a readable RSA key/)
    expect(badKey.message).not.toContain('c2VjcmV0LW5vdC1hLWtleQ==')

    expect(errorOf(() => alipayApiFromEnv({ ...ALIPAY, ALIPAY_AES_KEY: 'c2hvcnQ=' })).message).toMatch(/ALIPAY_AES_KEY/)
  })

  describe('secrets', () => {
    it('accepts 64 hex characters or base64 of 32 bytes', () => {
      const secrets = secretsFromEnv(SECRETS)

      expect(secrets?.sessionKey).toEqual(Buffer.from(HEX('a1'), 'hex'))
      expect(secrets?.phoneEncryptionKey).toEqual(Buffer.alloc(32, 2))
      expect(secrets?.phoneHashKey).toEqual(Buffer.from(HEX('c3'), 'hex'))
    })

    it('refuses a key of the wrong length, naming it', () => {
      const error = errorOf(() => secretsFromEnv({ ...SECRETS, PHONE_HASH_KEY: 'abcd' }))

      expect(error.message).toMatch(/^PHONE_HASH_KEY must be 32 bytes/)
      expect(error.message).not.toContain('abcd')
    })

    it('refuses one key used for two purposes', () => {
      expect(errorOf(() => secretsFromEnv({ ...SECRETS, PHONE_HASH_KEY: HEX('a1') })).message).toMatch(
        /must be three different keys/,
      )
    })
  })

  it('the refusing stand-ins answer NOT_ALLOWED with a message for the user', async () => {
    await expect(refusingSms.sendVerificationCode('13800000000', '123456', 5)).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      message: '短信验证码服务未开通',
    })
    await expect(refusingWechat.phoneFromCode('c', 'o')).rejects.toBeInstanceOf(AppError)
    await expect(refusingWechat.openIdFromLoginCode('c')).rejects.toMatchObject({ code: 'NOT_ALLOWED' })
    await expect(refusingAlipay.userIdFromAuthCode('c')).rejects.toMatchObject({ code: 'NOT_ALLOWED' })
    await expect(refusingAlipay.phoneFromResponse({ response: 'r', sign: 's' })).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
    })
  })
})

describe('the CloudBase host builds its deps from the function environment', () => {
  // A function whose actions each touch one port, run through the real handler adapter.
  const Empty = v.optional(v.object({}), {})
  const probe = defineFunction(
    'probe',
    {
      readSecrets: action<{ bytes: number }>()(Empty, 'guest'),
      sendSms: action<{ sent: true }>()(Empty, 'guest'),
      wechatPhone: action<{ phone: string }>()(Empty, 'guest'),
      checkText: action<{ verdict: string }>()(v.object({ text: v.string() }), 'guest'),
      plain: action<{ ok: true }>()(Empty, 'guest'),
    },
    {
      readSecrets: async (_input, { deps }) => ({ bytes: deps.secrets.sessionKey.length }),
      sendSms: async (_input, { deps }) => {
        await deps.sms.sendVerificationCode('13800000000', '123456', 5)
        return { sent: true as const }
      },
      wechatPhone: async (_input, { deps }) => deps.wechat.phoneFromCode('code', 'openid'),
      checkText: async (input, { deps }) => deps.content.check({ text: input.text, scene: 'forum' }),
      plain: async () => ({ ok: true as const }),
    },
  )

  const run = async (env: Env, actionName: string, payload: Record<string, unknown> = {}) => {
    const app = tcb.init({ env: 'test-env', secretId: 'id', secretKey: 'key', serviceUrl: 'http://127.0.0.1:9/admin' })
    const lines: Array<Record<string, unknown>> = []
    const deps = { ...createCloudbaseDeps(env, app), logger: createLogger((l) => lines.push(JSON.parse(l))) }
    const main = createMain(probe, () => deps)
    const result = await main({ action: actionName, payload }, { request_id: 'r1' })
    return { result, lines }
  }

  it('building deps with nothing configured does not throw, and actions that need nothing still work', async () => {
    expect(() =>
      createCloudbaseDeps(
        {},
        tcb.init({ env: 'test-env', secretId: 'id', secretKey: 'key', serviceUrl: 'http://127.0.0.1:9' }),
      ),
    ).not.toThrow()
    await expect(run({}, 'plain')).resolves.toMatchObject({ result: { ok: true, data: { ok: true } } })
  })

  it('without the secrets, an action that needs them fails as INTERNAL, logged with the variables to set', async () => {
    const { result, lines } = await run({}, 'readSecrets')

    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: 'error', action: 'readSecrets', code: 'INTERNAL' })
    expect(String(lines[0].errMessage)).toMatch(/SESSION_SECRET, PHONE_ENCRYPTION_KEY, PHONE_HASH_KEY are not set/)
  })

  it('with the secrets, actions read them', async () => {
    await expect(run(SECRETS, 'readSecrets')).resolves.toMatchObject({ result: { ok: true, data: { bytes: 32 } } })
  })

  it('without SMS configuration, sending a code is refused with 短信验证码服务未开通', async () => {
    const { result } = await run(SECRETS, 'sendSms')

    expect(result).toEqual({ ok: false, error: { code: 'NOT_ALLOWED', message: '短信验证码服务未开通' } })
  })

  it('content is checked by the word list, extended by CONTENT_BLOCKLIST; with WeChat set up, by it for WeChat authors only', async () => {
    for (const env of [SECRETS, { ...SECRETS, ...WECHAT }]) {
      await expect(run(env, 'checkText', { text: '赌博' })).resolves.toMatchObject({
        result: { ok: true, data: { verdict: 'reject' } },
      })
      await expect(run(env, 'checkText', { text: '门锁代理' })).resolves.toMatchObject({
        result: { ok: true, data: { verdict: 'pass' } },
      })
    }
    await expect(
      run({ ...SECRETS, CONTENT_BLOCKLIST: '山寨' }, 'checkText', { text: '山寨手机' }),
    ).resolves.toMatchObject({
      result: { ok: true, data: { verdict: 'reject' } },
    })
  })

  it('a bad value is read at the cold start: every call then fails as INTERNAL, logged with the line naming it', async () => {
    const env = { ...SECRETS, SMS_CAPTCHA: 'maybe' }
    const app = tcb.init({ env: 'test-env', secretId: 'id', secretKey: 'key', serviceUrl: 'http://127.0.0.1:9' })
    expect(() => createCloudbaseDeps(env, app, 'auth')).not.toThrow()
    for (const actionName of ['plain', 'readSecrets']) {
      const { result, lines } = await run(env, actionName)

      expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } })
      expect(lines[0]).toMatchObject({ level: 'error', action: actionName, code: 'INTERNAL' })
      expect(lines[0].errMessage).toBe('SMS_CAPTCHA must be pow or off, got "maybe"')
    }
  })

  it('a half-configured WeChat is an INTERNAL error at the first use, logged naming the missing variable', async () => {
    const { result, lines } = await run({ ...SECRETS, WECHAT_APPID: 'wx1' }, 'wechatPhone')

    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(String(lines[0].errMessage)).toContain('WECHAT_SECRET is not set')
  })
})
