import type { IncomingMessage } from 'node:http'
import { BlockList, isIP } from 'node:net'

/**
 * Who the client is, as far as this server can tell: the socket's peer, unless that peer is a proxy the
 * operator listed in TRUST_PROXY, in which case the address that proxy (and any listed proxies before
 * it) appended to X-Forwarded-For. A client cannot choose its address by sending the header itself.
 */
export interface ProxyTrust {
  trusts(address: string): boolean
}

export const FORWARDING_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded'] as const

/** TRUST_PROXY: comma-separated addresses or CIDR blocks (`127.0.0.1, 10.0.0.0/8, ::1`). */
export function parseTrustProxy(value: string | undefined): ProxyTrust {
  const list = new BlockList()
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/')
    const family = isIP(address)
    const prefix = bits === undefined ? null : Number(bits)
    const maxBits = family === 6 ? 128 : 32
    if (family === 0 || extra !== undefined || (prefix !== null && (!/^\d+$/.test(bits) || prefix > maxBits))) {
      throw new Error(`TRUST_PROXY 中的 "${entry}" 不是 IP 地址或 CIDR 网段`)
    }
    const type = family === 6 ? 'ipv6' : 'ipv4'
    if (prefix === null) list.addAddress(address, type)
    else list.addSubnet(address, prefix, type)
  }
  return {
    trusts(raw) {
      const address = unmapped(raw)
      const family = isIP(address)
      return family !== 0 && entries.length > 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4')
    },
  }
}

export function clientAddress(req: IncomingMessage, proxies: ProxyTrust): string | null {
  const peer = req.socket.remoteAddress ? unmapped(req.socket.remoteAddress) : null
  if (!peer || !proxies.trusts(peer)) return peer
  const header = req.headers['x-forwarded-for']
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
  // Right to left: each trusted proxy vouches for the hop before it; the first untrusted hop is the client.
  let client = peer
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = unmapped(hops[i])
    if (isIP(hop) === 0) break
    client = hop
    if (!proxies.trusts(hop)) break
  }
  return client
}

/** Loopback peer (127.0.0.0/8, ::1) with no sign of having come through a proxy on this machine. */
export function isLocalDeveloper(req: IncomingMessage): boolean {
  const peer = req.socket.remoteAddress ? unmapped(req.socket.remoteAddress) : ''
  return isLoopbackAddress(peer) && FORWARDING_HEADERS.every((name) => req.headers[name] === undefined)
}

/** Whether binding to this host keeps the server off the network. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '')
  return bare === 'localhost' || isLoopbackAddress(bare)
}

function isLoopbackAddress(address: string): boolean {
  return address === '::1' || (isIP(address) === 4 && address.startsWith('127.'))
}

function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped ? mapped[1] : address
}
