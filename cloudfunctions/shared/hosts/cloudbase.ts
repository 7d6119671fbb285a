import type { FunctionContract } from '../contracts/common'
import type { Deps } from '../core/deps'
import { createMain, type CloudFunctionMain, type FunctionDefinition } from '../core/handler'
import { createJobMain, type JobDefinition, type JobReply } from '../core/job'
import { createLogger } from '../core/logger'
import { createAccountCallers, parseModeratorIds } from '../domain/accounts/account-callers'
import { createCloudbaseFiles } from '../drivers/cloudbase/cloudbase-files'
import { createCloudbaseStore, initCloudbaseApp, type CloudbaseApp } from '../drivers/cloudbase/cloudbase-store'
import { localContentRulesFromEnv } from '../drivers/local/local-content-rules'
import { createWechatApi } from '../drivers/wechat/wechat-api'
import { createWechatContentCheck } from '../drivers/wechat/wechat-content-check'
import {
  alipayApiFromEnv,
  envValue,
  refusingAlipay,
  refusingSms,
  refusingWechat,
  humanCheckFromEnv,
  secretsFromEnv,
  SECRETS_ENV,
  limitsFromEnv,
  tencentSmsFromEnv,
  wechatClientFromEnv,
  type Env,
} from '../drivers/platform-env'
import { systemClock } from '../ports/clock'
import { LIMIT_SETTINGS, type Limits } from '../core/limits'
import type { ContentChecker } from '../ports/content-checker'
import { noDeletionLog } from '../ports/deletion-log'
import type { HumanCheck } from '../ports/human-check'
import type { AlipayApi, WechatApi } from '../ports/platform-identity'
import type { Secrets } from '../ports/secrets'
import type { SmsSender } from '../ports/sms-sender'

/**
 * The CloudBase composition root shared by every deployed function: the only place that picks the
 * CloudBase drivers. Deps are built on the first invocation, not at load, so a cold start does no SDK
 * set-up before a request needs it, and are then kept for the instance's warm invocations. Keeping the
 * SDK app is safe: it reads the runtime's temporary credentials from the environment on every request
 * rather than fixing them at init, so their rotation does not strand a warm instance.
 */
export function createCloudbaseMain<C extends FunctionContract>(definition: FunctionDefinition<C>): CloudFunctionMain {
  let deps: Deps | undefined
  const getDeps = (): Deps => (deps ??= createCloudbaseDeps(process.env))
  return createMain(definition, getDeps)
}

/** A job's function: the same deps, built on first use, started only by its own timer trigger. */
export function createCloudbaseJobMain(job: JobDefinition): (event: unknown) => Promise<JobReply> {
  let deps: Deps | undefined
  return createJobMain(job, () => (deps ??= createCloudbaseDeps(process.env)))
}

/**
 * Deps from the function's environment variables (cloudbaserc.json `envVariables`).
 *
 * Building them never throws: `createMain` calls this outside its error handling, so a throw here would
 * fail the invocation without an envelope or a log line. Configuration is therefore read when a port
 * is first used, inside an action, where a missing or malformed variable becomes a logged INTERNAL
 * error that names it. An action that needs none of it (the public feed) keeps working meanwhile.
 */
export function createCloudbaseDeps(env: Env, app: CloudbaseApp = initCloudbaseApp()): Deps {
  const store = createCloudbaseStore(app)
  const secrets = deferredSecrets(() => secretsFromEnv(env))
  const logger = createLogger()
  const wechatClient = once(() => wechatClientFromEnv(env))
  const localRules = localContentRulesFromEnv(env)
  return {
    store,
    clock: systemClock,
    logger,
    callers: createAccountCallers({
      store,
      clock: systemClock,
      secrets,
      moderatorUserIds: parseModeratorIds(envValue(env, 'MODERATOR_USER_IDS')),
    }),
    secrets,
    sms: deferredSms(once(() => tencentSmsFromEnv(env) ?? refusingSms)),
    humanCheck: deferredHumanCheck(once(() => humanCheckFromEnv(env, { key: secrets.sessionKey, clock: systemClock }))),
    limits: deferredLimits(once(() => limitsFromEnv(env))),
    wechat: deferredWechat(
      once(() => {
        const client = wechatClient()
        return client ? createWechatApi(client) : refusingWechat
      }),
    ),
    alipay: deferredAlipay(once(() => alipayApiFromEnv(env) ?? refusingAlipay)),
    files: createCloudbaseFiles(app),
    // WeChat's msgSecCheck for WeChat authors when the app is configured; the word list otherwise, and
    // for authors on Alipay and H5, whom WeChat cannot check.
    content: deferredContent(
      once(() => {
        const client = wechatClient()
        return client ? createWechatContentCheck({ client, fallback: localRules, logger }) : localRules
      }),
    ),
    deletionLog: noDeletionLog,
  }
}

/**
 * Made on first use and kept (the WeChat driver caches its access token); a failure is retried next time.
 * The wrappers below are async so a configuration error surfaces as a rejection, like any other failure.
 */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined
  return () => (made ??= { value: make() }).value
}

/** Secrets are mandatory on CloudBase: there is no disk to generate and keep them on, as the server does. */
function deferredSecrets(load: () => Secrets | null): Secrets {
  const get = once(() => {
    const secrets = load()
    if (!secrets) {
      throw new Error(
        `${SECRETS_ENV.join(', ')} are not set: add them to this function's envVariables in cloudbaserc.json ` +
          '(values from .env.local) and deploy again',
      )
    }
    return secrets
  })
  return {
    get sessionKey() {
      return get().sessionKey
    },
    get phoneEncryptionKey() {
      return get().phoneEncryptionKey
    },
    get phoneHashKey() {
      return get().phoneHashKey
    },
  }
}

function deferredSms(get: () => SmsSender): SmsSender {
  return {
    delivery: 'sms',
    sendVerificationCode: async (phone, code, ttlMinutes) => get().sendVerificationCode(phone, code, ttlMinutes),
  }
}

function deferredHumanCheck(get: () => HumanCheck): HumanCheck {
  return {
    challenge: async () => get().challenge(),
    verify: async (token) => get().verify(token),
  }
}

/** Read when a limit is first needed, so a malformed value fails that action with a logged error. */
function deferredLimits(get: () => Limits): Limits {
  const limits = {} as Limits
  for (const key of Object.keys(LIMIT_SETTINGS) as Array<keyof Limits>) {
    Object.defineProperty(limits, key, { enumerable: true, get: () => get()[key] })
  }
  return limits
}

function deferredWechat(get: () => WechatApi): WechatApi {
  return {
    openIdFromLoginCode: async (loginCode) => get().openIdFromLoginCode(loginCode),
    phoneFromCode: async (phoneCode, openId) => get().phoneFromCode(phoneCode, openId),
  }
}

function deferredContent(get: () => ContentChecker): ContentChecker {
  return { check: async (request) => get().check(request) }
}

function deferredAlipay(get: () => AlipayApi): AlipayApi {
  return {
    userIdFromAuthCode: async (authCode) => get().userIdFromAuthCode(authCode),
    phoneFromResponse: async (response) => get().phoneFromResponse(response),
  }
}
