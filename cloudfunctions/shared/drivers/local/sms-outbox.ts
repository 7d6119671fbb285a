import type { Logger } from '../../core/logger'
import { maskPhone } from '../../core/mask-phone'
import type { Clock } from '../../ports/clock'
import type { SmsSender } from '../../ports/sms-sender'

/**
 * The SMS sender of the self-hosted demo: nothing is sent; the message is kept in memory (readable at
 * `GET /dev/sms-outbox`) and written to the log, so a developer can log in without an SMS provider.
 * Never used in production mode, where codes must reach only the phone's owner.
 */
export interface OutboxMessage {
  phone: string
  code: string
  text: string
  at: number
}

export interface SmsOutbox extends SmsSender {
  /** Newest first. */
  messages(): OutboxMessage[]
  /** The newest code sent to this phone, if any. */
  lastCodeFor(phone: string): string | undefined
}

export const OUTBOX_CAPACITY = 50

export function createSmsOutbox(options: { clock: Clock; logger?: Logger; capacity?: number }): SmsOutbox {
  const capacity = options.capacity ?? OUTBOX_CAPACITY
  const kept: OutboxMessage[] = []
  return {
    delivery: 'outbox',
    async sendVerificationCode(phone, code, ttlMinutes) {
      const text = `【质能视界】您的验证码是 ${code}，${ttlMinutes} 分钟内有效。如非本人操作，请忽略本短信。`
      kept.unshift({ phone, code, text, at: options.clock.now() })
      kept.length = Math.min(kept.length, capacity)
      // Demo mode only (see above): the log is the developer's way to read the code. The number is
      // masked even here: a log outlives the account it belongs to.
      options.logger?.info('sms outbox', { phone: maskPhone(phone), code })
    },
    messages: () => kept.map((m) => ({ ...m })),
    lastCodeFor: (phone) => kept.find((m) => m.phone === phone)?.code,
  }
}
