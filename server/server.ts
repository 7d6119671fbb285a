import { randomUUID } from 'node:crypto'
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import { ErrorCode } from '@shared/contracts/common'
import { anonymousCallers } from '@shared/core/caller'
import type { Deps } from '@shared/core/deps'
import { errorResult, MAX_BODY_BYTES, type HttpResult } from '@shared/core/handler'
import { createLogger, errorFields, type Logger } from '@shared/core/logger'
import { openSqliteStore, type SqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { createMains } from '@shared/functions'
import { systemClock, type Clock } from '@shared/ports/clock'
import { dispatchApi } from './api-router'
import { ConfigError, type ServerConfig } from './config'
import { seedIfEmpty } from './seed/seed'
import { serveStatic } from './static-files'

/**
 * The self-hosted host: a composition root that wires the embedded drivers (SQLite file, system clock,
 * JSON-line logger) into the same function `main`s CloudBase runs, mounts each at `POST /api/<name>`,
 * and serves the H5 build.
 */
export interface RunningServer {
  url: string
  store: SqliteStore
  close(): Promise<void>
}

export interface StartOptions extends ServerConfig {
  logger?: Logger
  clock?: Clock
}

export const STORE_FILE = 'zhineng.sqlite'

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(undefined, options.logLevel)
  const clock = options.clock ?? systemClock
  const store = openStore(options.dataDir)
  if (options.seed) {
    const seeded = await seedIfEmpty(store, clock.now())
    if (seeded.seeded) logger.info('seeded demo data', { listings: seeded.listings })
  }
  const deps: Deps = { store, clock, logger, callers: anonymousCallers }
  const mains = createMains(() => deps)
  if (!existsSync(join(options.h5Dir, 'index.html'))) {
    logger.warn('H5 build not found: only the API is served', { h5Dir: options.h5Dir })
  }

  const server = createServer((req, res) => {
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
      logger.error('request failed', { requestId, ...errorFields(error) })
      if (!res.headersSent) send(res, errorResult(ErrorCode.Internal))
      else res.destroy()
    })
  })

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const api = /^\/api\/([A-Za-z0-9_-]+)\/?$/.exec(url.pathname)
    if (api) {
      if (req.method !== 'POST')
        return send(res, errorResult(ErrorCode.MalformedRequest, '仅支持 POST 请求'), { allow: 'POST' })
      const body = await readBody(req)
      if (body === null) return send(res, errorResult(ErrorCode.PayloadTooLarge), { connection: 'close' })
      const result = await dispatchApi(mains, api[1], {
        httpMethod: 'POST',
        path: url.pathname,
        headers: flattenHeaders(req),
        body,
        isBase64Encoded: false,
        requestContext: { requestId },
      })
      return send(res, result)
    }
    if (url.pathname.startsWith('/api/')) return send(res, errorResult(ErrorCode.UnknownFunction))
    if (url.pathname === '/healthz') {
      return send(res, {
        statusCode: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ok: true }),
      })
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && serveStatic(options.h5Dir, req, res, url.pathname)) return
    send(res, { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '未找到该页面' })
  }

  await listen(server, options.port, options.host)
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`
  return {
    url,
    store,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => {
          store.close()
          resolveClose()
        })
        server.closeIdleConnections()
      }),
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

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ConfigError(`端口 ${port} 已被占用，请用 PORT=其他端口 重新启动`))
      else if (error.code === 'EACCES') reject(new ConfigError(`没有权限监听端口 ${port}，请换一个大于 1024 的 PORT`))
      else if (error.code === 'EADDRNOTAVAIL') reject(new ConfigError(`无法监听地址 ${host}，请检查 HOST`))
      else reject(error)
    })
    server.listen(port, host, () => resolveListen())
  })
}

/** Reads the body up to the limit; null when it is larger (the rest is not buffered). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      req.resume()
      return resolveBody(null)
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolveBody(tooLarge ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

function send(res: ServerResponse, result: HttpResult, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(result.statusCode, { ...result.headers, ...extraHeaders })
  res.end(result.body)
}
