import type { Profile } from '@shared/contracts'
import { api } from '@/services/api'

/**
 * Moves the account to the new number once the code sent to it (`sendPhoneChangeCode` in sms-codes.ts)
 * checks out. The same on every platform: no platform's phone authorization proves a number the user is
 * moving to.
 */
export function changePhone(phone: string, code: string): Promise<Profile> {
  return api.auth.changePhone({ phone, code })
}
