import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { Collections, collectionSpecs } from '@shared/collections'
import { Collections as accounts } from '@shared/domain/accounts/collections'
import { Collections as common } from '@shared/domain/common/collections'
import { Collections as interactions } from '@shared/domain/interactions/collections'
import { Collections as listings } from '@shared/domain/listings/collections'

const ROOT = join(__dirname, '..', '..')
const DOMAIN = join(ROOT, 'cloudfunctions', 'shared', 'domain')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : []
  })
}

/** Rules of shape that the import graph cannot show (those are in .dependency-cruiser.cjs). */
describe('the shape of the back end', () => {
  it('no domain code reads the environment: settings arrive in the deps', () => {
    const readers = filesUnder(DOMAIN).filter((file) => /\bprocess\.env\b/.test(readFileSync(file, 'utf8')))
    expect(readers.map((file) => relative(ROOT, file))).toEqual([])
  })

  it('every collection has exactly one owning domain, and the merged list is exactly theirs', () => {
    const owned = [accounts, common, interactions, listings].flatMap((c) => Object.values(c))
    expect(new Set(owned).size).toBe(owned.length)
    expect([...owned].sort()).toEqual(Object.values(Collections).sort())
    expect(Object.keys(collectionSpecs).sort()).toEqual([...owned].sort())
  })
})
