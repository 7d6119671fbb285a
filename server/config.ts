import { resolve } from 'node:path'
import { parseSettings, SettingError, type Env, type SettingValues } from '@shared/settings'
import { isLoopbackHost, parseTrustProxy, type ProxyTrust } from './client-address'

/** Everything the self-hosted server reads from the environment, with its defaults. */
export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  h5Dir: string
  seed: boolean
  logLevel: 'debug' | 'info' | 'warn' | 'error'
  /**
   * demo: SMS codes go to the dev outbox (`GET /dev/sms-outbox` and the log) instead of phones.
   * production: a real SMS provider is required and no developer shortcut exists.
   */
  appMode: 'demo' | 'production'
  /** User ids with moderator rights. */
  moderatorUserIds: string[]
  /** Origin prefixed to stored-file URLs (avatars) for clients not served from this origin; '' = same origin. */
  publicUrl: string
  /** Proxies whose X-Forwarded-For names the client (TRUST_PROXY); none by default. */
  trustProxy: ProxyTrust
  /** ALLOW_DEMO_ON_NETWORK=1: demo mode may bind a non-loopback address. */
  allowDemoOnNetwork: boolean
  /** TLS_CERT_FILE / TLS_KEY_FILE (and HTTP_REDIRECT_PORT): the server speaks HTTPS itself; null = plain HTTP. */
  tls: TlsConfig | null
  /** METRICS_TOKEN: a bearer token that opens `GET /metrics` to callers off this machine; null = loopback only. */
  metricsToken: string | null
  /** CORS_ORIGINS: origins whose pages may call the API from a browser; none by default. */
  corsOrigins: string[]
  /** How long a client may take over a request and how long an idle connection stays (HTTP_*_TIMEOUT_SECONDS). */
  httpTimeouts: HttpTimeouts
  /** Every setting, parsed: what the deps are built from (platform drivers, limits, keys). */
  settings: SettingValues
}

/** In milliseconds, as node:http takes them. */
export interface HttpTimeouts {
  /** The headers of a request must have arrived by then. */
  headersMs: number
  /** The whole request, body included, must have arrived by then. */
  requestMs: number
  /** An idle connection is closed this long after its last answer. */
  keepAliveMs: number
}

export interface TlsConfig {
  certFile: string
  keyFile: string
  /** A plain-HTTP port whose every answer redirects to the HTTPS URL; null = none. */
  redirectPort: number | null
}

export class ConfigError extends Error {}

/**
 * The server's settings, parsed once (`parseSettings`, every variable the server reads: a bad value is
 * one ConfigError line naming it), plus what no single variable can say: TLS needs both files, and
 * production off loopback needs TLS or a proxy.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const settings = serverSettings(env)
  const trustProxy = parseTrustProxy(settings.TRUST_PROXY.join(','))
  const tls = readTls(settings, cwd)
  const host = settings.HOST
  const appMode = settings.APP_MODE
  // Behind no TLS at all, phone numbers, codes and session tokens would cross the network in clear text.
  if (appMode === 'production' && !isLoopbackHost(host) && !tls && settings.TRUST_PROXY.length === 0) {
    throw new ConfigError(
      `生产模式在网络地址上（HOST=${host}）必须使用 HTTPS：请设置 TLS_CERT_FILE 和 TLS_KEY_FILE，` +
        '或由反向代理终止 TLS 并设置 TRUST_PROXY=代理地址',
    )
  }
  return {
    port: settings.PORT,
    host,
    dataDir: resolve(cwd, settings.DATA_DIR),
    h5Dir: resolve(cwd, settings.H5_DIR),
    seed: settings.SEED,
    logLevel: settings.LOG_LEVEL,
    appMode,
    moderatorUserIds: settings.MODERATOR_USER_IDS,
    publicUrl: settings.PUBLIC_URL,
    trustProxy,
    allowDemoOnNetwork: settings.ALLOW_DEMO_ON_NETWORK,
    tls,
    metricsToken: settings.METRICS_TOKEN ?? null,
    corsOrigins: settings.CORS_ORIGINS,
    httpTimeouts: httpTimeoutsFrom(settings),
    settings,
  }
}

/** The timeouts out of the settings; the headers' cannot be longer than the whole request's (node:http refuses). */
export function httpTimeoutsFrom(settings: SettingValues): HttpTimeouts {
  const headers = settings.HTTP_HEADERS_TIMEOUT_SECONDS
  const request = settings.HTTP_REQUEST_TIMEOUT_SECONDS
  if (headers > request) {
    throw new ConfigError(
      `HTTP_HEADERS_TIMEOUT_SECONDS（${headers}）不能大于 HTTP_REQUEST_TIMEOUT_SECONDS（${request}）：请求头是整个请求的一部分`,
    )
  }
  return {
    headersMs: headers * 1000,
    requestMs: request * 1000,
    keepAliveMs: settings.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
  }
}

/** Every setting the server reads, or a ConfigError naming the first bad one. */
export function serverSettings(env: Env): SettingValues {
  try {
    return parseSettings(env, 'server')
  } catch (error) {
    if (error instanceof SettingError) throw new ConfigError(error.message)
    throw error
  }
}

function readTls(settings: SettingValues, cwd: string): TlsConfig | null {
  const cert = settings.TLS_CERT_FILE
  const key = settings.TLS_KEY_FILE
  const redirect = settings.HTTP_REDIRECT_PORT
  if (!cert && !key) {
    if (redirect !== undefined)
      throw new ConfigError('HTTP_REDIRECT_PORT 只在启用 HTTPS 时有效：请同时设置 TLS_CERT_FILE 和 TLS_KEY_FILE')
    return null
  }
  if (!cert || !key)
    throw new ConfigError(
      `请同时设置 TLS_CERT_FILE 和 TLS_KEY_FILE（当前只设置了 ${cert ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE'}）`,
    )
  return { certFile: resolve(cwd, cert), keyFile: resolve(cwd, key), redirectPort: redirect ?? null }
}
