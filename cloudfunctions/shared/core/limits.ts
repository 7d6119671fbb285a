import { DEFAULT_REVEAL_DAILY_LIMIT } from '../contracts/interactions'
import {
  DEFAULT_DELETION_COOLING_OFF_DAYS,
  DEFAULT_EXPORT_DAILY_LIMIT,
  DELETION_MAX_WORKING_DAYS,
} from '../contracts/privacy'

/**
 * The numeric limits the domain enforces. Hosts read them from their settings (the environment; see
 * `LIMIT_SETTINGS`) and hand them over in the deps, so no domain code reads the environment.
 */
export interface Limits {
  /** Codes one SMS client (an address over HTTP, an OPENID over callFunction) may have sent per hour. */
  smsSendsPerClientPerHour: number
  /** Every SMS code the platform sends in a China day. */
  smsSendsPerDay: number
  /** Wrong SMS codes one client may try per hour before it waits for the next. */
  smsWrongCodesPerClientPerHour: number
  /** Contact reveals per member per China day. */
  revealsPerDay: number
  /** New listings per member per China day. */
  publishesPerDay: number
  /** Exports of their own data per member per China day. */
  exportsPerDay: number
  /** Days from an account-deletion request to its purge, during which logging in can undo it. */
  deletionCoolingOffDays: number
}

export interface LimitSetting {
  /** The environment variable. */
  env: string
  default: number
  min: number
  max: number
}

export const LIMIT_SETTINGS: Record<keyof Limits, LimitSetting> = {
  smsSendsPerClientPerHour: { env: 'SMS_SENDS_PER_IP_PER_HOUR', default: 10, min: 1, max: 1_000_000 },
  smsSendsPerDay: { env: 'SMS_SENDS_PER_DAY', default: 1000, min: 1, max: 1_000_000 },
  smsWrongCodesPerClientPerHour: { env: 'SMS_WRONG_CODES_PER_IP_PER_HOUR', default: 30, min: 1, max: 1_000_000 },
  revealsPerDay: { env: 'REVEAL_DAILY_LIMIT', default: DEFAULT_REVEAL_DAILY_LIMIT, min: 1, max: 1000 },
  publishesPerDay: { env: 'LISTING_DAILY_PUBLISH_LIMIT', default: 10, min: 1, max: 1000 },
  exportsPerDay: { env: 'EXPORT_DAILY_LIMIT', default: DEFAULT_EXPORT_DAILY_LIMIT, min: 1, max: 100 },
  // The purge runs daily, so it ends at most a day after the cooling-off. Counted as if every calendar day
  // were a working day (the strictest reading, true whatever the year's holiday schedule), 14 + 1 days
  // stay within the policy's 15 working days.
  deletionCoolingOffDays: {
    env: 'ACCOUNT_DELETION_COOLING_OFF_DAYS',
    default: DEFAULT_DELETION_COOLING_OFF_DAYS,
    min: 0,
    max: DELETION_MAX_WORKING_DAYS - 1,
  },
}

export const DEFAULT_LIMITS = Object.fromEntries(
  Object.entries(LIMIT_SETTINGS).map(([key, setting]) => [key, setting.default]),
) as unknown as Limits
