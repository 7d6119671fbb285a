import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server, type ServerOptions } from 'node:http'
import { createSecureContext, type SecureContextOptions } from 'node:tls'
import { ConfigError, type TlsConfig } from './config'

/**
 * The server's own HTTPS (TLS_CERT_FILE / TLS_KEY_FILE): the PEM files are read at start, and again on
 * SIGHUP so a renewed certificate (certbot, acme.sh) is served without a restart; a reload that fails
 * keeps the certificate in use. Answers over HTTPS carry HSTS; HTTP_REDIRECT_PORT sends plain HTTP there.
 */
export const HSTS = 'max-age=31536000'

/** Reads and checks the pair; a missing, unreadable or unusable file is one clear line naming it. */
export function readTlsFiles(tls: TlsConfig): Required<Pick<SecureContextOptions, 'cert' | 'key'>> {
  const cert = readPem('TLS_CERT_FILE', tls.certFile)
  const key = readPem('TLS_KEY_FILE', tls.keyFile)
  try {
    createSecureContext({ cert, key })
  } catch (error) {
    throw new ConfigError(
      `TLS_CERT_FILE（${tls.certFile}）和 TLS_KEY_FILE（${tls.keyFile}）不是一对可用的 PEM 证书和私钥：` +
        (error as Error).message,
    )
  }
  return { cert, key }
}

function readPem(variable: string, file: string): Buffer {
  try {
    return readFileSync(file)
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message
    throw new ConfigError(`${variable} 指向的文件无法读取：${file}（${code}）`)
  }
}

/**
 * Every request → the same path on the HTTPS origin: 301 for GET/HEAD, 308 (method and body kept) for the
 * rest. The origin is PUBLIC_URL when it is an https one, else the host the client asked for on the
 * HTTPS port.
 */
export function createRedirectServer(httpsPort: number, publicUrl: string, limits: ServerOptions = {}): Server {
  const fixedOrigin = publicUrl.startsWith('https://') ? publicUrl : null
  const server = createHttpServer(limits, (req, res) => {
    const origin = fixedOrigin ?? originFor(req.headers.host, httpsPort)
    if (!origin) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
      res.end('请使用 HTTPS 访问')
      return
    }
    const path = (req.url ?? '/').startsWith('/') ? (req.url ?? '/') : '/'
    const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308
    res.writeHead(status, { location: `${origin}${path}`, 'content-length': '0', connection: 'close' })
    res.end()
    req.resume()
  })
  if (limits.keepAliveTimeout !== undefined) server.keepAliveTimeout = limits.keepAliveTimeout
  return server
}

function originFor(hostHeader: string | undefined, httpsPort: number): string | null {
  // A hostname, an IPv4 address or a bracketed IPv6 address, with an optional port: nothing else is echoed.
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d+)?$/.exec(hostHeader ?? '')
  if (!match) return null
  return `https://${match[1]}${httpsPort === 443 ? '' : `:${httpsPort}`}`
}
