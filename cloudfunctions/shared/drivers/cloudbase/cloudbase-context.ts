import { isIP } from 'node:net'
import type { CallContextReader } from '../../core/handler'

/**
 * The caller's client address in a CloudBase function. WeChat's cloud call puts it into the invocation's
 * environment: `WX_CLIENTIP` (IPv4) / `WX_CLIENTIPV6`, what wx-server-sdk's `getWXContext().CLIENTIP`
 * reads; a CloudBase client call names `TCB_SOURCE_IP` (node-sdk's `auth().getClientIP()`). They arrive in
 * the `context` argument of `main(event, context)` — `context.environment` (a JSON string) on the current
 * runtime, `context.environ` (`KEY=value;…`) on the older one — and the runtime also sets them in
 * `process.env`. The context comes first because it belongs to this invocation alone.
 */
const ADDRESS_KEYS = ['WX_CLIENTIP', 'WX_CLIENTIPV6', 'TCB_SOURCE_IP'] as const

export function cloudbaseCallContext(env: Record<string, string | undefined>): CallContextReader {
  return {
    clientIp(context) {
      const fromContext = contextVariables(context)
      for (const source of [fromContext, env]) {
        for (const key of ADDRESS_KEYS) {
          const value = source[key]?.trim()
          if (value && isIP(value) !== 0) return value
        }
      }
      return null
    },
  }
}

function contextVariables(context: unknown): Record<string, string | undefined> {
  if (typeof context !== 'object' || context === null) return {}
  const { environment, environ } = context as { environment?: unknown; environ?: unknown }
  if (typeof environment === 'string') {
    try {
      const parsed = JSON.parse(environment) as unknown
      if (typeof parsed === 'object' && parsed !== null) return stringsOf(parsed as Record<string, unknown>)
    } catch {
      return {}
    }
  }
  if (typeof environ === 'string') {
    const variables: Record<string, string> = {}
    for (const pair of environ.split(';')) {
      const at = pair.indexOf('=')
      if (at > 0) variables[pair.slice(0, at)] = pair.slice(at + 1)
    }
    return variables
  }
  return {}
}

function stringsOf(record: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(record)) if (typeof value === 'string') out[key] = value
  return out
}
