import { mkdtempSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runServerProcess, type ServerProcess } from '../support/server-process'

/** A raw connection to the server, with what it received and when the server closed it. */
interface RawConnection {
  socket: Socket
  received(): string
  /** Resolves with the milliseconds from `since` to the close; rejects if the socket is still open after `withinMs`. */
  closed(since: number, withinMs: number): Promise<number>
}

const opened = new Set<Socket>()

function open(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url)
  return new Promise((resolveOpen, reject) => {
    const socket = connect(Number(port), hostname)
    opened.add(socket)
    let data = ''
    let closedAt: number | null = null
    const waiting = new Set<() => void>()
    socket.on('data', (chunk: Buffer) => (data += chunk.toString()))
    socket.on('error', () => undefined) // a reset is a close too
    socket.on('close', () => {
      closedAt = Date.now()
      for (const wake of waiting) wake()
    })
    socket.once('connect', () =>
      resolveOpen({
        socket,
        received: () => data,
        closed: (since, withinMs) =>
          new Promise<number>((resolveClosed, rejectClosed) => {
            if (closedAt !== null) return resolveClosed(closedAt - since)
            const timer = setTimeout(() => {
              waiting.delete(wake)
              rejectClosed(new Error(`the server still held the connection after ${withinMs} ms`))
            }, withinMs)
            const wake = () => {
              clearTimeout(timer)
              resolveClosed((closedAt ?? Date.now()) - since)
            }
            waiting.add(wake)
          }),
      }),
    )
    socket.once('error', reject)
  })
}

/** Writes one byte of `text` every `everyMs` until the socket closes or the text runs out. */
function dribble(socket: Socket, text: string, everyMs: number): void {
  let at = 0
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) return clearInterval(timer)
    socket.write(text[at++])
  }, everyMs)
  socket.once('close', () => clearInterval(timer))
}

describe('a client that sends slowly cannot hold a connection (HTTP_*_TIMEOUT_SECONDS)', () => {
  let dir: string
  let server: ServerProcess
  let url: string
  const headersSeconds = 1
  const requestSeconds = 4
  // Far above every limit: reaching it means the server did not close the connection at all.
  const bound = 20_000

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-slow-'))
    server = runServerProcess({
      PORT: '0',
      DATA_DIR: join(dir, 'data'),
      HTTP_HEADERS_TIMEOUT_SECONDS: String(headersSeconds),
      HTTP_REQUEST_TIMEOUT_SECONDS: String(requestSeconds),
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '1',
    })
    url = await server.started()
  }, 30_000)
  afterEach(() => {
    for (const socket of opened) socket.destroy()
    opened.clear()
  })
  afterAll(async () => {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('headers dribbled a byte at a time are answered 408 and closed at the headers timeout', async () => {
    const connection = await open(url)
    const since = Date.now()
    connection.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    dribble(connection.socket, 'X-Slow: ' + 'a'.repeat(200), 100)
    const ms = await connection.closed(since, bound)
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408/)
    // Well before the whole-request limit: it was the headers' limit that closed it.
    expect(ms).toBeLessThan(requestSeconds * 1000)
  }, 30_000)

  it('a connection that never sends a byte is closed at the headers timeout too', async () => {
    const connection = await open(url)
    const ms = await connection.closed(Date.now(), bound)
    expect(ms).toBeLessThan(requestSeconds * 1000)
  }, 30_000)

  it('a body dribbled a byte at a time is answered 408 and closed at the request timeout', async () => {
    const connection = await open(url)
    const since = Date.now()
    const body = JSON.stringify({ action: 'listListings', payload: { pageSize: 5, pad: 'x'.repeat(400) } })
    connection.socket.write(
      'POST /api/listings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    )
    dribble(connection.socket, body, 100)
    const ms = await connection.closed(since, bound)
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408/)
    expect(ms).toBeGreaterThanOrEqual(requestSeconds * 1000 - 500)
  }, 30_000)

  it('an idle kept-alive connection is closed at the keep-alive timeout after its answer', async () => {
    const connection = await open(url)
    connection.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n')
    await new Promise<void>((answered) => connection.socket.once('data', () => answered()))
    const ms = await connection.closed(Date.now(), bound)
    expect(connection.received()).toMatch(/^HTTP\/1\.1 200/)
    expect(ms).toBeLessThan(requestSeconds * 1000)
  }, 30_000)

  it('a headers timeout longer than the request timeout refuses to start, naming both', async () => {
    const refused = runServerProcess({
      PORT: '0',
      DATA_DIR: join(dir, 'refused'),
      HTTP_HEADERS_TIMEOUT_SECONDS: '40',
      HTTP_REQUEST_TIMEOUT_SECONDS: '30',
    })
    const outcome = await Promise.race([refused.exited, refused.started().then(() => 'started' as const)])
    if (outcome === 'started') await refused.stop()
    expect(outcome).toBe(1)
    expect(refused.err().trim()).toBe(
      '启动失败：HTTP_HEADERS_TIMEOUT_SECONDS（40）不能大于 HTTP_REQUEST_TIMEOUT_SECONDS（30）：请求头是整个请求的一部分',
    )
  }, 30_000)
})
