import { randomBytes } from 'node:crypto'
import type * as v from 'valibot'
import { Collections } from './collections'
import type { AccountDeletionState, RequestAccountDeletionInput, SendDeletionCodeInput } from '../../contracts/privacy'
import type { SmsCodeSent } from '../../contracts/auth'
import type { ActionContext } from '../../core/action-context'
import { AppError, ErrorCode } from '../../core/app-error'
import type { StoredDocument } from '../../ports/document-store'
import { endAllLogins, memberId, ownerKeysOf, proveOwnPhone, sendOwnNumberCode } from '../accounts'
import { DAY_MS } from '../common/china-time'
import { insertOnce } from '../common/insert-once'
import { restorePosterListings, withholdPosterListings } from '../listings'

/**
 * Account cancellation (PIPL Art. 47): the member proves their number again, the account goes pending
 * for the cooling-off (`limits.deletionCoolingOffDays`) with its listings withheld at once and every login
 * ended; logging in again and undoing restores everything; afterwards the purge job (purge.ts) deletes or
 * anonymises every record as the data inventory says, and leaves a receipt.
 */
export interface AccountDeletionDoc extends StoredDocument {
  requestedAt: number
  purgeAt: number
  method: 'sms' | 'wechat' | 'alipay'
  receiptId: string
  /** The phone's keyed hash, kept so a purge resumed after the account record went can still find its codes. */
  phoneHash: string | null
  /** Purge progress: the next step to run (purge.ts). */
  step: number
  /** Counts removed so far, by category. */
  removed: Record<string, number>
  /** Set when the purge claimed the request: from then on it can no longer be undone. */
  startedAt: number | null
  /** Set by an undo before the document goes; a purge never claims such a request. */
  cancelledAt: number | null
}

const NOTHING_PENDING: AccountDeletionState = { state: 'none' }

export function sendDeletionCode(
  ctx: ActionContext,
  input: v.InferOutput<typeof SendDeletionCodeInput>,
): Promise<SmsCodeSent> {
  return sendOwnNumberCode(ctx, input.humanCheck)
}

export async function requestAccountDeletion(
  ctx: ActionContext,
  input: v.InferOutput<typeof RequestAccountDeletionInput>,
): Promise<AccountDeletionState> {
  const { deps } = ctx
  const userId = memberId(ctx)
  const existing = await loadRequest(ctx, userId)
  if (existing) throw new AppError(ErrorCode.Conflict, '你已提交注销申请，无需重复提交')
  const method = await proveOwnPhone(ctx, input)
  const now = deps.clock.now()
  const doc: AccountDeletionDoc = {
    _id: userId,
    requestedAt: now,
    purgeAt: now + deps.limits.deletionCoolingOffDays * DAY_MS,
    method,
    receiptId: `dr_${randomBytes(12).toString('base64url')}`,
    phoneHash: (await ownerKeysOf(deps, userId)).phoneHash,
    step: 0,
    removed: {},
    startedAt: null,
    cancelledAt: null,
  }
  if (!(await insertOnce(deps, Collections.accountDeletions, doc))) {
    throw new AppError(ErrorCode.Conflict, '你已提交注销申请，无需重复提交')
  }
  await withholdPosterListings(deps, userId)
  await endAllLogins(ctx, userId, 'account-deletion')
  deps.logger.info('account deletion requested', { userId, purgeAt: doc.purgeAt })
  return stateOf(doc)
}

export async function cancelAccountDeletion(ctx: ActionContext): Promise<AccountDeletionState> {
  const { deps } = ctx
  const userId = memberId(ctx)
  const doc = await loadRequest(ctx, userId)
  if (!doc) throw new AppError(ErrorCode.NotFound, '没有待处理的注销申请')
  const claimed = await deps.store.update(
    Collections.accountDeletions,
    userId,
    { cancelledAt: deps.clock.now() },
    { startedAt: null, cancelledAt: null },
  )
  if (!claimed) throw new AppError(ErrorCode.Conflict, '账号注销已在进行中，无法撤销')
  await restorePosterListings(deps, userId)
  await deps.store.delete(Collections.accountDeletions, userId)
  deps.logger.info('account deletion undone', { userId })
  return NOTHING_PENDING
}

export async function getAccountDeletion(ctx: ActionContext): Promise<AccountDeletionState> {
  const doc = await loadRequest(ctx, memberId(ctx))
  return doc ? stateOf(doc) : NOTHING_PENDING
}

/** The member's live request; an undo that stopped halfway is finished here (its listings back first). */
async function loadRequest(ctx: ActionContext, userId: string): Promise<AccountDeletionDoc | null> {
  const doc = await ctx.deps.store.get<AccountDeletionDoc>(Collections.accountDeletions, userId)
  if (!doc || doc.cancelledAt === null) return doc
  await restorePosterListings(ctx.deps, userId)
  await ctx.deps.store.delete(Collections.accountDeletions, userId)
  return null
}

function stateOf(doc: AccountDeletionDoc): AccountDeletionState {
  return { state: 'pending', purgeAt: doc.purgeAt, receiptId: doc.receiptId }
}
