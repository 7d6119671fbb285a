import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { collectionSpecs } from '@shared/collections'
import { RECIPIENTS } from '@shared/domain/common/personal-data'
import { DEVICE_DATA, INVENTORY, collectedList, sharedList } from '@shared/domain/privacy/inventory'
import { eachBatch } from '@shared/ports/document-store'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { everyAction, liveMemberLife } from '../../../support/member-life'

/** Every `collection.field` the store holds, walking every document of every collection. */
async function storedFields(backend: EmbeddedBackend): Promise<Set<string>> {
  const seen = new Set<string>()
  for (const collection of Object.keys(collectionSpecs)) {
    const query = { where: {}, orderBy: [{ field: '_id', direction: 'asc' as const }] }
    for await (const batch of eachBatch(backend.store, collection, query, 200)) {
      for (const doc of batch) for (const field of Object.keys(doc)) seen.add(`${collection}.${field}`)
    }
  }
  return seen
}

const declaredFields = () =>
  new Set(INVENTORY.flatMap((d) => Object.keys(d.fields).map((field) => `${d.collection}.${field}`)))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

describe('the data inventory holds to what the code stores', () => {
  let backend: EmbeddedBackend
  let stored: Set<string>

  beforeAll(async () => {
    // The human check on, so its records are written too.
    backend = await createEmbeddedBackend({ humanCheck: 'pow' })
    const life = await liveMemberLife(backend, { accountDeletion: true })
    expect(everyAction().filter((action) => !life.called.has(action))).toEqual([])
    stored = await storedFields(backend)
    // Every SMS code asked over HTTP is a proof of work solved here: a dozen of them on a busy machine.
  }, 60_000)
  afterAll(() => backend.dispose())

  it('a member who uses every action of every function leaves no field the inventory does not declare', () => {
    const declared = declaredFields()
    expect([...stored].filter((field) => !declared.has(field)).sort()).toEqual([])
  })

  it('every declared field is really written by that life: none is left over from code that changed', () => {
    expect([...declaredFields()].filter((field) => !stored.has(field)).sort()).toEqual([])
  })

  it('every collection is declared exactly once, and each declaration names its owner fields among its fields', () => {
    const names = INVENTORY.map((d) => d.collection)
    expect([...names].sort()).toEqual(Object.keys(collectionSpecs).sort())
    expect(new Set(names).size).toBe(names.length)
    for (const data of INVENTORY) {
      expect({ [data.collection]: data.owners.filter((f) => !(f in data.fields)) }).toEqual({ [data.collection]: [] })
    }
  })

  it('what the app keeps on the device is declared: every storage key in the app is in the inventory', () => {
    const keys = new Set<string>()
    for (const file of sourceFiles(join(__dirname, '../../../../src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'(zn\.[a-z-]+\.v\d+)'/g)) keys.add(match[1])
    }
    expect([...keys].sort()).toEqual(DEVICE_DATA.map((d) => d.key).sort())
  })

  it('the collection list names every personal field once per category, and the sharing list every recipient', () => {
    const collected = collectedList()
    expect(collected.map((c) => c.category)).toEqual(expect.arrayContaining(['账号信息', '个人资料', '联系方式']))
    const phone = collected.find((c) => c.fields.includes('手机号（加密保存）'))
    expect(phone).toMatchObject({ category: '账号信息', where: '服务器', retention: '保存至你注销账号' })
    expect(collected.find((c) => c.what.startsWith('浏览记录'))).toMatchObject({ where: '仅本机' })
    // Nothing without personal data is listed as collected.
    expect(collected.some((c) => c.what.startsWith('分类'))).toBe(false)

    const shared = sharedList()
    expect(shared.map((r) => r.name)).toEqual(Object.values(RECIPIENTS).map((r) => r.name))
    expect(shared.every((r) => r.items.length > 0)).toBe(true)
    expect(shared.find((r) => r.name === '腾讯云短信')?.items[0].what).toContain('手机号')
  })
})
