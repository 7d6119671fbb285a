import { AppError, ErrorCode } from '../core/app-error'
import { DEFAULT_LIMITS, LIMIT_SETTINGS, type LimitSetting, type Limits } from '../core/limits'
import type { Clock } from '../ports/clock'
import type { HumanCheck } from '../ports/human-check'
import type { AlipayApi, WechatApi } from '../ports/platform-identity'
import type { Secrets } from '../ports/secrets'
import type { SmsSender } from '../ports/sms-sender'
import { createAlipayApi, loadPrivateKey, loadPublicKey } from './alipay/alipay-api'
import { createAltchaCheck, noHumanCheck } from './altcha/altcha-check'
import { createTencentSms } from './tencent-sms/tencent-sms'
import { createWechatApi } from './wechat/wechat-api'
import { createWechatClient, type WechatClient } from './wechat/wechat-client'

/**
 * Production drivers for the platform edges, chosen from environment variables by the hosts. Each
 * returns null when its variables are absent, and the host then falls back (dev outbox for SMS in the
 * self-hosted demo; a driver that refuses with a clear message for WeChat/Alipay login). Some but not
 * all of a group set is a misconfiguration and throws, naming what is missing, rather than silently
 * running without the feature.
 */
export type Env = Record<string, string | undefined>

export const WECHAT_ENV = ['WECHAT_APPID', 'WECHAT_SECRET'] as const
export const ALIPAY_ENV = ['ALIPAY_APPID', 'ALIPAY_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY', 'ALIPAY_AES_KEY'] as const
export const TENCENT_SMS_ENV = [
  'TENCENT_SMS_SECRET_ID',
  'TENCENT_SMS_SECRET_KEY',
  'TENCENT_SMS_SDK_APP_ID',
  'TENCENT_SMS_SIGN_NAME',
  'TENCENT_SMS_TEMPLATE_ID',
] as const
export const SECRETS_ENV = ['SESSION_SECRET', 'PHONE_ENCRYPTION_KEY', 'PHONE_HASH_KEY'] as const
/** Optional, with a default; not part of the all-or-nothing group. */
export const TENCENT_SMS_REGION_ENV = 'TENCENT_SMS_REGION'
export const DEFAULT_TENCENT_SMS_REGION = 'ap-guangzhou'

export function wechatApiFromEnv(env: Env): WechatApi | null {
  const client = wechatClientFromEnv(env)
  return client ? createWechatApi(client) : null
}

/** One client (one access token) for every WeChat driver of a host: login and content security. */
export function wechatClientFromEnv(env: Env): WechatClient | null {
  const values = group(env, WECHAT_ENV, 'WeChat login')
  if (!values) return null
  return createWechatClient({ appId: values.WECHAT_APPID, secret: values.WECHAT_SECRET })
}

export function alipayApiFromEnv(env: Env): AlipayApi | null {
  const values = group(env, ALIPAY_ENV, 'Alipay login')
  if (!values) return null
  return createAlipayApi({
    appId: values.ALIPAY_APPID,
    privateKey: parseKey('ALIPAY_PRIVATE_KEY', () => loadPrivateKey(values.ALIPAY_PRIVATE_KEY)),
    alipayPublicKey: parseKey('ALIPAY_PUBLIC_KEY', () => loadPublicKey(values.ALIPAY_PUBLIC_KEY)),
    aesKey: aesKey(values.ALIPAY_AES_KEY),
  })
}

export function tencentSmsFromEnv(env: Env): SmsSender | null {
  const values = group(env, TENCENT_SMS_ENV, 'Tencent Cloud SMS')
  if (!values) return null
  return createTencentSms({
    secretId: values.TENCENT_SMS_SECRET_ID,
    secretKey: values.TENCENT_SMS_SECRET_KEY,
    sdkAppId: values.TENCENT_SMS_SDK_APP_ID,
    signName: values.TENCENT_SMS_SIGN_NAME,
    templateId: values.TENCENT_SMS_TEMPLATE_ID,
    region: envValue(env, TENCENT_SMS_REGION_ENV) ?? DEFAULT_TENCENT_SMS_REGION,
  })
}

/** Every numeric limit (core/limits.ts): each a whole number in its range, its default when unset. */
export function limitsFromEnv(env: Env): Limits {
  const limits = { ...DEFAULT_LIMITS }
  for (const [key, setting] of Object.entries(LIMIT_SETTINGS) as [keyof Limits, LimitSetting][]) {
    const raw = envValue(env, setting.env)
    if (raw === undefined) continue
    const value = Number(raw)
    if (!/^\d+$/.test(raw) || value < setting.min || value > setting.max) {
      throw new Error(`${setting.env} must be a whole number from ${setting.min} to ${setting.max}, got "${raw}"`)
    }
    limits[key] = value
  }
  return limits
}

/** `pow` (the default): the self-hosted proof of work; `off`: nothing is asked (trusted networks, tests). */
export const SMS_CAPTCHA_ENV = 'SMS_CAPTCHA'

export function humanCheckFromEnv(env: Env, options: { key: Buffer; clock: Clock }): HumanCheck {
  const mode = envValue(env, SMS_CAPTCHA_ENV) ?? 'pow'
  if (mode === 'off') return noHumanCheck
  if (mode === 'pow') return createAltchaCheck(options)
  throw new Error(`${SMS_CAPTCHA_ENV} must be pow or off, got "${mode}"`)
}

/**
 * The back end's keys: each 32 bytes, given as 64 hex characters or as base64. Distinct keys are
 * required because one leaked or rotated key must not expose (or invalidate) the others.
 */
export function secretsFromEnv(env: Env): Secrets | null {
  const values = group(env, SECRETS_ENV, 'the back-end keys')
  if (!values) return null
  const secrets: Secrets = {
    sessionKey: key32('SESSION_SECRET', values.SESSION_SECRET),
    phoneEncryptionKey: key32('PHONE_ENCRYPTION_KEY', values.PHONE_ENCRYPTION_KEY),
    phoneHashKey: key32('PHONE_HASH_KEY', values.PHONE_HASH_KEY),
  }
  const keys = [secrets.sessionKey, secrets.phoneEncryptionKey, secrets.phoneHashKey]
  if (new Set(keys.map((k) => k.toString('hex'))).size !== keys.length) {
    throw new Error('SESSION_SECRET, PHONE_ENCRYPTION_KEY and PHONE_HASH_KEY must be three different keys')
  }
  return secrets
}

/**
 * All of `names` or none. An empty value, or a `{{env.X}}` placeholder that a deploy tool left
 * unrendered, counts as unset: neither is a usable credential.
 */
function group<N extends string>(env: Env, names: readonly N[], feature: string): Record<N, string> | null {
  const present = names.filter((name) => envValue(env, name) !== undefined)
  if (present.length === 0) return null
  const missing = names.filter((name) => envValue(env, name) === undefined)
  if (missing.length > 0) {
    throw new Error(
      `${feature} is partly configured: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set ` +
        `(set ${names.join(', ')} together, or none of them)`,
    )
  }
  return Object.fromEntries(names.map((name) => [name, envValue(env, name) as string])) as Record<N, string>
}

/** A variable's value, or undefined when it is empty or an unrendered `{{env.X}}` placeholder. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  if (!value || /^\{\{\s*env\.[A-Za-z0-9_]+\s*\}\}$/.test(value)) return undefined
  return value
}

function key32(name: string, value: string): Buffer {
  const bytes = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/.test(value)
      ? Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64')
      : null
  if (!bytes || bytes.length !== 32) {
    throw new Error(`${name} must be 32 bytes written as 64 hex characters or as base64 (e.g. openssl rand -hex 32)`)
  }
  return bytes
}

function aesKey(value: string): Buffer {
  const bytes = Buffer.from(value, 'base64')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || ![16, 24, 32].includes(bytes.length)) {
    throw new Error('ALIPAY_AES_KEY must be the base64 AES key from the Alipay console (16, 24 or 32 bytes)')
  }
  return bytes
}

function parseKey<T>(name: string, load: () => T): T {
  try {
    return load()
  } catch {
    // Never echo the value: it is a private key.
    throw new Error(`${name} is not a readable RSA key (PEM, or the bare base64 from the Alipay console)`)
  }
}

/**
 * Stand-ins for a platform edge that is not configured: every call is refused with NOT_ALLOWED and a
 * message the user can understand, so a missing integration reads as "not offered here", not as a crash.
 */
export const refusingSms: SmsSender = {
  delivery: 'sms',
  async sendVerificationCode() {
    throw new AppError(ErrorCode.NotAllowed, '短信验证码服务未开通')
  },
}

export const refusingWechat: WechatApi = {
  async openIdFromLoginCode() {
    throw new AppError(ErrorCode.NotAllowed, '微信登录未开通')
  },
  async phoneFromCode() {
    throw new AppError(ErrorCode.NotAllowed, '微信手机号登录未开通')
  },
}

export const refusingAlipay: AlipayApi = {
  async userIdFromAuthCode() {
    throw new AppError(ErrorCode.NotAllowed, '支付宝登录未开通')
  },
  async phoneFromResponse() {
    throw new AppError(ErrorCode.NotAllowed, '支付宝手机号登录未开通')
  },
}
