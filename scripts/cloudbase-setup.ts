/**
 * Creates the CloudBase database that collections.ts declares: every collection, its indexes and its
 * client security rule. collections.ts stays the single source; this script only translates it into
 * CloudBase's management API, so there is no second copy to drift (CLI v2 has no config format for
 * indexes or rules anyway).
 *
 *   npx tsx scripts/cloudbase-setup.ts --dry-run   prints the plan as JSON, touches nothing
 *   npx tsx scripts/cloudbase-setup.ts             applies it when TCB_ENV_ID, TENCENTCLOUD_SECRETID and
 *                                                  TENCENTCLOUD_SECRETKEY are set (TENCENTCLOUD_SESSIONTOKEN
 *                                                  too for temporary keys); otherwise a dry run
 *
 * Applying needs `@cloudbase/manager-node`, which the app does not depend on; the script says so.
 * It is safe to run again: existing collections and indexes are kept, rules are set to the declared ones.
 * It never drops an index. An index whose name exists with other keys is reported and the run fails, so
 * the operator decides (drop it in the console, or rename the index in collections.ts).
 */
import { createRequire } from 'node:module'
import { parseArgs } from 'node:util'
import {
  collectionSpecs,
  type ClientRule,
  type CollectionSpec,
  type IndexSpec,
} from '../cloudfunctions/shared/collections'

/** One key of an index, in the shape of the manager API's `MgoKeySchema.MgoIndexKeys`. */
export interface MgoIndexKey {
  Name: string
  Direction: '1' | '-1'
}

/** An entry of `database.updateCollection(name, { CreateIndexes })`. */
export interface CreateIndex {
  IndexName: string
  MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: MgoIndexKey[] }
}

/** The `Param` of the `ModifySafeRule` call, less the env and collection it applies to. */
export interface SafeRule {
  AclTag: 'CUSTOM'
  /** The rule as CloudBase takes it: a JSON string with boolean values. */
  Rule: string
}

export interface CollectionPlan {
  name: string
  createIndexes: CreateIndex[]
  safeRule: SafeRule
}

export interface SetupPlan {
  envId: string | null
  collections: CollectionPlan[]
}

export function buildSetupPlan(
  specs: Record<string, CollectionSpec> = collectionSpecs,
  envId: string | null = null,
): SetupPlan {
  return {
    envId,
    collections: Object.entries(specs).map(([name, spec]) => ({
      name,
      createIndexes: spec.indexes.map(toCreateIndex),
      safeRule: toSafeRule(spec.clientRule),
    })),
  }
}

function toCreateIndex(index: IndexSpec): CreateIndex {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIsUnique: index.unique === true,
      MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: k.direction === 1 ? '1' : '-1' })),
    },
  }
}

/**
 * A custom rule rather than the ADMINONLY / ADMINWRITE presets: the stored rule is then literally what
 * collections.ts says, and reading it back in the console shows `read` and `write` as declared.
 */
function toSafeRule(rule: ClientRule): SafeRule {
  return { AclTag: 'CUSTOM', Rule: JSON.stringify({ read: rule.read, write: rule.write }) }
}

// ---------------------------------------------------------------------------------------------------
// Applying the plan through @cloudbase/manager-node

/** An index as `database.describeCollection` lists it. */
interface ExistingIndex {
  Name: string
  Keys?: Array<{ Name: string; Direction: string }>
  Unique?: boolean
}

interface CommonService {
  call(request: { Action: string; Param: Record<string, unknown> }): Promise<unknown>
}

/** The part of a manager-node `CloudBase` instance this script uses. */
export interface CloudbaseManager {
  database: {
    createCollectionIfNotExists(name: string): Promise<{ IsCreated?: boolean }>
    describeCollection(name: string): Promise<{ Indexes?: ExistingIndex[] }>
    updateCollection(name: string, info: { CreateIndexes: CreateIndex[] }): Promise<unknown>
  }
  /** A getter in older manager-node releases, a method in newer ones. */
  commonService: CommonService | (() => CommonService)
}

export interface ApplySummary {
  createdCollections: string[]
  createdIndexes: string[]
  rulesSet: string[]
  /** `collection.index` names that exist with other keys; left untouched. */
  conflicts: string[]
}

export async function applySetupPlan(
  plan: SetupPlan,
  manager: CloudbaseManager,
  log: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Promise<ApplySummary> {
  if (!plan.envId) throw new Error('The plan names no environment: set TCB_ENV_ID')
  const summary: ApplySummary = { createdCollections: [], createdIndexes: [], rulesSet: [], conflicts: [] }
  const common = typeof manager.commonService === 'function' ? manager.commonService() : manager.commonService

  for (const collection of plan.collections) {
    const { IsCreated } = await manager.database.createCollectionIfNotExists(collection.name)
    if (IsCreated) summary.createdCollections.push(collection.name)
    log(`${collection.name}: collection ${IsCreated ? 'created' : 'exists'}`)

    const existing = new Map(
      ((await manager.database.describeCollection(collection.name)).Indexes ?? []).map((i) => [i.Name, i]),
    )
    const missing: CreateIndex[] = []
    for (const index of collection.createIndexes) {
      const found = existing.get(index.IndexName)
      if (!found) missing.push(index)
      else if (!sameIndex(found, index)) summary.conflicts.push(`${collection.name}.${index.IndexName}`)
    }
    if (missing.length > 0) {
      await manager.database.updateCollection(collection.name, { CreateIndexes: missing })
      summary.createdIndexes.push(...missing.map((i) => `${collection.name}.${i.IndexName}`))
    }
    log(
      `${collection.name}: ${missing.length} index(es) created, ${collection.createIndexes.length - missing.length} kept`,
    )

    await common.call({
      Action: 'ModifySafeRule',
      Param: { EnvId: plan.envId, CollectionName: collection.name, ...collection.safeRule },
    })
    summary.rulesSet.push(collection.name)
    log(`${collection.name}: client rule ${collection.safeRule.Rule}`)
  }

  if (summary.conflicts.length > 0) {
    throw new Error(
      `Indexes exist under these names with other keys and were left as they are: ${summary.conflicts.join(', ')}. ` +
        'Drop them in the CloudBase console (or rename them in collections.ts) and run again.',
    )
  }
  return summary
}

/** Without key details in the listing there is nothing to compare, so a same-named index counts as present. */
function sameIndex(found: ExistingIndex, wanted: CreateIndex): boolean {
  if (!found.Keys) return true
  const keys = (list: Array<{ Name: string; Direction: string }>) =>
    list.map((k) => `${k.Name}:${k.Direction}`).join(',')
  const uniqueMatches = found.Unique === undefined || found.Unique === wanted.MgoKeySchema.MgoIsUnique
  return uniqueMatches && keys(found.Keys) === keys(wanted.MgoKeySchema.MgoIndexKeys)
}

// ---------------------------------------------------------------------------------------------------
// Command line

export const MANAGER_PACKAGE = '@cloudbase/manager-node'
export const INSTALL_HINT = `npm i -D ${MANAGER_PACKAGE}`
const KEY_VARIABLES = ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const

type ManagerConstructor = new (config: {
  envId: string
  secretId: string
  secretKey: string
  token?: string
}) => CloudbaseManager

/** Loaded at run time so that the dry run, the tests and the app never need the package. */
function loadManager(): ManagerConstructor | null {
  let loaded: unknown
  try {
    loaded = createRequire(__filename)(MANAGER_PACKAGE)
  } catch (error) {
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND') return null
    throw error
  }
  const ctor = (loaded as { default?: unknown }).default ?? loaded
  if (typeof ctor !== 'function') throw new Error(`${MANAGER_PACKAGE} does not export the CloudBase class`)
  return ctor as ManagerConstructor
}

async function cli(): Promise<void> {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } })
  const env = process.env
  const plan = buildSetupPlan(collectionSpecs, env.TCB_ENV_ID || null)
  const missing = KEY_VARIABLES.filter((name) => !env[name])

  if (values['dry-run'] || missing.length > 0) {
    process.stdout.write(JSON.stringify(plan, null, 2) + '\n')
    if (!values['dry-run']) {
      process.stderr.write(`Dry run: ${missing.join(', ')} not set. Set them in the environment to apply this plan.\n`)
    }
    return
  }

  const CloudBase = loadManager()
  if (!CloudBase) {
    process.stderr.write(
      `Applying the plan needs ${MANAGER_PACKAGE}, which this repo does not install:\n  ${INSTALL_HINT}\n`,
    )
    process.exitCode = 1
    return
  }
  const manager = new CloudBase({
    envId: env.TCB_ENV_ID as string,
    secretId: env.TENCENTCLOUD_SECRETID as string,
    secretKey: env.TENCENTCLOUD_SECRETKEY as string,
    token: env.TENCENTCLOUD_SESSIONTOKEN || undefined,
  })
  const summary = await applySetupPlan(plan, manager)
  process.stdout.write(
    `Done: ${summary.createdCollections.length} collection(s) and ${summary.createdIndexes.length} index(es) created, ` +
      `rules set on ${summary.rulesSet.length} collection(s).\n`,
  )
}

// `require` is typed as WeChat's in this project (the mini-program typings are global), hence createRequire.
if (createRequire(__filename).main === module) {
  cli().catch((error: unknown) => {
    // Manager errors can carry request details; the message alone is enough and holds no keys.
    process.stderr.write(`cloudbase-setup failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
