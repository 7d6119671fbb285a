import { randomBytes } from 'node:crypto'
import { Collections } from './collections'
import type { Deps } from '../../core/deps'
import { insertOnce } from '../common/insert-once'
import type { StoredDocument } from '../../ports/document-store'

/**
 * A member's pseudonymous reference in moderation records (the audit log, who decided what). Random, kept
 * in one document per member (id = user id): the account purge deletes that document, and every record
 * naming the reference then names nobody, without a word of history edited.
 */
interface RefDoc extends StoredDocument {
  ref: string
  createdAt: number
}

export async function refOf(deps: Pick<Deps, 'store' | 'clock'>, userId: string): Promise<string> {
  const existing = await deps.store.get<RefDoc>(Collections.refs, userId)
  if (existing) return existing.ref
  const ref = `m${randomBytes(6).toString('hex')}`
  if (await insertOnce(deps, Collections.refs, { _id: userId, ref, createdAt: deps.clock.now() })) return ref
  // Another call created it first: theirs is the one.
  const created = await deps.store.get<RefDoc>(Collections.refs, userId)
  return created?.ref ?? ref
}
