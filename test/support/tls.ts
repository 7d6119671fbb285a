import { X509Certificate } from 'node:crypto'
import { request as httpsRequest } from 'node:https'
import { connect } from 'node:tls'
import { generate } from 'selfsigned'

/** A self-signed certificate for 127.0.0.1 and localhost, as an operator's PEM files would hold it. */
export interface TestCertificate {
  cert: string
  key: string
  fingerprint256: string
}

export async function makeCertificate(): Promise<TestCertificate> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  })
  return { cert: pems.cert, key: pems.private, fingerprint256: new X509Certificate(pems.cert).fingerprint256 }
}

export interface TlsAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One HTTPS request that trusts only `ca` (the test's own certificate), as a client that pinned it would. */
export function httpsFetch(
  url: string,
  ca: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<TlsAnswer> {
  return new Promise((resolveAnswer, reject) => {
    const req = httpsRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, ca, agent: false },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** The SHA-256 fingerprint of the certificate a new TLS connection to this port is served. */
export function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolveFingerprint, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256
      socket.end()
      resolveFingerprint(fingerprint)
    })
    socket.on('error', reject)
  })
}
