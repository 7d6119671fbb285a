import type { FunctionContract } from '../contracts/common'
import type { Deps } from '../core/deps'
import { createMain, type CloudFunctionMain, type FunctionDefinition, type HttpResult } from '../core/handler'
import { createJobMain, type JobDefinition, type JobReply } from '../core/job'
import { WECHAT_PUSH_FUNCTION } from '../core/push-entry'
import { createLogger, errorFields } from '../core/logger'
import { createAccountCallers } from '../domain/accounts/account-callers'
import { cloudbaseCallContext } from '../drivers/cloudbase/cloudbase-context'
import { createCloudbaseFiles } from '../drivers/cloudbase/cloudbase-files'
import { createCloudbaseStore, initCloudbaseApp, type CloudbaseApp } from '../drivers/cloudbase/cloudbase-store'
import { createIp2RegionLookup } from '../drivers/ip2region/ip2region-lookup'
import { localContentRulesFromEnv } from '../drivers/local/local-content-rules'
import { createWechatApi } from '../drivers/wechat/wechat-api'
import { createWechatContentCheck } from '../drivers/wechat/wechat-content-check'
import {
  alipayApiFrom,
  refusingAlipay,
  refusingSms,
  refusingWechat,
  humanCheckFrom,
  imageCheckFrom,
  secretsFrom,
  SECRETS_ENV,
  tencentSmsFrom,
  notifierFrom,
  wechatClientFrom,
  type Env,
} from '../drivers/platform-env'
import { systemClock } from '../ports/clock'
import { limitsFrom, parseSettings, type SettingReader, type SettingValues } from '../settings'
import type { CallerResolver } from '../core/caller'
import type { ContentChecker } from '../ports/content-checker'
import { noDeletionLog } from '../ports/deletion-log'
import { unknownRegion } from '../ports/ip-region'
import type { HumanCheck } from '../ports/human-check'
import type { ImageChecker } from '../ports/image-checker'
import type { AlipayApi, WechatApi } from '../ports/platform-identity'
import type { Secrets } from '../ports/secrets'
import type { SmsSender } from '../ports/sms-sender'
import { handleWechatPush } from './wechat-push'

/**
 * The CloudBase composition root shared by every deployed function: the only place that picks the
 * CloudBase drivers. Deps are built on the first invocation, not at load, so a cold start does no SDK
 * set-up before a request needs it, and are then kept for the instance's warm invocations. Keeping the
 * SDK app is safe: it reads the runtime's temporary credentials from the environment on every request
 * rather than fixing them at init, so their rotation does not strand a warm instance.
 */
export function createCloudbaseMain<C extends FunctionContract>(definition: FunctionDefinition<C>): CloudFunctionMain {
  let deps: Deps | undefined
  const getDeps = (): Deps =>
    (deps ??= {
      ...createCloudbaseDeps(process.env, undefined, definition.name as SettingReader),
      // Only a function that posts content carries the database in its bundle (scripts/bundle-functions.ts).
      ipRegion: definition.postsContent ? createIp2RegionLookup() : unknownRegion,
    })
  const main = createMain(definition, getDeps, cloudbaseCallContext(process.env))
  const { flush } = definition
  if (!flush) return main
  // What the function tallies in memory (guest views) is written before the answer: once it is returned the
  // instance may be frozen or dropped, and anything still in memory lost.
  return async (event, context) => {
    try {
      return await main(event, context)
    } finally {
      await flush(getDeps()).catch((error: unknown) =>
        getDeps().logger.error('flush failed', { fn: definition.name, ...errorFields(error) }),
      )
    }
  }
}

/** A job's function: the same deps, built on first use, started only by its own timer trigger. */
export function createCloudbaseJobMain(job: JobDefinition): (event: unknown) => Promise<JobReply> {
  let deps: Deps | undefined
  return createJobMain(job, () => (deps ??= createCloudbaseDeps(process.env)))
}

/**
 * The `wechat-push` function: WeChat's message push through the function's HTTP access path (the same
 * handler as the server's `/wechat/push`). A bad setting answers 500 and logs the variable, like a
 * function's action would.
 */
export function createCloudbasePushMain(): (event: unknown) => Promise<HttpResult> {
  let deps: Deps | undefined
  let token: string | undefined
  let settingsError: Error | null = null
  return async (event) => {
    if (!deps) {
      try {
        token = parseSettings(process.env, WECHAT_PUSH_FUNCTION).WECHAT_PUSH_TOKEN
      } catch (error) {
        settingsError = error as Error
      }
      deps = createCloudbaseDeps(process.env, undefined, WECHAT_PUSH_FUNCTION)
    }
    if (settingsError) {
      deps.logger.error('wechat push: a setting is wrong', errorFields(settingsError))
      return { statusCode: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'error' }
    }
    return handleWechatPush(deps, token, event)
  }
}

/**
 * Deps from the function's environment variables (cloudbaserc.json `envVariables`).
 *
 * Every setting `reader` uses (every setting when none is named) is parsed here, at the cold start. A bad
 * value cannot throw: `createMain` calls this outside its error handling, so a throw would fail the
 * invocation without an envelope or a log line. It makes every call of the instance fail instead, as a
 * logged INTERNAL error whose line names the variable. What only a port's first use can tell (a credential
 * group partly set, the keys missing) is found there, inside an action, logged the same way; an action
 * that needs none of it (the public feed) keeps working meanwhile.
 */
export function createCloudbaseDeps(env: Env, app: CloudbaseApp = initCloudbaseApp(), reader?: SettingReader): Deps {
  let settings: SettingValues
  let settingsError: Error | null = null
  try {
    settings = parseSettings(env, reader)
  } catch (error) {
    settingsError = error as Error
    settings = parseSettings({})
  }
  const store = createCloudbaseStore(app)
  const secrets = deferredSecrets(() => secretsFrom(settings))
  const logger = createLogger()
  const wechatClient = once(() => wechatClientFrom(settings))
  const localRules = localContentRulesFromEnv({
    CONTENT_BLOCKLIST: settings.CONTENT_BLOCKLIST,
    CONTENT_REVIEWLIST: settings.CONTENT_REVIEWLIST,
  })
  const callers = createAccountCallers({
    store,
    clock: systemClock,
    secrets,
    moderatorUserIds: settings.MODERATOR_USER_IDS,
  })
  return {
    store,
    clock: systemClock,
    logger,
    // Every action resolves its caller first: a bad setting fails it there, naming the variable.
    callers: settingsError ? refusingCallers(settingsError) : callers,
    secrets,
    sms: deferredSms(once(() => tencentSmsFrom(settings) ?? refusingSms)),
    humanCheck: deferredHumanCheck(
      once(() => humanCheckFrom(settings, { key: secrets.sessionKey, clock: systemClock })),
    ),
    limits: limitsFrom(settings),
    wechat: deferredWechat(
      once(() => {
        const client = wechatClient()
        return client ? createWechatApi(client) : refusingWechat
      }),
    ),
    alipay: deferredAlipay(once(() => alipayApiFrom(settings) ?? refusingAlipay)),
    files: createCloudbaseFiles(app),
    // WeChat's msgSecCheck for WeChat authors when the app is configured; the word list otherwise, and
    // for authors on Alipay and H5, whom WeChat cannot check.
    content: deferredContent(
      once(() => {
        const client = wechatClient()
        return client ? createWechatContentCheck({ client, fallback: localRules, logger }) : localRules
      }),
    ),
    // WeChat's mediaCheckAsync for WeChat uploaders when the app and the push token are configured; the
    // local rule otherwise (images of posters without an approved listing wait for a moderator).
    imageCheck: deferredImageCheck(once(() => imageCheckFrom(settings, wechatClient(), logger))),
    deletionLog: noDeletionLog,
    notifier: notifierFrom(settings, wechatClient),
    ipRegion: unknownRegion,
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

function deferredWechat(get: () => WechatApi): WechatApi {
  return {
    openIdFromLoginCode: async (loginCode) => get().openIdFromLoginCode(loginCode),
    phoneFromCode: async (phoneCode, openId) => get().phoneFromCode(phoneCode, openId),
  }
}

function deferredContent(get: () => ContentChecker): ContentChecker {
  return { check: async (request) => get().check(request) }
}

function deferredImageCheck(get: () => ImageChecker): ImageChecker {
  return { submit: async (request) => get().submit(request) }
}

function deferredAlipay(get: () => AlipayApi): AlipayApi {
  return {
    userIdFromAuthCode: async (authCode) => get().userIdFromAuthCode(authCode),
    phoneFromResponse: async (response) => get().phoneFromResponse(response),
  }
}

function refusingCallers(error: Error): CallerResolver {
  return {
    resolve: async () => {
      throw error
    },
  }
}
