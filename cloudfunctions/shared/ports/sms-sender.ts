/** Delivers a verification code by SMS. Drivers: the dev outbox (self-hosted demo) and Tencent Cloud SMS. */
export interface SmsSender {
  /** Throws on delivery failure; the caller then does not count the code as sent. */
  sendVerificationCode(phone: string, code: string, ttlMinutes: number): Promise<void>
}
