import { Collections } from './collections'
import type { ModeratorRole } from '../../contracts/moderation'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import { insertOnce } from '../common/insert-once'
import { findUserBy } from './users'
import { phoneHash } from './phone-crypto'

/**
 * Moderators and admins as data: one document per member holding a role (id = the user id). The
 * configured MODERATOR_USER_IDS stay a bootstrap, read by the caller resolver; this collection is what
 * the command line (`npm run moderator`) and, later, admins in the console change. Every change is
 * written to the moderation audit log by the caller of these functions.
 */
export interface RoleDoc extends StoredDocument {
  role: ModeratorRole
  grantedAt: number
}

export async function roleOf(deps: Pick<Deps, 'store'>, userId: string): Promise<ModeratorRole | null> {
  const doc = await deps.store.get<RoleDoc>(Collections.moderatorRoles, userId)
  return doc?.role ?? null
}

/** Sets the member's role; answers the role before (null when they had none). */
export async function setRole(
  deps: Pick<Deps, 'store' | 'clock'>,
  userId: string,
  role: ModeratorRole,
): Promise<ModeratorRole | null> {
  const before = await roleOf(deps, userId)
  const doc = { role, grantedAt: deps.clock.now() }
  // Granted concurrently when the insert finds the id taken: then set it like any change.
  if (before === null && (await insertOnce(deps, Collections.moderatorRoles, { _id: userId, ...doc }))) return null
  await deps.store.update(Collections.moderatorRoles, userId, doc)
  return before
}

/** Removes the member's role; answers the role they had (null: none, nothing changed). */
export async function removeRole(deps: Pick<Deps, 'store'>, userId: string): Promise<ModeratorRole | null> {
  const before = await roleOf(deps, userId)
  if (before !== null) await deps.store.delete(Collections.moderatorRoles, userId)
  return before
}

/** The account of a phone number, found by its keyed hash (the number itself is stored only encrypted). */
export async function accountIdByPhone(deps: Pick<Deps, 'store' | 'secrets'>, phone: string): Promise<string | null> {
  const user = await findUserBy(deps, 'phoneHash', phoneHash(deps.secrets, phone))
  return user?._id ?? null
}
