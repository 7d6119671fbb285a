import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Deps } from '@shared/core/deps'
import type { HttpResult } from '@shared/core/handler'
import { handleWechatPush, type PushHttpEvent } from '@shared/hosts/wechat-push'
import { DEFAULT_LIMITS, type Limits } from '@shared/core/limits'
import { silentLogger, type Logger } from '@shared/core/logger'
import { createAccountCallers } from '@shared/domain/accounts/account-callers'
import { recordInitialPublications } from '@shared/domain/accounts'
import { createAltchaCheck, noHumanCheck } from '@shared/drivers/altcha/altcha-check'
import { createIp2RegionLookup } from '@shared/drivers/ip2region/ip2region-lookup'
import { createLocalContentRules } from '@shared/drivers/local/local-content-rules'
import { createLocalImageCheck } from '@shared/drivers/local/local-image-check'
import { createDeletionLogFile } from '@shared/drivers/local/deletion-log-file'
import { createLocalFileStorage } from '@shared/drivers/local/local-files'
import { createSmsOutbox } from '@shared/drivers/local/sms-outbox'
import { openSqliteStore, type SqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { createMains } from '@shared/functions'
import type { FunctionName } from '@shared/contracts'
import type { ContentChecker } from '@shared/ports/content-checker'
import type { HumanCheck } from '@shared/ports/human-check'
import type { ImageChecker } from '@shared/ports/image-checker'
import type { IpRegion } from '@shared/ports/ip-region'
import type { Secrets } from '@shared/ports/secrets'
import { noPush, type Notifier } from '@shared/ports/notifier'
import { dispatchApi } from '../../server/api-router'
import { seedIfEmpty } from '../../server/seed/seed'
import { FakeAlipay, FakeWechat } from './fake-platforms'

/** A clock tests can move. */
export interface TestClock {
  now(): number
  set(ms: number): void
  advance(ms: number): void
}

/**
 * Starts at noon China time on the day the newest policy version was published: the ledger refuses a
 * consent dated before its version existed, so a clock behind it could not log anyone in.
 */
export function testClock(start = Date.UTC(2026, 11, 2, 4, 0, 0)): TestClock {
  let current = start
  return {
    now: () => current,
    set: (ms) => {
      current = ms
    },
    advance: (ms) => {
      current += ms
    },
  }
}

/** Fixed keys, so a test can recompute a phone hash; never used outside tests. */
export const TEST_SECRETS: Secrets = {
  sessionKey: Buffer.alloc(32, 1),
  phoneEncryptionKey: Buffer.alloc(32, 2),
  phoneHashKey: Buffer.alloc(32, 3),
}

/**
 * Budgets for stories that log in many members from one address and are not about the budgets; the
 * stories that are set their own (test/cloudfunctions/functions/auth/sms-abuse.test.ts).
 */
export const ROOMY_LIMITS: Limits = {
  ...DEFAULT_LIMITS,
  smsSendsPerClientPerHour: 10_000,
  smsSendsPerDay: 100_000,
  smsWrongCodesPerClientPerHour: 10_000,
}

/**
 * The real back end in-process: a real SQLite file in a temp folder, the real `main` of every function,
 * the real account sessions, the demo seed. Fakes stop at the network edge: the SMS outbox stands in for
 * the SMS provider, `wechat` / `alipay` for the platforms (test/support/fake-platforms.ts), and callers
 * of this stand in for the transport only.
 */
export async function createEmbeddedBackend(
  opts: {
    seed?: boolean
    clock?: TestClock
    moderatorUserIds?: string[]
    content?: ContentChecker
    /** The local rule by default: a poster's images wait for a moderator until a listing of theirs is approved. */
    imageCheck?: ImageChecker
    /** No human check unless a story asks for one (SMS_CAPTCHA=off); `pow` is the default driver's. */
    humanCheck?: HumanCheck | 'pow'
    limits?: Partial<Limits>
    logger?: Logger
    /** Subscription messages; none unless a story gives a notifier. */
    notifier?: Notifier
    /** IP属地 lookup; the real offline database by default. */
    ipRegion?: IpRegion
    /** WECHAT_PUSH_TOKEN: what `wechatPush` checks signatures with (unset: pushes are refused as unconfigured). */
    pushToken?: string
    /** PUBLIC_URL: the origin in front of stored-file URLs ('' = same origin, `/files/…`). */
    publicUrl?: string
  } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'zhineng-test-'))
  const storeFile = join(dir, 'store.sqlite')
  const filesDir = join(dir, 'files')
  const deletionLogFile = join(dir, 'deletion-log.jsonl')
  const store: SqliteStore = openSqliteStore(storeFile)
  const clock = opts.clock ?? testClock()
  const outbox = createSmsOutbox({ clock, logger: opts.logger })
  const wechat = new FakeWechat()
  const alipay = new FakeAlipay()
  const files = createLocalFileStorage(filesDir, opts.publicUrl ?? '')
  const deps: Deps = {
    store,
    clock,
    logger: opts.logger ?? silentLogger,
    secrets: TEST_SECRETS,
    callers: createAccountCallers({ store, clock, secrets: TEST_SECRETS, moderatorUserIds: opts.moderatorUserIds }),
    sms: outbox,
    humanCheck:
      opts.humanCheck === 'pow'
        ? createAltchaCheck({ key: TEST_SECRETS.sessionKey, clock })
        : (opts.humanCheck ?? noHumanCheck),
    limits: { ...ROOMY_LIMITS, ...opts.limits },
    wechat,
    alipay,
    files,
    content: opts.content ?? createLocalContentRules(),
    imageCheck: opts.imageCheck ?? createLocalImageCheck(),
    deletionLog: createDeletionLogFile(deletionLogFile),
    notifier: opts.notifier ?? noPush,
    ipRegion: opts.ipRegion ?? createIp2RegionLookup(),
  }
  const mains = createMains(() => deps)
  if (opts.seed !== false) await seedIfEmpty(store, clock.now())
  // As the server does at every start: the policy versions in force until an admin publishes another.
  await recordInitialPublications(deps)

  return {
    store,
    /** The SQLite file itself, e.g. to prove what is not in it. */
    storeFile,
    filesDir,
    files,
    /** The purge's deletion log (ports/deletion-log.ts) as a file, as the server keeps it. */
    deletionLogFile,
    clock,
    deps,
    mains,
    /** Every SMS the back end "sent", newest first. */
    outbox,
    wechat,
    alipay,
    /** What the self-hosted server does with `POST /api/<fn>`. */
    async callHttp(functionName: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
      return dispatchApi(mains, functionName, {
        httpMethod: 'POST',
        path: `/api/${functionName}`,
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        isBase64Encoded: false,
      })
    },
    /**
     * WeChat's message push as both hosts hand it over (the server's `/wechat/push`, the `wechat-push`
     * function's HTTP access): the same handler, with this backend's deps and push token.
     */
    async wechatPush(event: PushHttpEvent | unknown): Promise<HttpResult> {
      return handleWechatPush(deps, opts.pushToken, event)
    },
    /** What CloudBase does with `wx.cloud.callFunction({ name, data })`: `userInfo` comes from the platform. */
    async callFunction(name: FunctionName, data: unknown, userInfo?: { openId: string; appId?: string }) {
      const event = { ...(data as Record<string, unknown>), ...(userInfo ? { userInfo } : {}) }
      return mains[name](event, { request_id: 'test' })
    },
    async dispose() {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type EmbeddedBackend = Awaited<ReturnType<typeof createEmbeddedBackend>>
