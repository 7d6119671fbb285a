import * as v from 'valibot'

/** Who may call an action. One place (the handler adapter) enforces it. */
export type Access = 'guest' | 'member' | 'moderator'

export const ErrorCode = {
  UnknownFunction: 'UNKNOWN_FUNCTION',
  UnknownAction: 'UNKNOWN_ACTION',
  InvalidInput: 'INVALID_INPUT',
  MalformedRequest: 'MALFORMED_REQUEST',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  Unauthenticated: 'UNAUTHENTICATED',
  NotAllowed: 'NOT_ALLOWED',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  /** An HTTP request whose body is not declared as JSON. */
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  /** The action needs a consent (current policy versions, age confirmation) the caller has not given. */
  ConsentRequired: 'CONSENT_REQUIRED',
  Internal: 'INTERNAL',
  /** Client side only: the request never got an answer. */
  Network: 'NETWORK',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export interface WireError {
  code: ErrorCode
  /** Chinese, safe to show to users. */
  message: string
  /** Dotted path of the offending input field, for INVALID_INPUT. */
  field?: string
  /** A stable sub-code for clients that act on one particular refusal (see ErrorReason). */
  reason?: ErrorReason
}

export const ErrorReason = {
  /** The SMS code can no longer be used (wrong too often, expired, used): a new one may be requested now. */
  SmsCodeDead: 'SMS_CODE_DEAD',
} as const
export type ErrorReason = (typeof ErrorReason)[keyof typeof ErrorReason]

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: WireError }

/** The request body every function accepts: `{ action, payload }`. */
export interface ActionRequest {
  action: string
  payload?: unknown
}

/**
 * One action of one function: its input schema, who may call it, and (as a phantom type) its output.
 * Both the server router and the typed client are derived from these.
 */
export interface ActionContract<S extends v.GenericSchema, O> {
  input: S
  access: Access
  /** Never set at runtime; carries the output type. */
  readonly output?: O
}

export function action<O>() {
  return <S extends v.GenericSchema>(input: S, access: Access): ActionContract<S, O> => ({ input, access })
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyActionContract = ActionContract<any, any>
export type FunctionContract = Record<string, AnyActionContract>

export type InputOf<A> = A extends ActionContract<infer S, unknown> ? v.InferInput<S> : never
export type ParsedInputOf<A> = A extends ActionContract<infer S, unknown> ? v.InferOutput<S> : never
export type OutputOf<A> = A extends ActionContract<v.GenericSchema, infer O> ? O : never

/** A page of a cursor-paginated list. `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export const MAX_PAGE_SIZE = 50
export const DEFAULT_PAGE_SIZE = 20

export const PageSizeSchema = v.optional(
  v.pipe(
    v.number('每页条数必须是数字'),
    v.integer('每页条数必须是整数'),
    v.minValue(1, '每页条数至少为 1'),
    v.maxValue(MAX_PAGE_SIZE, `每页条数不能超过 ${MAX_PAGE_SIZE}`),
  ),
  DEFAULT_PAGE_SIZE,
)

export const CursorSchema = v.optional(
  v.nullable(
    v.pipe(
      v.string('分页游标格式不正确'),
      v.maxLength(512, '分页游标过长'),
      v.regex(/^[A-Za-z0-9_-]+$/, '分页游标格式不正确'),
    ),
  ),
  null,
)

/** An id of a stored document, named in messages as `label` (信息编号, 评论编号, …). */
export const IdOf = (label: string) =>
  v.pipe(
    v.string(`${label}必须是文本`),
    v.minLength(1, `${label}不能为空`),
    v.maxLength(64, `${label}过长`),
    v.regex(/^[A-Za-z0-9_-]+$/, `${label}格式不正确`),
  )

export const IdSchema = IdOf('编号')
