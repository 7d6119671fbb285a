import { isIP } from 'node:net'
import { Collections } from './collections'
import type { Platform } from '../../contracts/consent'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'

/**
 * Login events and changes of the account's phone number, kept for the network-log duty (Cybersecurity
 * Law Art. 21: at least six months) and then anonymised by the retention job, which reads `retainUntil`
 * and the inventory's retention (collections.ts). The address is truncated before it is stored (IPv4 to
 * /24, IPv6 to /48): enough to see where a login came from, not which device. No entry holds a phone number: the account's current one is on the account.
 */
export const SECURITY_LOG_RETENTION_MS = 180 * 24 * 60 * 60 * 1000

export type LoginMethod = 'sms' | 'wechat' | 'alipay'

/** `login`, or `phone-change`: the member moved the account to another number (proved by `method`). */
export type SecurityEvent = 'login' | 'phone-change' | 'account-deletion' | 'account-deletion-undone'

export interface SecurityLogDoc extends StoredDocument {
  userId: string
  event: SecurityEvent
  method: LoginMethod
  platform: Platform | 'unknown'
  clientVersion: string | null
  /** Truncated network address, or null when the host did not know it. */
  ip: string | null
  at: number
  retainUntil: number
}

export interface SecurityLogEntry {
  userId: string
  method: LoginMethod
  platform: SecurityLogDoc['platform']
  clientVersion?: string
  ip: string | null
}

export function recordLogin(deps: Pick<Deps, 'store' | 'clock'>, entry: SecurityLogEntry): Promise<void> {
  return recordSecurityEvent(deps, 'login', entry)
}

export async function recordSecurityEvent(
  deps: Pick<Deps, 'store' | 'clock'>,
  event: SecurityEvent,
  entry: SecurityLogEntry,
): Promise<void> {
  const at = deps.clock.now()
  await deps.store.insert(Collections.securityLog, {
    userId: entry.userId,
    event,
    method: entry.method,
    platform: entry.platform,
    clientVersion: entry.clientVersion || null,
    ip: truncateIp(entry.ip),
    at,
    retainUntil: at + SECURITY_LOG_RETENTION_MS,
  } satisfies Omit<SecurityLogDoc, '_id'>)
}

/** `203.0.113.77` → `203.0.113.0`; `2001:db8:1:2::5` → `2001:db8:1::`; anything else → null. */
export function truncateIp(ip: string | null): string | null {
  if (!ip) return null
  const address = ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')
  const version = isIP(address)
  if (version === 4) return `${address.split('.').slice(0, 3).join('.')}.0`
  if (version === 6) {
    const groups = expandIpv6(address.split('%')[0])
    return groups
      ? `${groups
          .slice(0, 3)
          .map((g) => parseInt(g, 16).toString(16))
          .join(':')}::`
      : null
  }
  return null
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail counts as two). */
function expandIpv6(address: string): string[] | null {
  const [head, tail] = address.split('::')
  const parse = (part: string | undefined): string[] => {
    if (!part) return []
    return part.split(':').flatMap((group) => {
      if (!group.includes('.')) return [group]
      const [a, b, c, d] = group.split('.').map(Number)
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)]
    })
  }
  const left = parse(head)
  const right = tail === undefined ? [] : parse(tail)
  const missing = 8 - left.length - right.length
  if (missing < 0 || (tail === undefined && missing !== 0)) return null
  return [...left, ...Array<string>(missing).fill('0'), ...right]
}
