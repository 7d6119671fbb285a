import { Collections } from './collections'
import type { Deps } from '../../core/deps'
import { derivedId } from '../common/derived-id'

/** One block per (member who blocks, member blocked), found again by its derived id. */
export const blockIdOf = (blockerId: string, blockedId: string) => derivedId('bk', blockerId, blockedId)

export async function isBlocked(deps: Pick<Deps, 'store'>, blockerId: string, blockedId: string): Promise<boolean> {
  return (await deps.store.get(Collections.memberBlocks, blockIdOf(blockerId, blockedId))) !== null
}
