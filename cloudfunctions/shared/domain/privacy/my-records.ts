import type { ActionContext } from '../../core/action-context'
import type { StoredDocument } from '../../ports/document-store'
import { memberId, ownerKeysOf } from '../accounts'
import { isLinked, type CollectionData } from '../common/personal-data'
import { DOMAIN_DATA, INVENTORY } from './inventory'

export interface HeldRecords {
  userId: string
  /** Each declared collection that holds the member's records, with them. */
  held: Array<{ data: CollectionData; records: StoredDocument[] }>
}

/** Every record of the caller in every domain, found by the keys the inventory names. */
export async function myRecords(ctx: ActionContext): Promise<HeldRecords> {
  const userId = memberId(ctx)
  const owner = await ownerKeysOf(ctx.deps, userId)
  const found: Record<string, StoredDocument[]> = {}
  for (const domain of DOMAIN_DATA) Object.assign(found, await domain.list(ctx.deps, owner))
  const held = INVENTORY.filter(isLinked).map((data) => ({
    data,
    records: found[data.collection] ?? [],
  }))
  return { userId, held }
}
