import { derivedId } from '../common/derived-id'

/**
 * What a code is for. Each purpose has its own document, and the code's hash is salted with that
 * document's id, so a login code cannot confirm a phone change or a deletion, and neither of those can
 * log in; asking for one never replaces another. The per-phone limits count per purpose, the per-client
 * and platform budgets (sms-guard.ts) for all.
 */
export type SmsPurpose = 'login' | 'phone-change' | 'account-deletion'

export const SMS_PURPOSES: readonly SmsPurpose[] = ['login', 'phone-change', 'account-deletion']

/**
 * The code document of a phone's keyed hash for a purpose: login keeps the hash itself as its id. Also
 * how the inventory finds every code document of a member.
 */
export function smsCodeIdOf(hash: string, purpose: SmsPurpose): string {
  return purpose === 'login' ? hash : derivedId('sms', purpose, hash)
}
