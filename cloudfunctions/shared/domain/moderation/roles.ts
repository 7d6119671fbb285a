import type { ModeratorRole, PublicPenalty } from '../../contracts/moderation'
import type { Page } from '../../contracts/common'
import type { ActionContext } from '../../core/action-context'
import type { Deps } from '../../core/deps'
import { accountIdByPhone, memberId, publicAccountBans, removeRole, roleOf, setRole } from '../accounts'
import { appendAudit, OPERATOR } from './audit-log'
import { refOf } from './refs'
import { rulesById } from './rules'

/**
 * Roles granted from the command line (`npm run moderator`) on the operator's machine: found by the phone
 * number's keyed hash, changed, and audited with the operator as the actor.
 */
export async function grantRoleByPhone(
  deps: Deps,
  phone: string,
  role: ModeratorRole,
): Promise<{ userId: string; before: ModeratorRole | null }> {
  const userId = await accountIdByPhone(deps, phone)
  if (!userId) throw new Error('no account has this phone number')
  const before = await setRole(deps, userId, role)
  await appendAudit(deps, {
    actor: OPERATOR,
    action: 'grantRole',
    target: { kind: 'account', id: await refOf(deps, userId) },
    before,
    after: role,
  })
  return { userId, before }
}

export async function revokeRoleByPhone(
  deps: Deps,
  phone: string,
): Promise<{ userId: string; before: ModeratorRole | null }> {
  const userId = await accountIdByPhone(deps, phone)
  if (!userId) throw new Error('no account has this phone number')
  const before = await removeRole(deps, userId)
  if (before !== null) {
    await appendAudit(deps, {
      actor: OPERATOR,
      action: 'revokeRole',
      target: { kind: 'account', id: await refOf(deps, userId) },
      before,
      after: null,
    })
  }
  return { userId, before }
}

export async function getMyRole(ctx: ActionContext): Promise<{ role: ModeratorRole | null }> {
  const stored = await roleOf(ctx.deps, memberId(ctx))
  if (stored) return { role: stored }
  return { role: ctx.caller.kind === 'member' && ctx.caller.moderator ? 'moderator' : null }
}

export async function listPublicPenalties(
  deps: Pick<Deps, 'store'>,
  input: { cursor: string | null; pageSize: number },
): Promise<Page<PublicPenalty>> {
  const page = await publicAccountBans(deps, input)
  const rules = await rulesById(deps)
  return {
    items: page.items.map(({ account, penalty }) => ({
      account,
      kind: penalty.kind,
      rule: { id: penalty.ruleId, title: rules.get(penalty.ruleId)?.title ?? '' },
      at: penalty.startsAt,
      endsAt: penalty.endsAt,
    })),
    nextCursor: page.nextCursor,
  }
}
