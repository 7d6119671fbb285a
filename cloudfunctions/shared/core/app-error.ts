import { ErrorCode, type ErrorReason, type WireError } from '../contracts/common'

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  UNKNOWN_FUNCTION: '请求的服务不存在',
  UNKNOWN_ACTION: '请求的操作不存在',
  INVALID_INPUT: '请求参数不正确',
  MALFORMED_REQUEST: '请求格式不正确',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  UNAUTHENTICATED: '请先登录',
  NOT_ALLOWED: '没有权限执行此操作',
  NOT_FOUND: '内容不存在或已下架',
  CONFLICT: '数据已被修改，请刷新后重试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  UNSUPPORTED_MEDIA_TYPE: '请求内容必须是 JSON（Content-Type: application/json）',
  CONSENT_REQUIRED: '请先阅读并同意隐私政策和用户协议',
  INTERNAL: '服务暂时不可用，请稍后再试',
  NETWORK: '网络异常，请检查网络后重试',
}

/** A failure the caller should know about. Anything else thrown becomes INTERNAL on the wire. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly reason?: ErrorReason

  constructor(code: ErrorCode, message?: string, field?: string, reason?: ErrorReason) {
    super(message ?? DEFAULT_MESSAGES[code])
    this.name = 'AppError'
    this.code = code
    this.field = field
    this.reason = reason
  }

  toWire(): WireError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.reason === undefined ? {} : { reason: this.reason }),
    }
  }
}

export function defaultMessage(code: ErrorCode): string {
  return DEFAULT_MESSAGES[code]
}

export { ErrorCode }
