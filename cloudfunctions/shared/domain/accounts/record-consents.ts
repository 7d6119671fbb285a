import type * as v from 'valibot'
import type { RecordConsentsInput } from '../../contracts/auth'
import type { ActionContext } from '../../core/action-context'
import { appendToLedger } from './consent-ledger'
import { memberId } from './member'

/** A logged-in member's later decisions (re-consent after a version change) go straight to the ledger. */
export async function recordConsents(
  ctx: ActionContext,
  input: v.InferOutput<typeof RecordConsentsInput>,
): Promise<{ recorded: number }> {
  return { recorded: await appendToLedger(ctx.deps, memberId(ctx), input.decisions, 'server') }
}
