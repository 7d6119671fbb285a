import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runServerProcess, type ServerProcess } from '../support/server-process'

const H5_ORIGIN = 'https://h5.example.com'
const OTHER_ORIGIN = 'https://elsewhere.example'

/** The server's own log line, waited for with a bound: reaching the bound means it never came. */
function logged(server: ServerProcess, text: string, withinMs = 15_000): Promise<void> {
  return new Promise<void>((resolveLogged, reject) => {
    const timer = setTimeout(() => reject(new Error(`no log line with ${text} within ${withinMs} ms`)), withinMs)
    server.printed(text).then(
      () => {
        clearTimeout(timer)
        resolveLogged()
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error as Error)
      },
    )
  })
}

/** Every log line of the process, parsed. */
const logLines = (server: ServerProcess) =>
  server
    .out()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)

const corsHeaders = (res: Response) => [...res.headers.keys()].filter((name) => name.startsWith('access-control-'))

describe('odd requests get plain answers and leave a quiet log', () => {
  let dir: string
  let server: ServerProcess
  let url: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-odd-'))
    server = runServerProcess({
      PORT: '0',
      DATA_DIR: join(dir, 'data'),
      LOG_LEVEL: 'info',
      CORS_ORIGINS: `${H5_ORIGIN}, http://127.0.0.1:10086`,
    })
    url = await server.started()
  }, 30_000)
  afterAll(async () => {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const post = (origin?: string) =>
    fetch(`${url}/api/listings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: JSON.stringify({ action: 'listCategories', payload: {} }),
    })

  it('a path with broken percent-encoding is 400, logged as a request and not as an error with a stack', async () => {
    for (const path of ['/%', '/%zz', '/js/%E4%B8', '/files/%zz']) {
      const res = await fetch(`${url}${path}`)
      expect([path, res.status]).toEqual([path, 400])
      expect(await res.text()).toBe('请求路径不正确')
      await logged(server, `"path":"${path}"`)
    }
    const errors = logLines(server).filter((line) => line.level === 'error' || 'stack' in line)
    expect(errors).toEqual([])
  }, 30_000)

  it('a client that hangs up halfway through its body is noted at info, not logged as an error', async () => {
    const { hostname, port } = new URL(url)
    const socket = connect(Number(port), hostname)
    await new Promise((connected) => socket.once('connect', connected))
    socket.write(
      'POST /api/listings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"action":',
    )
    // The server has the headers (and started reading the body) once the next request is answered.
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    socket.destroy()
    await logged(server, '"msg":"client aborted"')
    const aborted = logLines(server).filter((line) => line.msg === 'client aborted')
    expect(aborted).toEqual([expect.objectContaining({ level: 'info', method: 'POST' })])
    expect(logLines(server).filter((line) => line.level === 'error')).toEqual([])
  }, 30_000)

  it('GET and PUT on a function are 405 with Allow: POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await fetch(`${url}/api/listings`, { method })
      expect(res.status).toBe(405)
      expect(res.headers.get('allow')).toBe('POST')
      expect(await res.json()).toEqual({ ok: false, error: { code: 'MALFORMED_REQUEST', message: '仅支持 POST 请求' } })
    }
  })

  it('a listed origin’s preflight is answered for POST with the headers the app sends', async () => {
    const res = await fetch(`${url}/api/listings`, {
      method: 'OPTIONS',
      headers: {
        origin: H5_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization, x-client-platform',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(H5_ORIGIN)
    expect(res.headers.get('access-control-allow-methods')).toBe('POST')
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type, authorization, x-client-platform')
    expect(res.headers.get('vary')).toBe('Origin')
  })

  it('any other origin’s preflight, or an OPTIONS with no origin, gets 405 and no CORS header; no method but POST is granted', async () => {
    for (const headers of [
      { origin: OTHER_ORIGIN, 'access-control-request-method': 'POST' },
      { origin: 'https://h5.example.com.elsewhere.example', 'access-control-request-method': 'POST' },
      {} as Record<string, string>,
    ]) {
      const res = await fetch(`${url}/api/listings`, { method: 'OPTIONS', headers })
      expect(res.status).toBe(405)
      expect(res.headers.get('allow')).toBe('POST')
      expect(corsHeaders(res)).toEqual([])
    }
    // A listed origin asking for another method is not granted it.
    const put = await fetch(`${url}/api/listings`, {
      method: 'OPTIONS',
      headers: { origin: H5_ORIGIN, 'access-control-request-method': 'PUT' },
    })
    expect(put.status).toBe(405)
    expect(put.headers.get('access-control-allow-methods')).toBeNull()
  })

  it('a POST from a listed origin is answered with its origin and Vary: Origin; from another, with no CORS header', async () => {
    const listed = await post(H5_ORIGIN)
    expect(listed.status).toBe(200)
    expect(listed.headers.get('access-control-allow-origin')).toBe(H5_ORIGIN)
    expect(listed.headers.get('vary')).toBe('Origin')

    for (const res of [await post(OTHER_ORIGIN), await post()]) {
      expect(res.status).toBe(200)
      expect(corsHeaders(res)).toEqual([])
      expect(res.headers.get('vary')).toBe('Origin')
    }
  })
})

describe('without CORS_ORIGINS', () => {
  let dir: string
  let server: ServerProcess
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-nocors-'))
  })
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('no origin’s preflight is answered, not even this server’s own', async () => {
    server = runServerProcess({ PORT: '0', DATA_DIR: join(dir, 'data') })
    const url = await server.started()
    const res = await fetch(`${url}/api/listings`, {
      method: 'OPTIONS',
      headers: { origin: url, 'access-control-request-method': 'POST' },
    })
    expect(res.status).toBe(405)
    expect(corsHeaders(res)).toEqual([])
    expect(res.headers.get('vary')).toBeNull()
  }, 30_000)
})
