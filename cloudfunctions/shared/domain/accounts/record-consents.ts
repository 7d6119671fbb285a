import type * as v from 'valibot'
import type { RecordConsentsInput } from '../../contracts/auth'
import type { ActionContext } from '../../core/action-context'
import { appendToLedger, assertDecisionTimes } from './consent-ledger'
import { memberId } from './member'

/**
 * A logged-in member's later decisions (re-consent after a version change, a withdrawal) go straight to the
 * ledger, once their times are plausible: a decision dated ahead would outweigh the member's later ones.
 */
export async function recordConsents(
  ctx: ActionContext,
  input: v.InferOutput<typeof RecordConsentsInput>,
): Promise<{ recorded: number }> {
  assertDecisionTimes(input.decisions, ctx.deps.clock.now(), 'decisions')
  return { recorded: await appendToLedger(ctx.deps, memberId(ctx), input.decisions, 'server') }
}
