import { randomUUID } from 'node:crypto'
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { join } from 'node:path'
import { Collections } from '@shared/collections'
import type { ListingSummary } from '@shared/contracts'
import { ErrorCode } from '@shared/contracts/common'
import type { Deps } from '@shared/core/deps'
import { errorResult, MAX_BODY_BYTES, type HttpResult } from '@shared/core/handler'
import { batchedWriter, createLogger, errorFields, type Logger } from '@shared/core/logger'
import { createAccountCallers } from '@shared/domain/accounts/account-callers'
import { WECHAT_PUSH_PATH } from '@shared/core/push-entry'
import { handleWechatPush } from '@shared/hosts/wechat-push'
import { createIp2RegionLookup } from '@shared/drivers/ip2region/ip2region-lookup'
import { createWechatApi } from '@shared/drivers/wechat/wechat-api'
import { localContentRulesFromEnv } from '@shared/drivers/local/local-content-rules'
import { createDeletionLogFile } from '@shared/drivers/local/deletion-log-file'
import { createLocalFileStorage, type LocalFileStorage } from '@shared/drivers/local/local-files'
import { createSmsOutbox, type SmsOutbox } from '@shared/drivers/local/sms-outbox'
import {
  alipayApiFrom,
  humanCheckFrom,
  imageCheckFrom,
  refusingAlipay,
  refusingWechat,
  tencentSmsFrom,
  TENCENT_SMS_ENV,
  notifierFrom,
  wechatClientFrom,
  type Env,
} from '@shared/drivers/platform-env'
import { limitsFrom, type SettingValues } from '@shared/settings'
import { openSqliteStore, type SqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { createMains, flushFunctions, functionDefinitions } from '@shared/functions'
import type { JobDefinition } from '@shared/core/job'
import { jobDefinitions } from '@shared/jobs'
import { systemClock, type Clock } from '@shared/ports/clock'
import type { DeletionLog } from '@shared/ports/deletion-log'
import { dispatchApi } from './api-router'
import { clientAddress, FORWARDING_HEADERS, isLocalDeveloper, isLoopbackHost, parseTrustProxy } from './client-address'
import { readBackupConfig } from './backup-config'
import { ConfigError, httpTimeoutsFrom, serverSettings, type HttpTimeouts, type ServerConfig } from './config'
import { createServerMetrics, healthResult, metricsResult } from './metrics'
import { loadSecrets } from './secrets'
import { indexMissingSearchTerms, seedIfEmpty } from './seed/seed'
import { recordInitialPublications } from '@shared/domain/accounts'
import { scheduleJobs } from './scheduler'
import { createApiCors } from './cors'
import { createFeedCache } from './feed-cache'
import { firstScreenParts, firstScreenStylesheets } from './first-screen'
import { COMMON_HEADERS } from './security-headers'
import { serveFile, serveStatic } from './static-files'
import { createRedirectServer, HSTS, readTlsFiles } from './tls'

/**
 * The self-hosted host: a composition root that wires the embedded drivers (SQLite file, system clock,
 * JSON-line logger) into the same function `main`s CloudBase runs, mounts each at `POST /api/<name>`,
 * and serves the H5 build.
 */
export interface RunningServer {
  url: string
  store: SqliteStore
  /** The dev SMS outbox in demo mode; null in production mode. */
  outbox: SmsOutbox | null
  close(): Promise<void>
  /** HTTPS only: reads TLS_CERT_FILE / TLS_KEY_FILE again (SIGHUP); a failure is logged and the old pair kept. */
  reloadTls(): boolean
  /** The plain-HTTP redirect listener's URL (HTTP_REDIRECT_PORT); null when there is none. */
  redirectUrl: string | null
}

type OptionalConfig =
  | 'appMode'
  | 'moderatorUserIds'
  | 'publicUrl'
  | 'trustProxy'
  | 'allowDemoOnNetwork'
  | 'tls'
  | 'metricsToken'
  | 'settings'
  | 'httpTimeouts'
  | 'corsOrigins'

export interface StartOptions extends Omit<ServerConfig, OptionalConfig>, Partial<Pick<ServerConfig, OptionalConfig>> {
  logger?: Logger
  clock?: Clock
  /** Where the settings are parsed from when `settings` is not given; process.env by default. */
  env?: Env
  /** Replaces a platform driver (tests: a fake SMS provider for production mode). */
  drivers?: Partial<Pick<Deps, 'sms' | 'wechat' | 'alipay' | 'content' | 'humanCheck' | 'imageCheck' | 'notifier'>>
  /** The jobs to run on their schedules; every job by default. */
  jobs?: JobDefinition[]
  /**
   * Whether the H5 page carries its first screen (first-screen.ts); true by default. Off only for a build
   * of the app from before it could take that screen down (the paint benchmark's `--against`).
   */
  firstScreen?: boolean
}

export const STORE_FILE = 'zhineng.sqlite'
/** How often the server writes out what the functions tally in memory (guest views). */
export const FLUSH_INTERVAL_MS = 60_000
export const FILES_DIR = 'files'

/** The back end without the HTTP part: the store and the deps every function and job runs with. */
export interface Backend {
  store: SqliteStore
  deps: Deps
  /** The dev SMS outbox in demo mode; null in production mode. */
  outbox: SmsOutbox | null
  files: LocalFileStorage
  /** The parsed settings the deps were built from. */
  settings: SettingValues
}

type BackendOptions = Pick<
  StartOptions,
  'dataDir' | 'seed' | 'appMode' | 'moderatorUserIds' | 'publicUrl' | 'drivers' | 'settings'
> & {
  logger: Logger
  clock: Clock
  env: Env
  /** Where the purge notes purged members; the file DELETION_LOG_FILE names by default (server/backup-config.ts). */
  deletionLog?: DeletionLog
}

/**
 * Opens the SQLite file in DATA_DIR and wires the embedded drivers: what `startServer` serves and what
 * `npm run job` runs a job against. A bad setting stops here with one clear line (ConfigError).
 */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  const { logger, clock } = options
  const settings = options.settings ?? serverSettings(options.env)
  const appMode = options.appMode ?? 'demo'
  const store = openStore(options.dataDir)
  const files = createLocalFileStorage(join(options.dataDir, FILES_DIR), options.publicUrl ?? '')
  try {
    const { secrets, source } = loadSecrets(options.dataDir, settings)
    if (source === 'generated') logger.info('generated secrets', { dataDir: options.dataDir })
    const outbox = appMode === 'demo' ? createSmsOutbox({ clock, logger }) : null
    // One client, one access token, for WeChat login and WeChat's image check.
    const wechatClient = configured(() => wechatClientFrom(settings))
    if (wechatClient && settings.WECHAT_PUSH_TOKEN && !/^https:\/\//.test(options.publicUrl ?? '')) {
      throw new ConfigError(
        '微信图片检测（WECHAT_PUSH_TOKEN）需要微信能下载上传的图片：请把 PUBLIC_URL 设为本服务对外的 https:// 地址',
      )
    }
    const deps: Deps = {
      store,
      clock,
      logger,
      secrets,
      callers: createAccountCallers({ store, clock, secrets, moderatorUserIds: options.moderatorUserIds }),
      sms: options.drivers?.sms ?? outbox ?? productionSms(settings),
      humanCheck: options.drivers?.humanCheck ?? humanCheckFrom(settings, { key: secrets.sessionKey, clock }),
      limits: limitsFrom(settings),
      wechat: options.drivers?.wechat ?? (wechatClient ? createWechatApi(wechatClient) : refusingWechat),
      alipay: options.drivers?.alipay ?? configured(() => alipayApiFrom(settings)) ?? refusingAlipay,
      files,
      // The word list (CONTENT_BLOCKLIST / CONTENT_REVIEWLIST add to it): WeChat's check needs the OPENID of
      // an author active in WeChat, which the self-hosted server's H5 and Alipay authors never have.
      content:
        options.drivers?.content ??
        localContentRulesFromEnv({
          CONTENT_BLOCKLIST: settings.CONTENT_BLOCKLIST,
          CONTENT_REVIEWLIST: settings.CONTENT_REVIEWLIST,
        }),
      // WeChat's mediaCheckAsync for uploads from the WeChat app when WECHAT_PUSH_TOKEN is set (its verdicts
      // arrive at /wechat/push); the local rule otherwise: a newcomer's images wait for a moderator.
      imageCheck: options.drivers?.imageCheck ?? imageCheckFrom(settings, wechatClient, logger),
      deletionLog:
        options.deletionLog ?? createDeletionLogFile(readBackupConfig(options.env, options.dataDir).deletionLogFile),
      notifier: options.drivers?.notifier ?? notifierFrom(settings, () => wechatClient),
      ipRegion: createIp2RegionLookup(),
    }
    if (options.seed) {
      const seeded = await seedIfEmpty(store, clock.now())
      if (seeded.seeded) logger.info('seeded demo data', { listings: seeded.listings })
    }
    const indexed = await indexMissingSearchTerms(store)
    if (indexed > 0) logger.info('indexed listings for keyword search', { listings: indexed })
    // The policy versions in force when no admin has published one yet (domain/accounts/policy-publications.ts).
    const published = await recordInitialPublications(deps)
    if (published > 0) logger.info('recorded the initial policy publications', { documents: published })
    return { store, deps, outbox, files, settings }
  } catch (error) {
    store.close()
    throw error
  }
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(batchedWriter(), options.logLevel)
  const clock = options.clock ?? systemClock
  const env = options.env ?? process.env
  const appMode = options.appMode ?? 'demo'
  const proxies = options.trustProxy ?? parseTrustProxy(undefined)
  if (appMode === 'demo' && !isLoopbackHost(options.host) && !options.allowDemoOnNetwork) {
    throw new ConfigError(
      `演示模式不会发送短信、验证码只在本机可读，不应开放到网络（HOST=${options.host}）：` +
        '请用 APP_MODE=production，或确认只供测试后设置 ALLOW_DEMO_ON_NETWORK=1',
    )
  }
  const tlsFiles = options.tls ? readTlsFiles(options.tls) : null
  const jobs = options.jobs ?? Object.values(jobDefinitions)
  const metrics = createServerMetrics(
    logger,
    jobs.map((job) => job.name),
    () => clock.now(),
  )
  const { store, deps, outbox, files, settings } = await openBackend({ ...options, logger: metrics.logger, clock, env })
  metrics.watchStore(store, join(options.dataDir, STORE_FILE))
  deps.sms = metrics.countSms(deps.sms)
  if (outbox) logger.info('demo mode: SMS codes are not sent, read them at GET /dev/sms-outbox or in this log')
  const mains = createMains(() => deps)
  // Guests' feed and search answers, kept until a listing or category changes (feed-cache.ts).
  // SQLite's data_version moves when another connection (another process) commits to the file.
  const dataVersion = store.db.prepare('PRAGMA data_version').pluck()
  let seenVersion = dataVersion.get()
  const feedCache = createFeedCache({
    now: () => clock.now(),
    logger: metrics.logger,
    changedElsewhere: () => {
      const version = dataVersion.get()
      if (version === seenVersion) return false
      seenVersion = version
      return true
    },
  })
  mains.listings = feedCache.wrap(mains.listings)
  store.onChange((collection) => {
    if (collection === Collections.listings || collection === Collections.categories) feedCache.invalidate()
  })
  if (!existsSync(join(options.h5Dir, 'index.html'))) {
    logger.warn('H5 build not found: only the API is served', { h5Dir: options.h5Dir })
  }

  const pageOptions = {
    imageOrigins: options.publicUrl ? [options.publicUrl] : [],
    meta: { 'icp-beian': settings.ICP_BEIAN },
  }
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (tlsFiles) res.setHeader('strict-transport-security', HSTS)
    for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value)
    const started = clock.now()
    const requestId = randomUUID()
    res.on('finish', () =>
      logger.info('http', {
        requestId,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
        status: res.statusCode,
        ms: clock.now() - started,
      }),
    )
    route(req, res, requestId).catch((error: unknown) => {
      // A client that hung up mid-request is no fault of ours: noted, not an error.
      if (clientAborted(req, error)) {
        return logger.info('client aborted', { requestId, method: req.method, path: (req.url ?? '').split('?')[0] })
      }
      logger.error('request failed', { requestId, ...errorFields(error) })
      if (!res.headersSent) send(res, errorResult(ErrorCode.Internal))
      else res.destroy()
    })
  }
  const timeouts = options.httpTimeouts ?? httpTimeoutsFrom(options.settings ?? serverSettings(env))
  const server = tlsFiles
    ? createHttpsServer({ ...tlsFiles, ...slowClientLimits(timeouts), handshakeTimeout: timeouts.headersMs }, handle)
    : createServer(slowClientLimits(timeouts), handle)
  server.keepAliveTimeout = timeouts.keepAliveMs

  const cors = createApiCors(options.corsOrigins ?? [])

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const api = /^\/api\/([A-Za-z0-9_-]+)\/?$/.exec(url.pathname)
    if (api) {
      const corsHeaders = cors.answerHeaders(req)
      const preflight = req.method === 'OPTIONS' ? cors.preflight(req) : null
      if (preflight) return send(res, { statusCode: 204, headers: preflight, body: '' })
      if (req.method !== 'POST') {
        const refused = errorResult(ErrorCode.MalformedRequest, '仅支持 POST 请求')
        return send(res, { ...refused, statusCode: 405 }, { allow: 'POST', ...corsHeaders })
      }
      const body = await readBody(req, bodyLimit(api[1]))
      if (body === null)
        return send(res, errorResult(ErrorCode.PayloadTooLarge), { connection: 'close', ...corsHeaders })
      const result = await dispatchApi(mains, api[1], {
        httpMethod: 'POST',
        path: url.pathname,
        headers: trustedHeaders(req, clientAddress(req, proxies)),
        body,
        isBase64Encoded: false,
        requestContext: { requestId },
      })
      return send(res, result, corsHeaders)
    }
    if (url.pathname.startsWith('/api/')) return send(res, errorResult(ErrorCode.UnknownFunction))
    // `/%`, `/%zz`: no file has such a name, and decoding it would throw.
    if (!decodable(url.pathname)) return send(res, badPath())
    if (url.pathname === WECHAT_PUSH_PATH) {
      const body = await readBody(req, MAX_BODY_BYTES)
      if (body === null) return send(res, errorResult(ErrorCode.PayloadTooLarge), { connection: 'close' })
      const result = await handleWechatPush(deps, settings.WECHAT_PUSH_TOKEN, {
        httpMethod: req.method ?? 'GET',
        path: url.pathname,
        queryStringParameters: Object.fromEntries(url.searchParams),
        body,
        isBase64Encoded: false,
      })
      return send(res, result)
    }
    if (url.pathname === '/healthz') return send(res, healthResult(store, metrics))
    const readOnly = req.method === 'GET' || req.method === 'HEAD'
    if (readOnly && url.pathname === '/metrics')
      return send(res, await metricsResult(req, metrics, options.metricsToken ?? null))
    if (readOnly && url.pathname.startsWith('/files/')) {
      const file = storedFile(url.pathname.slice('/files/'.length))
      if (file && serveFile(file, req, res, { immutable: true })) return
      return send(res, notFound())
    }
    // Demo mode only (in production the route does not exist at all), and only for a developer on this
    // machine: a request from elsewhere, or relayed by a proxy here, could otherwise read anyone's code.
    if (outbox && readOnly && url.pathname === '/dev/sms-outbox' && isLocalDeveloper(req)) {
      return send(res, {
        statusCode: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        body: JSON.stringify(outbox.messages()),
      })
    }
    if (readOnly && (url.pathname === '/' || url.pathname === '/index.html') && options.firstScreen !== false) {
      const firstScreen = await firstScreenOf(req, requestId)
      if (serveStatic(options.h5Dir, req, res, url.pathname, { ...pageOptions, firstScreen })) return
    }
    if (readOnly && serveStatic(options.h5Dir, req, res, url.pathname, pageOptions)) return
    send(res, notFound())
  }

  /**
   * The page's first screen: the first page of the guest feed, asked exactly as a guest's app asks it
   * (through the feed cache, so mostly without running the function); without cards when that fails.
   */
  async function firstScreenOf(req: IncomingMessage, requestId: string) {
    if (!existsSync(join(options.h5Dir, 'index.html'))) return undefined
    let listings: ListingSummary[] = []
    try {
      const result = await dispatchApi(mains, 'listings', {
        httpMethod: 'POST',
        path: '/api/listings',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'listListings', payload: { cursor: null } }),
        isBase64Encoded: false,
        requestContext: { requestId },
      })
      const answer = JSON.parse(result.body) as { ok?: boolean; data?: { items?: ListingSummary[] } }
      if (result.statusCode === 200 && answer.ok === true) listings = answer.data?.items ?? []
    } catch (error) {
      logger.warn('first screen without cards', {
        requestId,
        path: (req.url ?? '').split('?')[0],
        ...errorFields(error),
      })
    }
    return firstScreenParts(listings, firstScreenStylesheets(options.h5Dir))
  }

  function storedFile(encodedKey: string): string | null {
    try {
      return files.pathOf(decodeURIComponent(encodedKey))
    } catch {
      return null // malformed percent-encoding
    }
  }

  await listen(server, options.port, options.host)
  const port = boundPort(server, options.port)
  const redirect =
    options.tls?.redirectPort != null
      ? createRedirectServer(port, options.publicUrl ?? '', slowClientLimits(timeouts))
      : null
  if (redirect)
    await listen(redirect, options.tls!.redirectPort!, options.host, 'HTTP_REDIRECT_PORT').catch(async (error) => {
      await new Promise((closed) => server.close(closed))
      store.close()
      throw error
    })
  // Only once serving: a server that failed to start runs no jobs.
  const scheduler = scheduleJobs(jobs, deps)
  // What the functions keep in memory between calls (guest views) is written once a minute and at close.
  const flusher = setInterval(() => void flushFunctions(deps), FLUSH_INTERVAL_MS)
  flusher.unref()
  const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host
  const url = `${tlsFiles ? 'https' : 'http'}://${hostPart}:${port}`
  return {
    url,
    store,
    outbox,
    redirectUrl: redirect ? `http://${hostPart}:${boundPort(redirect, 0)}` : null,
    reloadTls() {
      if (!options.tls || !('setSecureContext' in server)) return false
      try {
        server.setSecureContext(readTlsFiles(options.tls))
        logger.info('tls reloaded', { certFile: options.tls.certFile })
        return true
      } catch (error) {
        logger.error('tls reload failed, the previous certificate stays', { ...errorFields(error) })
        return false
      }
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        redirect?.close()
        redirect?.closeIdleConnections()
        clearInterval(flusher)
        server.close(() => {
          void scheduler
            .stop()
            .then(() => flushFunctions(deps))
            .then(() => {
              store.close()
              resolveClose()
            })
        })
        server.closeIdleConnections()
      }),
  }
}

/**
 * What bounds a client that sends slowly (a request's headers, then the whole request) or not at all: when a
 * limit passes, node answers 408 and closes the connection, so a few hundred dribbling sockets cannot hold
 * the server's connections. Node looks for overdue requests on an interval (30 s by default, which would let
 * a 10 s limit last 40), hence the shorter one.
 */
export function slowClientLimits(timeouts: HttpTimeouts) {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(timeouts.headersMs / 4))),
  }
}

function openStore(dataDir: string): SqliteStore {
  try {
    mkdirSync(dataDir, { recursive: true })
    accessSync(dataDir, constants.W_OK)
    return openSqliteStore(join(dataDir, STORE_FILE))
  } catch (error) {
    const code = (error as { code?: string }).code
    throw new ConfigError(`数据目录不可写：${dataDir}（${code ?? (error as Error).message}），请设置可写的 DATA_DIR`)
  }
}

function listen(server: Server, port: number, host: string, variable = 'PORT'): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(new ConfigError(`端口 ${port} 已被占用，请用 ${variable}=其他端口 重新启动`))
      else if (error.code === 'EACCES')
        reject(new ConfigError(`没有权限监听端口 ${port}，请换一个大于 1024 的 ${variable}`))
      else if (error.code === 'EADDRNOTAVAIL') reject(new ConfigError(`无法监听地址 ${host}，请检查 HOST`))
      else reject(error)
    })
    server.listen(port, host, () => resolveListen())
  })
}

function boundPort(server: Server, fallback: number): number {
  const address = server.address()
  return typeof address === 'object' && address ? address.port : fallback
}

/** The function's own limit (auth takes an avatar); unknown functions get the default and a 404 later. */
function bodyLimit(functionName: string): number {
  return Object.prototype.hasOwnProperty.call(functionDefinitions, functionName)
    ? functionDefinitions[functionName as keyof typeof functionDefinitions].maxBodyBytes
    : MAX_BODY_BYTES
}

/** Production never falls back to the outbox: without an SMS provider there is no safe way to log in. */
function productionSms(settings: SettingValues): Deps['sms'] {
  const sms = configured(() => tencentSmsFrom(settings))
  if (!sms) {
    throw new ConfigError(
      `生产模式（APP_MODE=production）需要配置腾讯云短信：${TENCENT_SMS_ENV.join('、')}；本地体验请用 APP_MODE=demo`,
    )
  }
  return sms
}

/** A partly configured driver is a start-up error with one clear line, not a failure at the first login. */
function configured<T>(make: () => T): T {
  try {
    return make()
  } catch (error) {
    throw new ConfigError((error as Error).message)
  }
}

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname)
    return true
  } catch {
    return false
  }
}

function badPath(): HttpResult {
  return { statusCode: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '请求路径不正确' }
}

/** The client closed the connection before its request was read (or its answer sent). */
function clientAborted(req: IncomingMessage, error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'ECONNRESET' || (req.destroyed && !req.complete)
}

function notFound(): HttpResult {
  return { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '未找到该页面' }
}

/** Reads the body up to the limit; null when it is larger (the rest is not buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      req.resume()
      return resolveBody(null)
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolveBody(tooLarge ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * The request's headers for the function, with the client address this server established (see
 * client-address.ts) as X-Real-IP: whatever a client wrote into the forwarding headers is dropped, since
 * the security log and the SMS budgets must not use an address the client chose.
 */
function trustedHeaders(req: IncomingMessage, client: string | null): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined || (FORWARDING_HEADERS as readonly string[]).includes(key)) continue
    headers[key] = Array.isArray(value) ? value.join(', ') : value
  }
  if (client) headers['x-real-ip'] = client
  return headers
}

function send(res: ServerResponse, result: HttpResult, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(result.statusCode, { ...result.headers, ...extraHeaders })
  res.end(result.body)
}
