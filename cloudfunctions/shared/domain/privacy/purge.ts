import { Collections } from './collections'
import type { Deps } from '../../core/deps'
import { deleteAvatarFile, ownerKeysOf, revokeSessions } from '../accounts'
import { DAY_MS } from '../common/china-time'
import { insertOnce } from '../common/insert-once'
import { DATA_CATEGORIES, type OwnerKeys } from '../common/personal-data'
import { forgetMember } from '../interactions'
import { forgetConversations } from '../messages'
import { deleteUploadedFiles, posterListingIds } from '../listings'
import type { AccountDeletionDoc } from './account-deletion'
import { RECEIPT_RETENTION_DAYS } from './collections'
import { DOMAIN_DATA, INVENTORY, retentionText } from './inventory'

/**
 * The purge of accounts whose cooling-off has ended, step by step. Each step is idempotent and the next
 * step to run is stored on the request after each one, so a process killed at any point leaves a state
 * the next run finishes: it starts again at the step that was under way, which redoes only what is left.
 */
export interface PurgeHooks {
  /** Called after each step is recorded (tests stop a run here, as a crash would). */
  afterStep?: (userId: string, step: string) => void
}

type Step = { name: string; run: (deps: Deps, request: AccountDeletionDoc) => Promise<Record<string, number>> }

const ownerOf = (request: AccountDeletionDoc): OwnerKeys => ({ userId: request._id, phoneHash: request.phoneHash })

const STEPS: Step[] = [
  // No login of the account works any more, whatever the order of what follows.
  { name: 'sessions', run: async (deps, r) => ({ revoked: await revokeSessions(deps, r._id) }) },
  // Other members' records about its listings, while the listings still say which they are.
  {
    name: 'others',
    run: async (deps, r) => ({
      ...(await forgetMember(deps, r._id, await posterListingIds(deps, r._id))),
      ...(await forgetConversations(deps, r._id)),
    }),
  },
  {
    name: 'files',
    run: async (deps, r) => ({
      files: (await deleteUploadedFiles(deps, r._id)) + (await deleteAvatarFile(deps, r._id)),
    }),
  },
  // Every record of the member, in every domain, deleted or anonymised as the inventory says.
  {
    name: 'records',
    run: async (deps, r) => {
      const counts: Record<string, number> = {}
      for (const domain of DOMAIN_DATA) Object.assign(counts, await domain.erase(deps, ownerOf(r)))
      return counts
    },
  },
]

export async function purgeDueAccounts(
  deps: Deps,
  now: number,
  hooks: PurgeHooks = {},
): Promise<Record<string, number>> {
  let purged = 0
  for (;;) {
    const { items } = await deps.store.find<AccountDeletionDoc>(Collections.accountDeletions, {
      where: { purgeAt: { lte: now }, cancelledAt: null },
      orderBy: [{ field: 'purgeAt', direction: 'asc' }],
      limit: 20,
    })
    if (items.length === 0) break
    for (const request of items) {
      await purgeAccount(deps, request, now, hooks)
      purged++
    }
  }
  if (purged > 0) await deps.store.flushDeleted()
  return { purged }
}

async function purgeAccount(deps: Deps, request: AccountDeletionDoc, now: number, hooks: PurgeHooks): Promise<void> {
  let current = request
  if (current.startedAt === null) {
    const claimed = await deps.store.update(
      Collections.accountDeletions,
      current._id,
      { startedAt: now },
      { startedAt: null, cancelledAt: null },
    )
    if (!claimed) return
    current = { ...current, startedAt: now }
  }
  // From the claim on the deletion cannot be undone: noted outside the database before any record goes, so a
  // backup taken before this moment, once restored, loses the member again. A resumed run notes it again.
  await deps.deletionLog.record(current._id, current.startedAt ?? now)
  for (let i = current.step; i < STEPS.length; i++) {
    const counts = await STEPS[i].run(deps, current)
    const removed =
      i === STEPS.findIndex((s) => s.name === 'records') ? addByCategory(current.removed, counts) : current.removed
    await deps.store.update(Collections.accountDeletions, current._id, { step: i + 1, removed })
    current = { ...current, step: i + 1, removed }
    hooks.afterStep?.(current._id, STEPS[i].name)
  }
  await insertOnce(deps, Collections.deletionReceipts, {
    _id: current.receiptId,
    requestedAt: current.requestedAt,
    completedAt: deps.clock.now(),
    removed: current.removed,
    kept: keptRecords(),
    retainUntil: deps.clock.now() + RECEIPT_RETENTION_DAYS * DAY_MS,
  })
  await deps.store.delete(Collections.accountDeletions, current._id)
  deps.logger.info('account purged', { receiptId: current.receiptId, removed: current.removed })
}

/** Records removed per collection, summed by the category the inventory gives each collection. */
function addByCategory(sofar: Record<string, number>, counts: Record<string, number>): Record<string, number> {
  const out = { ...sofar }
  for (const [collection, n] of Object.entries(counts)) {
    const data = INVENTORY.find((d) => d.collection === collection)
    if (!data || data.onDelete.action !== 'delete') continue
    const name = DATA_CATEGORIES[data.category]
    out[name] = (out[name] ?? 0) + n
  }
  return out
}

/** What the inventory keeps after a deletion, and until when, in words. */
function keptRecords(): Array<{ what: string; until: string }> {
  return INVENTORY.flatMap((d) =>
    d.onDelete.action === 'anonymise'
      ? [{ what: `${d.about}（已去除与你的关联）`, until: retentionText(d.retention) }]
      : [],
  )
}

/**
 * After a restore from a backup: every member the deletion log names who is back in the restored records
 * (their account, or a deletion request the archive caught under way) is erased again by the same steps,
 * with the files. A request the archive holds is finished as the purge would, receipt included (its receipt
 * id is the one the member was given); otherwise no receipt is written again (the one written at the time
 * is the record). Then the deleted rows are checkpointed away.
 */
export async function reapplyPurges(deps: Deps, userIds: string[]): Promise<{ reapplied: number }> {
  let reapplied = 0
  for (const userId of new Set(userIds)) {
    const request = await deps.store.get<AccountDeletionDoc>(Collections.accountDeletions, userId)
    if (request) {
      const due = { ...request, purgeAt: 0, cancelledAt: null, startedAt: request.startedAt ?? deps.clock.now() }
      await deps.store.update(Collections.accountDeletions, userId, {
        purgeAt: due.purgeAt,
        cancelledAt: null,
        startedAt: due.startedAt,
      })
      await purgeAccount(deps, due, deps.clock.now(), {})
      reapplied++
      continue
    }
    const owner = await ownerKeysOf(deps, userId)
    if (owner.phoneHash === null) continue
    const erased: AccountDeletionDoc = {
      _id: userId,
      requestedAt: 0,
      purgeAt: 0,
      method: 'sms',
      receiptId: '',
      phoneHash: owner.phoneHash,
      step: 0,
      removed: {},
      startedAt: 0,
      cancelledAt: null,
    }
    for (const step of STEPS) await step.run(deps, erased)
    deps.logger.info('purged account erased again after a restore', { userId })
    reapplied++
  }
  if (reapplied > 0) await deps.store.flushDeleted()
  return { reapplied }
}
