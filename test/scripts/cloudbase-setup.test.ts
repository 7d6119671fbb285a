import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { collectionSpecs } from '@shared/collections'
import {
  applySetupPlan,
  buildSetupPlan,
  INSTALL_HINT,
  MANAGER_PACKAGE,
  type CloudbaseManager,
  type CreateIndex,
  type SetupPlan,
} from '../../scripts/cloudbase-setup'

const ROOT = join(__dirname, '..', '..')

/**
 * Stands in for @cloudbase/manager-node at the edge, in the shapes its database service and commonService
 * use: `createCollectionIfNotExists` → `{ IsCreated }`, `describeCollection` → `{ Indexes: [{ Name, Keys,
 * Unique }] }`, `updateCollection(name, { CreateIndexes })`, `commonService.call({ Action, Param })`.
 */
function fakeManager() {
  const collections = new Map<string, Map<string, CreateIndex>>()
  const calls: string[] = []
  const rules = new Map<string, Record<string, unknown>>()
  const manager: CloudbaseManager = {
    database: {
      async createCollectionIfNotExists(name) {
        calls.push(`createCollectionIfNotExists ${name}`)
        if (collections.has(name)) return { IsCreated: false }
        collections.set(name, new Map())
        return { IsCreated: true }
      },
      async describeCollection(name) {
        const indexes = collections.get(name)
        if (!indexes) throw new Error(`no collection ${name}`)
        return {
          Indexes: [
            { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true },
            ...[...indexes.values()].map((i) => ({
              Name: i.IndexName,
              Keys: i.MgoKeySchema.MgoIndexKeys,
              Unique: i.MgoKeySchema.MgoIsUnique,
            })),
          ],
        }
      },
      async updateCollection(name, { CreateIndexes }) {
        calls.push(`updateCollection ${name} ${CreateIndexes.map((i) => i.IndexName).join(',')}`)
        const indexes = collections.get(name)
        if (!indexes) throw new Error(`no collection ${name}`)
        for (const index of CreateIndexes) indexes.set(index.IndexName, index)
      },
    },
    commonService: () => ({
      async call({ Action, Param }) {
        calls.push(`${Action} ${String(Param.CollectionName)}`)
        rules.set(String(Param.CollectionName), Param)
        return { RequestId: 'r' }
      },
    }),
  }
  return { manager, calls, collections, rules }
}

const silent = () => undefined

describe('cloudbase-setup: the CloudBase database, from collections.ts', () => {
  const plan = buildSetupPlan(collectionSpecs, 'env-test')

  it('the plan covers every collection with every index, keys and directions in the manager API shape', () => {
    expect(plan.collections.map((c) => c.name)).toEqual(Object.keys(collectionSpecs))
    for (const collection of plan.collections) {
      const spec = collectionSpecs[collection.name as keyof typeof collectionSpecs]
      expect(collection.createIndexes).toEqual(
        spec.indexes.map((index) => ({
          IndexName: index.name,
          MgoKeySchema: {
            MgoIsUnique: index.unique === true,
            MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
          },
        })),
      )
    }
    expect(plan.collections.flatMap((c) => c.createIndexes)).toHaveLength(
      Object.values(collectionSpecs).reduce((n, spec) => n + spec.indexes.length, 0),
    )
  })

  it('no collection lets clients write, and the rule is sent as JSON with boolean values', () => {
    for (const collection of plan.collections) {
      expect(collection.safeRule.AclTag).toBe('CUSTOM')
      const rule = JSON.parse(collection.safeRule.Rule) as Record<string, unknown>
      // CloudBase rejects "false" as a string; only JSON booleans deny.
      expect(rule.write).toBe(false)
      expect(typeof rule.read).toBe('boolean')
      expect(Object.keys(rule).sort()).toEqual(['read', 'write'])
    }
    // Listings carry contact details: never readable by clients directly.
    expect(JSON.parse(plan.collections.find((c) => c.name === 'listings')!.safeRule.Rule)).toEqual({
      read: false,
      write: false,
    })
  })

  it('on an empty environment, it creates every collection and index and sets every rule; a second run only re-sets rules', async () => {
    const cloud = fakeManager()

    const first = await applySetupPlan(plan, cloud.manager, silent)
    expect(first.createdCollections).toEqual(Object.keys(collectionSpecs))
    expect(first.createdIndexes).toEqual(
      plan.collections.flatMap((c) => c.createIndexes.map((i) => `${c.name}.${i.IndexName}`)),
    )
    expect(first.rulesSet).toEqual(Object.keys(collectionSpecs))
    for (const collection of plan.collections) {
      expect(cloud.rules.get(collection.name)).toEqual({
        EnvId: 'env-test',
        CollectionName: collection.name,
        AclTag: 'CUSTOM',
        Rule: collection.safeRule.Rule,
      })
    }

    cloud.calls.length = 0
    const second = await applySetupPlan(plan, cloud.manager, silent)
    expect(second).toEqual({ createdCollections: [], createdIndexes: [], rulesSet: first.rulesSet, conflicts: [] })
    expect(cloud.calls.filter((c) => c.startsWith('updateCollection'))).toEqual([])
  })

  it('an index that exists under a declared name with other keys is reported and left alone, and the run fails', async () => {
    const cloud = fakeManager()
    await cloud.manager.database.createCollectionIfNotExists('listings')
    await cloud.manager.database.updateCollection('listings', {
      CreateIndexes: [
        {
          IndexName: 'feed_latest',
          MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: 'status', Direction: '1' }] },
        },
      ],
    })

    await expect(applySetupPlan(plan, cloud.manager, silent)).rejects.toThrow(/listings\.feed_latest/)

    // Not dropped or replaced, while the other indexes and every rule were still applied.
    expect(cloud.collections.get('listings')!.get('feed_latest')!.MgoKeySchema.MgoIndexKeys).toHaveLength(1)
    expect(cloud.collections.get('listings')!.has('feed_by_city')).toBe(true)
    expect([...cloud.rules.keys()]).toEqual(Object.keys(collectionSpecs))
  })

  it('a plan without an environment is refused before any call', async () => {
    const cloud = fakeManager()
    const noEnv: SetupPlan = { ...plan, envId: null }

    await expect(applySetupPlan(noEnv, cloud.manager, silent)).rejects.toThrow('TCB_ENV_ID')
    expect(cloud.calls).toEqual([])
  })

  describe('from the command line', () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx')
    const run = (args: string[], env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(
          tsx,
          ['scripts/cloudbase-setup.ts', ...args],
          { cwd: ROOT, env: { PATH: process.env.PATH, ...env } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        ),
      )
    let managerInstalled = true
    try {
      createRequire(__filename).resolve(MANAGER_PACKAGE)
    } catch {
      managerInstalled = false
    }

    it('without keys it is a dry run that prints the exact plan as JSON', async () => {
      const { code, stdout, stderr } = await run([], { TCB_ENV_ID: 'env-test' })

      expect(code).toBe(0)
      expect(JSON.parse(stdout)).toEqual(plan)
      expect(stderr).toContain('TENCENTCLOUD_SECRETID')
    }, 30_000)

    it('--dry-run prints the plan even when keys are set', async () => {
      const { code, stdout } = await run(['--dry-run'], {
        TCB_ENV_ID: 'env-test',
        TENCENTCLOUD_SECRETID: 'not-a-real-id',
        TENCENTCLOUD_SECRETKEY: 'not-a-real-key',
      })

      expect(code).toBe(0)
      expect(JSON.parse(stdout)).toEqual(plan)
    }, 30_000)

    // Only while the package is absent: with it installed this would call the real management API.
    ;(managerInstalled ? it.skip : it)(
      'with keys but without manager-node it names the one install needed',
      async () => {
        const { code, stdout, stderr } = await run([], {
          TCB_ENV_ID: 'env-test',
          TENCENTCLOUD_SECRETID: 'not-a-real-id',
          TENCENTCLOUD_SECRETKEY: 'not-a-real-key',
        })

        expect(code).toBe(1)
        expect(stdout).toBe('')
        expect(stderr).toContain(INSTALL_HINT)
        expect(stderr).not.toContain('not-a-real-key')
      },
      30_000,
    )
  })
})
