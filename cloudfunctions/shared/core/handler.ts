import { randomUUID } from 'node:crypto'
import * as v from 'valibot'
import {
  ErrorCode,
  type Access,
  type Envelope,
  type FunctionContract,
  type OutputOf,
  type ParsedInputOf,
  type WireError,
} from '../contracts/common'
import { AppError, defaultMessage } from './app-error'
import type { ActionContext, RequestMeta } from './action-context'
import type { Caller, TrustedIdentity } from './caller'
import type { Deps } from './deps'
import { errorFields } from './logger'

/**
 * The handler adapter: the one code path between a host and the domain. It accepts the two event
 * shapes CloudBase delivers — a `callFunction` event and an HTTP-access event (which the self-hosted
 * server also produces) — resolves the caller from trusted context, validates input against the
 * contract, enforces access, routes, and maps every outcome to an envelope.
 */
export type Implementation<C extends FunctionContract> = {
  [K in keyof C]: (input: ParsedInputOf<C[K]>, ctx: ActionContext) => Promise<OutputOf<C[K]>>
}

export interface FunctionDefinition<C extends FunctionContract = FunctionContract> {
  name: string
  contract: C
  implementation: Implementation<C>
  /** Largest HTTP body this function accepts; MAX_BODY_BYTES unless an action carries a file. */
  maxBodyBytes: number
  /**
   * Actions allowed a larger body than MAX_BODY_BYTES (those that carry a file). When set, every other
   * action of the function keeps MAX_BODY_BYTES; when absent, `maxBodyBytes` holds for every action.
   */
  actionBodyBytes?: Record<string, number>
  /**
   * Writes out what the function keeps in memory between calls (the listings function's guest views).
   * Hosts call it: the self-hosted server on an interval and at shutdown, CloudBase after each invocation.
   */
  flush?: (deps: Deps) => Promise<unknown>
  /**
   * Its actions store the IP属地 of what members post (listings, comments): on CloudBase only such a function
   * gets the offline database, copied into its bundle by scripts/bundle-functions.ts.
   */
  postsContent?: boolean
}

export function defineFunction<C extends FunctionContract>(
  name: string,
  contract: C,
  implementation: Implementation<C>,
  options: {
    maxBodyBytes?: number
    actionBodyBytes?: Partial<Record<keyof C & string, number>>
    flush?: (deps: Deps) => Promise<unknown>
    postsContent?: boolean
  } = {},
): FunctionDefinition<C> {
  const actionBodyBytes = options.actionBodyBytes as Record<string, number> | undefined
  const maxBodyBytes = Math.max(
    options.maxBodyBytes ?? MAX_BODY_BYTES,
    ...Object.values(actionBodyBytes ?? {}).filter((n) => n !== undefined),
  )
  return {
    name,
    contract,
    implementation,
    maxBodyBytes,
    ...(actionBodyBytes ? { actionBodyBytes } : {}),
    ...(options.flush ? { flush: options.flush } : {}),
    ...(options.postsContent ? { postsContent: true } : {}),
  }
}

/** The largest body one action of the function accepts. */
function bodyLimitOf(definition: FunctionDefinition, action: string): number {
  if (!definition.actionBodyBytes) return definition.maxBodyBytes
  return Object.prototype.hasOwnProperty.call(definition.actionBodyBytes, action)
    ? definition.actionBodyBytes[action]
    : MAX_BODY_BYTES
}

/** CloudBase HTTP access event (integration request); the self-hosted server builds the same shape. */
export interface HttpEvent {
  httpMethod: string
  path?: string
  headers?: Record<string, string | undefined>
  body?: string | null
  isBase64Encoded?: boolean
  requestContext?: { requestId?: string }
}

export interface HttpResult {
  statusCode: number
  headers: Record<string, string>
  body: string
}

export type CloudFunctionMain = (event: unknown, context?: unknown) => Promise<Envelope<unknown> | HttpResult>

/** Bodies above this are refused before parsing (CloudBase itself caps requests at 6 MB). */
export const MAX_BODY_BYTES = 256 * 1024

const STATUS: Record<ErrorCode, number> = {
  UNKNOWN_FUNCTION: 404,
  UNKNOWN_ACTION: 404,
  INVALID_INPUT: 400,
  MALFORMED_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CONSENT_REQUIRED: 403,
  INTERNAL: 500,
  NETWORK: 502,
}

interface NormalisedRequest {
  action: unknown
  payload: unknown
  identity: TrustedIdentity
  requestId: string
  meta: RequestMeta
  /** Size of the HTTP body; 0 for callFunction events, which CloudBase itself limits. */
  bodyBytes: number
}

/** What a host knows about a callFunction that the event does not say. */
export interface CallContextReader {
  /** The caller's client address from the invocation context (CloudBase: WX_CLIENTIP / WX_CLIENTIPV6). */
  clientIp(context: unknown): string | null
}

export function createMain<C extends FunctionContract>(
  definition: FunctionDefinition<C>,
  getDeps: () => Deps,
  callContext?: CallContextReader,
): CloudFunctionMain {
  return async (event, context) => {
    const http = isHttpEvent(event)
    const envelope = await handle(definition, getDeps(), event, context, http, callContext)
    return http ? toHttpResult(envelope) : envelope
  }
}

async function handle<C extends FunctionContract>(
  definition: FunctionDefinition<C>,
  deps: Deps,
  event: unknown,
  context: unknown,
  http: boolean,
  callContext: CallContextReader | undefined,
): Promise<Envelope<unknown>> {
  const started = deps.clock.now()
  let requestId = contextRequestId(context) ?? randomUUID()
  let action = '?'
  try {
    const request = http
      ? normaliseHttp(event as HttpEvent, definition)
      : normaliseCall(event, callContext?.clientIp(context) ?? null)
    requestId = request.requestId || requestId
    if (typeof request.action !== 'string' || request.action.length === 0) {
      throw new AppError(ErrorCode.InvalidInput, '缺少操作名称', 'action')
    }
    action = request.action
    const contract = Object.prototype.hasOwnProperty.call(definition.contract, action)
      ? definition.contract[action]
      : undefined
    if (!contract) throw new AppError(ErrorCode.UnknownAction)
    if (request.bodyBytes > bodyLimitOf(definition as FunctionDefinition, action)) {
      throw new AppError(ErrorCode.PayloadTooLarge)
    }
    const input = assertValid(contract.input, request.payload)
    const caller = await deps.callers.resolve(request.identity)
    assertAllowed(contract.access, caller)
    const run = definition.implementation[action as keyof C]
    const data = await run(input as ParsedInputOf<C[keyof C]>, {
      caller,
      identity: request.identity,
      deps,
      requestId,
      request: request.meta,
    })
    deps.logger.info('action', { fn: definition.name, action, requestId, ok: true, ms: deps.clock.now() - started })
    return { ok: true, data }
  } catch (error) {
    const wire = toWireError(error)
    const fields = {
      fn: definition.name,
      action,
      requestId,
      ok: false,
      code: wire.code,
      ms: deps.clock.now() - started,
    }
    if (wire.code === ErrorCode.Internal) deps.logger.error('action failed', { ...fields, ...errorFields(error) })
    else deps.logger.info('action', fields)
    return { ok: false, error: wire }
  }
}

function assertValid(schema: v.GenericSchema, payload: unknown): unknown {
  const result = v.safeParse(schema, payload)
  if (result.success) return result.output
  const issue = result.issues[0]
  // Fields are named as the form names them (`city`, `images.2`), the same path the client's own check gives.
  return invalid(issue.message, v.getDotPath(issue) ?? 'payload')
}

function invalid(message: string, field: string): never {
  throw new AppError(ErrorCode.InvalidInput, message, field)
}

function assertAllowed(access: Access, caller: Caller): void {
  if (access === 'guest') return
  if (caller.kind !== 'member') throw new AppError(ErrorCode.Unauthenticated)
  if (access === 'moderator' && !caller.moderator) throw new AppError(ErrorCode.NotAllowed)
}

function toWireError(error: unknown): WireError {
  if (error instanceof AppError) return error.toWire()
  // Never leak internals (stack, SQL, SDK messages) to clients; the log has them.
  return { code: ErrorCode.Internal, message: defaultMessage(ErrorCode.Internal) }
}

function isHttpEvent(event: unknown): event is HttpEvent {
  return typeof event === 'object' && event !== null && typeof (event as HttpEvent).httpMethod === 'string'
}

/** A callFunction event: `{ action, payload }` from the client plus `userInfo` added by the platform. */
function normaliseCall(event: unknown, originIp: string | null): NormalisedRequest {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new AppError(ErrorCode.MalformedRequest)
  }
  const record = event as Record<string, unknown>
  const userInfo = record.userInfo as { openId?: unknown; appId?: unknown } | undefined
  const identity: TrustedIdentity =
    typeof userInfo?.openId === 'string' && userInfo.openId.length > 0
      ? {
          kind: 'wechat',
          openId: userInfo.openId,
          appId: typeof userInfo.appId === 'string' ? userInfo.appId : undefined,
        }
      : { kind: 'none' }
  // Only WeChat mini-programs reach functions through callFunction.
  return {
    action: record.action,
    payload: record.payload,
    identity,
    requestId: '',
    // The context's address only names the IP属地; budgets keep keying a WeChat caller by its OPENID.
    meta: { platform: 'weapp', channel: 'callFunction', ip: null, originIp },
    bodyBytes: 0,
  }
}

function normaliseHttp(event: HttpEvent, definition: FunctionDefinition<FunctionContract>): NormalisedRequest {
  if (event.httpMethod.toUpperCase() !== 'POST') throw new AppError(ErrorCode.MalformedRequest, '仅支持 POST 请求')
  // A browser sends a cross-site text/plain or form POST without asking first; JSON needs a preflight that
  // no other site passes. So only JSON is accepted, and no web page can make its visitors call us.
  if (!isJson(header(event.headers, 'content-type'))) throw new AppError(ErrorCode.UnsupportedMediaType)
  const raw = event.body ?? ''
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw
  const bodyBytes = Buffer.byteLength(text, 'utf8')
  if (bodyBytes > definition.maxBodyBytes) throw new AppError(ErrorCode.PayloadTooLarge)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    // Only a well-formed request for a file-carrying action may be this large.
    if (bodyBytes > MAX_BODY_BYTES) throw new AppError(ErrorCode.PayloadTooLarge)
    throw new AppError(ErrorCode.MalformedRequest, '请求内容不是有效的 JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(ErrorCode.MalformedRequest, '请求内容必须是 JSON 对象')
  }
  const { action, payload } = body as Record<string, unknown>
  const ip =
    header(event.headers, 'x-real-ip') ?? header(event.headers, 'x-forwarded-for')?.split(',')[0]?.trim() ?? null
  return {
    action,
    payload,
    identity: bearerIdentity(header(event.headers, 'authorization')),
    requestId: event.requestContext?.requestId ?? '',
    meta: {
      platform: clientPlatform(header(event.headers, 'x-client-platform')),
      channel: 'http',
      ip,
      originIp: ip,
    },
    bodyBytes,
  }
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0].trim().toLowerCase() === 'application/json'
}

function clientPlatform(value: string | undefined): RequestMeta['platform'] {
  return value === 'weapp' || value === 'alipay' || value === 'h5' ? value : 'unknown'
}

function bearerIdentity(authorization: string | undefined): TrustedIdentity {
  if (!authorization) return { kind: 'none' }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim())
  if (!match) throw new AppError(ErrorCode.Unauthenticated, '登录凭证格式不正确')
  return { kind: 'bearer', token: match[1] }
}

function header(headers: HttpEvent['headers'], name: string): string | undefined {
  if (!headers) return undefined
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value
  return undefined
}

function contextRequestId(context: unknown): string | undefined {
  const id = (context as { request_id?: unknown; requestId?: unknown } | undefined)?.request_id
  return typeof id === 'string' ? id : undefined
}

function toHttpResult(envelope: Envelope<unknown>): HttpResult {
  return {
    statusCode: envelope.ok ? 200 : STATUS[envelope.error.code],
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(envelope),
  }
}

/** Used by hosts that reject a request before any function runs (unknown function, oversize body). */
export function errorResult(code: ErrorCode, message?: string): HttpResult {
  return toHttpResult({ ok: false, error: { code, message: message ?? defaultMessage(code) } })
}
