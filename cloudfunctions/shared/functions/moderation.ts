import { moderationContract } from '../contracts/moderation'
import { defineFunction } from '../core/handler'
import { appeal, decideAppeal, listMyDecisions } from '../domain/moderation/appeals'
import { listAuditLog } from '../domain/moderation/audit-log'
import { claim, decide, penalize } from '../domain/moderation/decide'
import { listQueue } from '../domain/moderation/queues'
import { publishNotice } from '../domain/moderation/publish-notice'
import { refOf } from '../domain/moderation/refs'
import { getMyRole, listPublicPenalties } from '../domain/moderation/roles'
import { listRules } from '../domain/moderation/rules'
import { getStats } from '../domain/moderation/stats'
import { requestCounts } from '../domain/support'
import { memberId } from '../domain/accounts'
import {
  deleteCategory,
  listAllCategories,
  listPolicyVersions,
  moveCategory,
  publishPolicyVersion,
  saveCategory,
  setCategoryHidden,
} from '../domain/moderation/console'

export const moderationFunction = defineFunction('moderation', moderationContract, {
  listQueue: (input, ctx) => listQueue(ctx, input),
  claim: (input, ctx) => claim(ctx, input.target),
  decide: (input, ctx) => decide(ctx, input),
  penalize: (input, ctx) => penalize(ctx, input),
  listAuditLog: async (input, ctx) => listAuditLog(ctx.deps, await refOf(ctx.deps, memberId(ctx)), input),
  decideAppeal: (input, ctx) => decideAppeal(ctx, input),
  listRules: (_input, ctx) => listRules(ctx.deps),
  listPublicPenalties: (input, ctx) => listPublicPenalties(ctx.deps, input),
  appeal: (input, ctx) => appeal(ctx, input),
  listMyDecisions: (input, ctx) => listMyDecisions(ctx, input),
  publishNotice: (input, ctx) => publishNotice(ctx, input),
  getMyRole: (_input, ctx) => getMyRole(ctx),
  // The requests' part comes from the support domain, which itself records answers in moderation's audit log.
  getStats: async (input, ctx) => ({ ...(await getStats(ctx, input)), requests: await requestCounts(ctx.deps) }),
  listAllCategories: (_input, ctx) => listAllCategories(ctx),
  saveCategory: (input, ctx) => saveCategory(ctx, input),
  moveCategory: (input, ctx) => moveCategory(ctx, input),
  setCategoryHidden: (input, ctx) => setCategoryHidden(ctx, input),
  deleteCategory: (input, ctx) => deleteCategory(ctx, input),
  listPolicyVersions: (_input, ctx) => listPolicyVersions(ctx),
  publishPolicyVersion: (input, ctx) => publishPolicyVersion(ctx, input),
})
