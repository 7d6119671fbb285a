import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, runServerProcess } from '../support/server-process'
import { httpsFetch, makeCertificate, servedFingerprint, type TestCertificate } from '../support/tls'

/** The operator's certificate in two PEM files, as certbot or acme.sh leave them. */
function writePair(dir: string, pair: TestCertificate): { cert: string; key: string } {
  const files = { cert: join(dir, 'fullchain.pem'), key: join(dir, 'privkey.pem') }
  writeFileSync(files.cert, pair.cert)
  writeFileSync(files.key, pair.key, { mode: 0o600 })
  return files
}

/** A plain-HTTP request that does not follow redirects. */
function plainHttp(url: string, method = 'GET'): Promise<{ status: number; location?: string }> {
  return new Promise((resolveAnswer, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      res.resume()
      resolveAnswer({ status: res.statusCode ?? 0, location: res.headers.location })
    })
    req.on('error', reject)
    req.end(method === 'GET' ? undefined : '{}')
  })
}

describe('HTTPS on the self-hosted server (TLS_CERT_FILE / TLS_KEY_FILE)', () => {
  let dir: string
  let first: TestCertificate
  let renewed: TestCertificate
  beforeAll(async () => {
    ;[first, renewed] = await Promise.all([makeCertificate(), makeCertificate()])
  })
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-tls-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('an operator gives it a certificate: it answers over HTTPS with HSTS, sends plain HTTP there, and serves a renewed certificate after SIGHUP', async () => {
    const files = writePair(dir, first)
    const [port, redirectPort] = [await freePort(), await freePort()]
    const proc = runServerProcess({
      PORT: String(port),
      DATA_DIR: join(dir, 'data'),
      TLS_CERT_FILE: files.cert,
      TLS_KEY_FILE: files.key,
      HTTP_REDIRECT_PORT: String(redirectPort),
      // The reloads say so in the log: the story waits for those lines, not for a time.
      LOG_LEVEL: 'info',
    })
    try {
      const url = await proc.started()
      expect(url).toBe(`https://127.0.0.1:${port}`)
      expect(proc.out()).toContain(`http://127.0.0.1:${redirectPort} → HTTPS`)

      // A client that trusts only this certificate gets answers, each telling the browser to stay on HTTPS.
      const health = await httpsFetch(`${url}/healthz`, first.cert)
      expect(health.status).toBe(200)
      expect(health.headers['strict-transport-security']).toBe('max-age=31536000')
      const api = await httpsFetch(`${url}/api/listings`, first.cert, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'listListings', payload: { pageSize: 1 } }),
      })
      expect(api.status).toBe(200)
      expect(api.headers['strict-transport-security']).toBe('max-age=31536000')

      // Someone typing the bare address lands on the HTTPS one, at the same path; a POST keeps its method.
      expect(await plainHttp(`http://127.0.0.1:${redirectPort}/listing/abc?from=share`)).toEqual({
        status: 301,
        location: `https://127.0.0.1:${port}/listing/abc?from=share`,
      })
      expect((await plainHttp(`http://127.0.0.1:${redirectPort}/api/listings`, 'POST')).status).toBe(308)
      // The HTTPS port itself does not speak plain HTTP.
      await expect(plainHttp(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()

      // The certificate is renewed on disk and the server is told: new connections get the new one.
      expect(await servedFingerprint(port)).toBe(first.fingerprint256)
      writePair(dir, renewed)
      proc.child.kill('SIGHUP')
      await proc.printed('"msg":"tls reloaded"')
      expect(await servedFingerprint(port)).toBe(renewed.fingerprint256)
      expect((await httpsFetch(`${url}/healthz`, renewed.cert)).status).toBe(200)

      // A broken renewal (the key no longer matches) keeps the certificate that works.
      writeFileSync(files.key, first.key)
      proc.child.kill('SIGHUP')
      await proc.printed('tls reload failed')
      expect(await servedFingerprint(port)).toBe(renewed.fingerprint256)
      expect(proc.child.exitCode).toBeNull()
    } finally {
      expect(await proc.stop()).toBe(0)
    }
  }, 60_000)

  it('a certificate file that is missing is one clear line naming the variable and the path', async () => {
    const files = writePair(dir, first)
    const missing = join(dir, 'no-such.pem')
    const proc = runServerProcess({
      PORT: String(await freePort()),
      DATA_DIR: join(dir, 'data'),
      TLS_CERT_FILE: missing,
      TLS_KEY_FILE: files.key,
    })
    expect(await proc.exited).toBe(1)
    expect(proc.err().trim()).toBe(`启动失败：TLS_CERT_FILE 指向的文件无法读取：${missing}（ENOENT）`)
  }, 30_000)

  it('a key that is not the certificate’s, or only one of the two, refuses to start with one line', async () => {
    const files = writePair(dir, first)
    writeFileSync(files.key, renewed.key)
    const mismatched = runServerProcess({
      PORT: String(await freePort()),
      DATA_DIR: join(dir, 'data'),
      TLS_CERT_FILE: files.cert,
      TLS_KEY_FILE: files.key,
    })
    expect(await mismatched.exited).toBe(1)
    expect(mismatched.err().trim().split('\n')).toHaveLength(1)
    expect(mismatched.err()).toContain(`TLS_CERT_FILE（${files.cert}）和 TLS_KEY_FILE（${files.key}）不是一对可用的`)

    const half = runServerProcess({
      PORT: String(await freePort()),
      DATA_DIR: join(dir, 'data'),
      TLS_CERT_FILE: files.cert,
    })
    expect(await half.exited).toBe(1)
    expect(half.err().trim()).toBe('启动失败：请同时设置 TLS_CERT_FILE 和 TLS_KEY_FILE（当前只设置了 TLS_CERT_FILE）')
  }, 30_000)

  it('production on a network address without TLS or a TLS-terminating proxy refuses, naming what to set', async () => {
    const proc = runServerProcess({
      APP_MODE: 'production',
      HOST: '0.0.0.0',
      PORT: String(await freePort()),
      DATA_DIR: join(dir, 'data'),
    })
    expect(await proc.exited).toBe(1)
    expect(proc.err().trim()).toBe(
      '启动失败：生产模式在网络地址上（HOST=0.0.0.0）必须使用 HTTPS：请设置 TLS_CERT_FILE 和 TLS_KEY_FILE，' +
        '或由反向代理终止 TLS 并设置 TRUST_PROXY=代理地址',
    )

    // Behind a proxy that terminates TLS the check is satisfied (this one then wants its SMS provider).
    const proxied = runServerProcess({
      APP_MODE: 'production',
      HOST: '0.0.0.0',
      TRUST_PROXY: '127.0.0.1',
      PORT: String(await freePort()),
      DATA_DIR: join(dir, 'data'),
    })
    expect(await proxied.exited).toBe(1)
    expect(proxied.err()).not.toContain('HTTPS')
    expect(proxied.err()).toContain('TENCENT_SMS_SECRET_ID')
  }, 30_000)

  it('HTTP_REDIRECT_PORT without TLS is a mistake said at start', async () => {
    const proc = runServerProcess({
      PORT: String(await freePort()),
      DATA_DIR: join(dir, 'data'),
      HTTP_REDIRECT_PORT: String(await freePort()),
    })
    expect(await proc.exited).toBe(1)
    expect(proc.err().trim()).toBe(
      '启动失败：HTTP_REDIRECT_PORT 只在启用 HTTPS 时有效：请同时设置 TLS_CERT_FILE 和 TLS_KEY_FILE',
    )
  }, 30_000)
})
