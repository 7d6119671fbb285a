import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'

/**
 * Inserts a document whose id is derived from what makes it unique; false when one with that id is
 * already there (a retry, a replay, or a concurrent request that won). A CONFLICT here is the idempotent
 * outcome, not an error: the store's unique `_id` decides.
 */
export async function insertOnce(
  deps: Pick<Deps, 'store'>,
  collection: string,
  doc: StoredDocument & Record<string, unknown>,
): Promise<boolean> {
  try {
    await deps.store.insert(collection, doc)
    return true
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.Conflict) return false
    throw error
  }
}
