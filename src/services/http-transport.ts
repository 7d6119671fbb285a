import Taro from '@tarojs/taro'
import { ErrorCode, type ActionRequest, type Envelope, type WireError } from '@shared/contracts'
import { ApiError, clientMessages } from './api-error'
import { CLIENT_PLATFORM } from './client-info'

/** Who is calling, as far as the device knows: the session token of a logged-in member, or none. */
export interface CallContext {
  token: string | null
}

/**
 * Carries one `{ action, payload }` request to a cloud function and returns its envelope.
 * A transport never shows UI: failures are thrown as ApiError and the caller decides what to display.
 */
export interface Transport {
  call(functionName: string, request: ActionRequest, context?: CallContext): Promise<Envelope<unknown>>
}

const REQUEST_TIMEOUT_MS = 15_000

function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false
  const error = value as Record<string, unknown>
  return typeof error.code === 'string' && typeof error.message === 'string'
}

/** Anything that is not an envelope (a proxy's HTML error page, an empty body) means the service failed. */
export function readEnvelope(body: unknown): Envelope<unknown> {
  if (typeof body === 'object' && body !== null) {
    const envelope = body as Record<string, unknown>
    if (envelope.ok === true && 'data' in envelope) return { ok: true, data: envelope.data }
    if (envelope.ok === false && isWireError(envelope.error)) return { ok: false, error: envelope.error }
  }
  throw new ApiError(ErrorCode.Internal, clientMessages.badReply)
}

export function networkError(): ApiError {
  return new ApiError(ErrorCode.Network, clientMessages.network)
}

/**
 * The headers of every HTTP call: the session token when there is one (HTTP carries no platform
 * identity, unlike callFunction), and the platform for the server's security log — a label, never trusted
 * as identity.
 */
export function requestHeaders(context: CallContext | undefined): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-client-platform': CLIENT_PLATFORM,
    ...(context?.token ? { authorization: `Bearer ${context.token}` } : {}),
  }
}

/**
 * `POST {base}/api/{functionName}`. Error statuses (400/404/500) still carry an envelope, so the status
 * code is not consulted; only an unreadable body is treated as a failed service.
 */
export function createHttpTransport(base: string): Transport {
  const root = base.replace(/\/+$/, '')
  return {
    async call(functionName, request, context) {
      let body: unknown
      try {
        const res = await Taro.request<unknown>({
          url: `${root}/api/${encodeURIComponent(functionName)}`,
          method: 'POST',
          header: requestHeaders(context),
          data: { action: request.action, payload: request.payload },
          dataType: 'json',
          timeout: REQUEST_TIMEOUT_MS,
        })
        body = typeof res.data === 'string' ? parseJson(res.data) : res.data
      } catch {
        throw networkError()
      }
      return readEnvelope(body)
    },
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
