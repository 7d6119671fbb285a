import type { Platform } from '../contracts/consent'
import type { Caller, TrustedIdentity } from './caller'
import type { Deps } from './deps'

/** What an action runs with: built by the handler adapter, read by the domain. */
export interface ActionContext {
  caller: Caller
  /** The trusted identity the caller was resolved from (e.g. the OPENID a WeChat login binds). */
  identity: TrustedIdentity
  deps: Deps
  requestId: string
  request: RequestMeta
}

/** Facts about the request for logs and per-client budgets; none of them is identity. */
export interface RequestMeta {
  platform: Platform | 'unknown'
  /** How the call arrived: an HTTP request (any client can make one) or a platform `callFunction`. */
  channel: 'http' | 'callFunction'
  /** Client IP as the host established it, when known (never over callFunction). */
  ip: string | null
  /**
   * The caller's address as the platform reports it, only for IP属地 (never stored): over HTTP the same as
   * `ip`; over callFunction the address the cloud call's context names (WX_CLIENTIP), when the host can read it.
   */
  originIp: string | null
}
