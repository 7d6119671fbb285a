import { Collections } from './collections'
import type { Deps } from '../../core/deps'
import type { OwnerKeys } from '../common/personal-data'
import { decryptPhone } from './phone-crypto'
import type { UserDoc } from './users'

/** The keys a member's records are found by in every domain: their id, and their phone's keyed hash. */
export async function ownerKeysOf(deps: Pick<Deps, 'store'>, userId: string): Promise<OwnerKeys> {
  const user = await deps.store.get<UserDoc>(Collections.users, userId)
  return { userId, phoneHash: user?.phoneHash ?? null }
}

/** The phone number in full, for its owner's own export only. */
export function ownPhoneNumber(deps: Pick<Deps, 'secrets'>, stored: unknown): string | null {
  return typeof stored === 'string' ? decryptPhone(deps.secrets, stored) : null
}
