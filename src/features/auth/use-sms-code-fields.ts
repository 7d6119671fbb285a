import { useEffect, useState } from 'react'
import * as v from 'valibot'
import { ErrorReason, PhoneSchema, type SmsCodeSent } from '@shared/contracts'
import { describeLoginError, type LoginError } from './login-errors'
import { useCountdowns } from './use-countdown'

const RESEND_SECONDS = 60

export interface SmsCodeFieldsOptions {
  /** Has a code sent to the number, the human check passed first (login.ts). */
  send(phone: string): Promise<SmsCodeSent>
  /** What the form's submit was refused with: a dead code ends that number's wait. */
  error: LoginError | null
  clearError(): void
  /**
   * The code goes to a number the account already has (account deletion): nothing is typed, the masked
   * number is shown instead, and the resend wait belongs to it. `send` gets this text, which it ignores.
   */
  ownNumber?: string
}

export interface SmsCodeFieldsState {
  phone: string
  /** The account's own number (masked) when no number is typed; null when the form asks for one. */
  ownNumber: string | null
  code: string
  sending: boolean
  /** Seconds before the typed number may be sent another code. */
  wait: number
  /** The last send, when it was to the number now typed. */
  sentHere: (SmsCodeSent & { phone: string }) | null
  /** The send's refusal, else the submit's. */
  shown: LoginError | null
  setPhone(phone: string): void
  setCode(code: string): void
  requestCode(): Promise<void>
  /** Call before submitting: what the last send said is over. */
  clearSendError(): void
}

/**
 * Phone number + SMS code, as every form that proves a number has them: the number checked with the
 * server's own schema before a code is asked for, the human check (via `send`), and a resend wait that
 * belongs to the number it was sent to.
 */
export function useSmsCodeFields({ send, error, clearError, ownNumber }: SmsCodeFieldsOptions): SmsCodeFieldsState {
  const [typed, setPhoneValue] = useState('')
  const phone = ownNumber ?? typed
  const [code, setCode] = useState('')
  const [sending, setSending] = useState(false)
  const [sendError, setSendError] = useState<LoginError | null>(null)
  const [sent, setSent] = useState<(SmsCodeSent & { phone: string }) | null>(null)
  const countdowns = useCountdowns()
  const { clear: clearWait } = countdowns
  const wait = countdowns.remaining(phone)

  // A dead code (too many wrong tries) may be replaced at once: the wait for that number is over.
  useEffect(() => {
    if (error?.reason === ErrorReason.SmsCodeDead) clearWait(phone)
  }, [error, phone, clearWait])

  const requestCode = async () => {
    if (sending || wait > 0) return
    clearError()
    const checked = ownNumber === undefined ? v.safeParse(PhoneSchema, phone) : null
    if (checked && !checked.success) {
      setSendError({ message: checked.issues[0].message, field: 'phone' })
      return
    }
    setSending(true)
    setSendError(null)
    try {
      const reply = await send(phone)
      setSent({ ...reply, phone })
      countdowns.start(phone, reply.resendAfterSeconds || RESEND_SECONDS)
    } catch (thrown) {
      // A refused human check (field `humanCheck`) is shown on its own line, like any non-form field.
      setSendError(describeLoginError(thrown))
    } finally {
      setSending(false)
    }
  }

  const setPhone = (value: string) => {
    setPhoneValue(value.trim())
    setSendError(null)
    // What the server said about the previous number's code is not about this one.
    clearError()
  }

  return {
    phone,
    ownNumber: ownNumber ?? null,
    code,
    sending,
    wait,
    sentHere: sent?.phone === phone ? sent : null,
    shown: sendError ?? error,
    setPhone,
    setCode: (value) => setCode(value.trim()),
    requestCode,
    clearSendError: () => setSendError(null),
  }
}
