import { Collections } from './collections'
import type { Rule } from '../../contracts/moderation'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import { insertOnce } from '../common/insert-once'
import { DEFAULT_RULES } from '../../policy/rules'

/**
 * The platform rules as data: seeded from the defaults (policy/rules.ts, also printed in the 用户协议) the
 * first time they are read, so a store holds them without a migration step; later rules are added as
 * documents beside them.
 */
interface RuleDoc extends StoredDocument {
  title: string
  description: string
  order: number
}

async function seeded(deps: Pick<Deps, 'store'>): Promise<RuleDoc[]> {
  const { items } = await deps.store.find<RuleDoc>(Collections.rules, {
    orderBy: [{ field: 'order', direction: 'asc' }],
    limit: 1000,
  })
  if (items.length > 0) return items
  const docs = DEFAULT_RULES.map((rule, order) => ({
    _id: rule.id,
    title: rule.title,
    description: rule.description,
    order,
  }))
  for (const doc of docs) await insertOnce(deps, Collections.rules, doc)
  return docs
}

export async function listRules(deps: Pick<Deps, 'store'>): Promise<Rule[]> {
  return (await seeded(deps)).map(toRule)
}

/** The rule a decision cites; an unknown number is an input error on `ruleId`. */
export async function citedRule(deps: Pick<Deps, 'store'>, ruleId: string): Promise<Rule> {
  const rule = (await seeded(deps)).find((r) => r._id === ruleId)
  if (!rule) throw new AppError(ErrorCode.InvalidInput, `平台规则中没有 ${ruleId}`, 'ruleId')
  return toRule(rule)
}

export async function rulesById(deps: Pick<Deps, 'store'>): Promise<Map<string, Rule>> {
  return new Map((await seeded(deps)).map((r) => [r._id, toRule(r)]))
}

function toRule(doc: RuleDoc): Rule {
  return { id: doc._id, title: doc.title, description: doc.description }
}
