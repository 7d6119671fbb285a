/**
 * Numeric limits the hosts read from their settings and hand to the domain through the deps, so no
 * domain code reads the environment.
 */
export interface SmsLimits {
  /** SMS_SENDS_PER_IP_PER_HOUR: codes one client (address, or OPENID over callFunction) may have sent. */
  sendsPerClientPerHour: number
  /** SMS_SENDS_PER_DAY: every code the platform sends in a China day. */
  sendsPerDay: number
  /** SMS_WRONG_CODES_PER_IP_PER_HOUR: wrong codes one client may try before it waits for the next hour. */
  wrongCodesPerClientPerHour: number
}

export const DEFAULT_SMS_LIMITS: SmsLimits = {
  sendsPerClientPerHour: 10,
  sendsPerDay: 1000,
  wrongCodesPerClientPerHour: 30,
}
