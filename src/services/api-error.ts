import { ErrorCode, type ErrorReason, type WireError } from '@shared/contracts'

/** Messages for failures the client detects itself; the server's own messages arrive in the envelope. */
export const clientMessages = {
  network: '网络异常，请检查网络后重试',
  badReply: '服务暂时不可用，请稍后再试',
  unexpected: '出了点问题，请稍后再试',
} as const

/** Every failed call surfaces as one of these, whatever the platform or transport. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly reason?: ErrorReason

  constructor(code: ErrorCode, message: string, field?: string, reason?: ErrorReason) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    if (field !== undefined) this.field = field
    if (reason !== undefined) this.reason = reason
  }

  static fromWire(error: WireError): ApiError {
    return new ApiError(error.code, error.message, error.field, error.reason)
  }
}

export function isApiError(value: unknown): value is ApiError {
  // `instanceof` alone can fail when classes extending Error are transpiled to ES5 for older runtimes.
  if (value instanceof ApiError) return true
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as { name?: unknown; code?: unknown; message?: unknown }
  return candidate.name === 'ApiError' && typeof candidate.code === 'string' && typeof candidate.message === 'string'
}

/** For hooks: whatever was thrown, state holds an ApiError the UI knows how to show. */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return value
  return new ApiError(ErrorCode.Internal, clientMessages.unexpected)
}
