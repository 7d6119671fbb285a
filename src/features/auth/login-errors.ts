import { ErrorCode, type ErrorReason } from '@shared/contracts'
import { clientMessages, isApiError } from '@/services/api-error'
import { isUserNotice } from './user-notice'

export interface LoginError {
  message: string
  /** The input the message belongs to (`phone`, `code`), shown under it; otherwise shown on its own line. */
  field?: string
  /** The server wants a consent the device should have sent: ask for it again. */
  consent?: 'age' | 'consents'
  /** The server's sub-code, when it gave one (e.g. the SMS code is dead and a new one may be sent now). */
  reason?: ErrorReason
}

/** Turns whatever a login (or a profile edit) threw into what the form shows. */
export function describeLoginError(error: unknown): LoginError {
  if (isUserNotice(error)) return { message: error.message }
  if (!isApiError(error)) return { message: clientMessages.unexpected }
  if (error.code === ErrorCode.ConsentRequired) {
    return { message: error.message, consent: error.field === 'age' ? 'age' : 'consents' }
  }
  if (error.code === ErrorCode.InvalidInput && error.field) {
    return {
      message: error.message,
      field: error.field.split('.')[0],
      ...(error.reason === undefined ? {} : { reason: error.reason }),
    }
  }
  // RATE_LIMITED, NETWORK and the rest carry a message meant for the user.
  return { message: error.message }
}
