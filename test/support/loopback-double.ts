/**
 * The server half every wire-level double shares: node:http on 127.0.0.1 with a port the OS picks, each
 * request handed over once its whole body has arrived, and a close that does not wait for keep-alive
 * connections. What a double answers (and which requests it records) is its own business.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Answers one request; `body` is everything that came with it. */
export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash: a double appends its own path. */
  origin: string
  port: number
  close: () => Promise<void>
}

export async function startLoopback(handle: LoopbackHandler): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => handle(req, res, Buffer.concat(chunks)))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
