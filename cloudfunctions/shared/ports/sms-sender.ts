/** Delivers a verification code by SMS. Drivers: the dev outbox (self-hosted demo) and Tencent Cloud SMS. */
export interface SmsSender {
  /** `outbox`: the code is kept where a developer can read it, not sent (told to the client, which says so). */
  readonly delivery: 'sms' | 'outbox'
  /** Throws on delivery failure; the caller then does not count the code as sent. */
  sendVerificationCode(phone: string, code: string, ttlMinutes: number): Promise<void>
}
