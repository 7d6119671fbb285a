import { resolve } from 'node:path'
import { parseModeratorIds } from '@shared/domain/accounts/account-callers'
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
}

export interface TlsConfig {
  certFile: string
  keyFile: string
  /** A plain-HTTP port whose every answer redirects to the HTTPS URL; null = none. */
  redirectPort: number | null
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT 必须是 0–65535 的整数，当前为 "${env.PORT}"`)
  const logLevel = (env.LOG_LEVEL ?? 'info') as ServerConfig['logLevel']
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel))
    throw new ConfigError(`LOG_LEVEL 取值无效："${env.LOG_LEVEL}"`)
  const appMode = (env.APP_MODE || 'demo') as ServerConfig['appMode']
  if (appMode !== 'demo' && appMode !== 'production')
    throw new ConfigError(`APP_MODE 只能是 demo 或 production，当前为 "${env.APP_MODE}"`)
  const publicUrl = (env.PUBLIC_URL ?? '').trim().replace(/\/+$/, '')
  if (publicUrl && !/^https?:\/\/[^/\s?#]+$/.test(publicUrl))
    throw new ConfigError(`PUBLIC_URL 必须是 http(s)://主机[:端口] 形式的地址，当前为 "${env.PUBLIC_URL}"`)
  let trustProxy: ProxyTrust
  try {
    trustProxy = parseTrustProxy(env.TRUST_PROXY)
  } catch (error) {
    throw new ConfigError((error as Error).message)
  }
  const tls = readTls(env, cwd)
  const host = env.HOST || '127.0.0.1'
  // Behind no TLS at all, phone numbers, codes and session tokens would cross the network in clear text.
  if (appMode === 'production' && !isLoopbackHost(host) && !tls && !env.TRUST_PROXY?.trim()) {
    throw new ConfigError(
      `生产模式在网络地址上（HOST=${host}）必须使用 HTTPS：请设置 TLS_CERT_FILE 和 TLS_KEY_FILE，` +
        '或由反向代理终止 TLS 并设置 TRUST_PROXY=代理地址',
    )
  }
  const metricsToken = env.METRICS_TOKEN?.trim() || null
  if (metricsToken !== null && metricsToken.length < 16)
    throw new ConfigError('METRICS_TOKEN 至少需要 16 个字符（例如 openssl rand -hex 32 的输出）')
  return {
    port,
    host,
    dataDir: resolve(cwd, env.DATA_DIR || '.data'),
    h5Dir: resolve(cwd, env.H5_DIR || 'dist/h5'),
    seed: env.SEED !== '0' && env.SEED !== 'false',
    logLevel,
    appMode,
    moderatorUserIds: parseModeratorIds(env.MODERATOR_USER_IDS),
    publicUrl,
    trustProxy,
    allowDemoOnNetwork: env.ALLOW_DEMO_ON_NETWORK === '1' || env.ALLOW_DEMO_ON_NETWORK === 'true',
    tls,
    metricsToken,
  }
}

function readTls(env: NodeJS.ProcessEnv, cwd: string): TlsConfig | null {
  const cert = env.TLS_CERT_FILE?.trim()
  const key = env.TLS_KEY_FILE?.trim()
  const redirect = env.HTTP_REDIRECT_PORT?.trim()
  if (!cert && !key) {
    if (redirect)
      throw new ConfigError('HTTP_REDIRECT_PORT 只在启用 HTTPS 时有效：请同时设置 TLS_CERT_FILE 和 TLS_KEY_FILE')
    return null
  }
  if (!cert || !key)
    throw new ConfigError(
      `请同时设置 TLS_CERT_FILE 和 TLS_KEY_FILE（当前只设置了 ${cert ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE'}）`,
    )
  let redirectPort: number | null = null
  if (redirect) {
    redirectPort = Number(redirect)
    if (!Number.isInteger(redirectPort) || redirectPort < 0 || redirectPort > 65535)
      throw new ConfigError(`HTTP_REDIRECT_PORT 必须是 0–65535 的整数，当前为 "${env.HTTP_REDIRECT_PORT}"`)
  }
  return { certFile: resolve(cwd, cert), keyFile: resolve(cwd, key), redirectPort }
}
