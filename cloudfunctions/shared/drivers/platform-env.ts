import { AppError, ErrorCode } from '../core/app-error'
import { envValue, limitsFrom, parseSettings, type Env, type SettingValues } from '../settings'
import type { Limits } from '../core/limits'
import type { Clock } from '../ports/clock'
import type { HumanCheck } from '../ports/human-check'
import type { ImageChecker } from '../ports/image-checker'
import type { Logger } from '../core/logger'
import type { AlipayApi, WechatApi } from '../ports/platform-identity'
import type { Secrets } from '../ports/secrets'
import type { SmsSender } from '../ports/sms-sender'
import { createAlipayApi } from './alipay/alipay-api'
import { createAltchaCheck, noHumanCheck } from './altcha/altcha-check'
import { createLocalImageCheck } from './local/local-image-check'
import { createTencentSms } from './tencent-sms/tencent-sms'
import { createWechatApi } from './wechat/wechat-api'
import { createWechatClient, type WechatClient } from './wechat/wechat-client'
import { createWechatSubscribe } from './wechat/wechat-subscribe'
import { noPush, type Notifier } from '../ports/notifier'
import { createWechatMediaCheck } from './wechat/wechat-media-check'

/**
 * Production drivers for the platform edges, chosen from the parsed settings (`settings.ts`, where each
 * variable's format is checked) by the hosts. Each returns null when its variables are absent, and the
 * host then falls back (dev outbox for SMS in the self-hosted demo; a driver that refuses with a clear
 * message for WeChat/Alipay login). Some but not all of a group set is a misconfiguration and throws,
 * naming what is missing, rather than silently running without the feature. The `…FromEnv` forms parse
 * the environment first (tests, one-off callers).
 */
export { envValue, type Env }

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

export function wechatApiFromEnv(env: Env): WechatApi | null {
  return wechatApiFrom(parseSettings(env))
}

export function wechatApiFrom(settings: SettingValues): WechatApi | null {
  const client = wechatClientFrom(settings)
  return client ? createWechatApi(client) : null
}

export function wechatClientFromEnv(env: Env): WechatClient | null {
  return wechatClientFrom(parseSettings(env))
}

/** One client (one access token) for every WeChat driver of a host: login and content security. */
export function wechatClientFrom(settings: SettingValues): WechatClient | null {
  const values = group(settings, WECHAT_ENV, 'WeChat login')
  if (!values) return null
  return createWechatClient({ appId: values.WECHAT_APPID, secret: values.WECHAT_SECRET })
}

/**
 * WeChat's asynchronous image check when the app is configured and its verdicts can arrive (a push
 * token is set, so the message push reaches `/wechat/push`); the local rule otherwise, and for uploaders
 * WeChat cannot check. Without the token, WeChat's verdicts would have nowhere to go and every image
 * would wait for ever.
 */
export function imageCheckFrom(settings: SettingValues, client: WechatClient | null, logger?: Logger): ImageChecker {
  const local = createLocalImageCheck()
  if (!client || !settings.WECHAT_PUSH_TOKEN) return local
  return createWechatMediaCheck({ client, fallback: local, logger })
}

export function alipayApiFromEnv(env: Env): AlipayApi | null {
  return alipayApiFrom(parseSettings(env))
}

export function alipayApiFrom(settings: SettingValues): AlipayApi | null {
  const values = group(settings, ALIPAY_ENV, 'Alipay login')
  if (!values) return null
  return createAlipayApi({
    appId: values.ALIPAY_APPID,
    privateKey: values.ALIPAY_PRIVATE_KEY,
    alipayPublicKey: values.ALIPAY_PUBLIC_KEY,
    aesKey: values.ALIPAY_AES_KEY,
  })
}

export function tencentSmsFromEnv(env: Env): SmsSender | null {
  return tencentSmsFrom(parseSettings(env))
}

export function tencentSmsFrom(settings: SettingValues): SmsSender | null {
  const values = group(settings, TENCENT_SMS_ENV, 'Tencent Cloud SMS')
  if (!values) return null
  return createTencentSms({
    secretId: values.TENCENT_SMS_SECRET_ID,
    secretKey: values.TENCENT_SMS_SECRET_KEY,
    sdkAppId: values.TENCENT_SMS_SDK_APP_ID,
    signName: values.TENCENT_SMS_SIGN_NAME,
    templateId: values.TENCENT_SMS_TEMPLATE_ID,
    region: settings.TENCENT_SMS_REGION,
  })
}

/** Every numeric limit (settings.ts): each a whole number in its range, its default when unset. */
export function limitsFromEnv(env: Env): Limits {
  return limitsFrom(parseSettings(env))
}

export function humanCheckFromEnv(env: Env, options: { key: Buffer; clock: Clock }): HumanCheck {
  return humanCheckFrom(parseSettings(env), options)
}

/** SMS_CAPTCHA `pow` (the default): the self-hosted proof of work; `off`: nothing is asked (trusted networks, tests). */
export function humanCheckFrom(settings: SettingValues, options: { key: Buffer; clock: Clock }): HumanCheck {
  return settings.SMS_CAPTCHA === 'off' ? noHumanCheck : createAltchaCheck(options)
}

/**
 * The back end's keys: each 32 bytes, given as 64 hex characters or as base64. Distinct keys are
 * required because one leaked or rotated key must not expose (or invalidate) the others.
 */
export function secretsFromEnv(env: Env): Secrets | null {
  return secretsFrom(parseSettings(env))
}

export function secretsFrom(settings: SettingValues): Secrets | null {
  const values = group(settings, SECRETS_ENV, 'the back-end keys')
  if (!values) return null
  const secrets: Secrets = {
    sessionKey: values.SESSION_SECRET,
    phoneEncryptionKey: values.PHONE_ENCRYPTION_KEY,
    phoneHashKey: values.PHONE_HASH_KEY,
  }
  const keys = [secrets.sessionKey, secrets.phoneEncryptionKey, secrets.phoneHashKey]
  if (new Set(keys.map((k) => k.toString('hex'))).size !== keys.length) {
    throw new Error('SESSION_SECRET, PHONE_ENCRYPTION_KEY and PHONE_HASH_KEY must be three different keys')
  }
  return secrets
}

type Present<N extends keyof SettingValues> = { [K in N]: Exclude<SettingValues[K], undefined> }

/**
 * All of `names` or none. An empty value, or a `{{env.X}}` placeholder that a deploy tool left
 * unrendered, counts as unset (parseSettings): neither is a usable credential.
 */
function group<N extends keyof SettingValues>(
  settings: SettingValues,
  names: readonly N[],
  feature: string,
): Present<N> | null {
  const present = names.filter((name) => settings[name] !== undefined)
  if (present.length === 0) return null
  const missing = names.filter((name) => settings[name] === undefined)
  if (missing.length > 0) {
    throw new Error(
      `${feature} is partly configured: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set ` +
        `(set ${names.join(', ')} together, or none of them)`,
    )
  }
  return Object.fromEntries(names.map((name) => [name, settings[name]])) as Present<N>
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

/**
 * WeChat subscription messages when templates are named; none otherwise. The client is made on the first
 * send, so a half-configured WeChat fails that send (logged by the caller), not the host's start.
 */
export function notifierFrom(settings: SettingValues, client: () => WechatClient | null): Notifier {
  const templates = settings.WECHAT_SUBSCRIBE_TEMPLATES
  if (Object.keys(templates).length === 0) return noPush
  let driver: Notifier | null = null
  return {
    templateFor: (kind) => templates[kind] ?? null,
    async send(message) {
      if (!driver) {
        const made = client()
        if (!made) throw new Error('WECHAT_SUBSCRIBE_TEMPLATES is set but WECHAT_APPID / WECHAT_SECRET are not')
        driver = createWechatSubscribe({ client: made, templates })
      }
      await driver.send(message)
    },
  }
}
