import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { Collections, collectionSpecs } from '@shared/collections'
import { Collections as accounts } from '@shared/domain/accounts/collections'
import { Collections as common } from '@shared/domain/common/collections'
import { Collections as interactions } from '@shared/domain/interactions/collections'
import { Collections as listings } from '@shared/domain/listings/collections'
import { Collections as messages } from '@shared/domain/messages/collections'
import { Collections as cards } from '@shared/domain/cards/collections'
import { Collections as moderation } from '@shared/domain/moderation/collections'
import { Collections as notices } from '@shared/domain/notices/collections'
import { Collections as privacy } from '@shared/domain/privacy/collections'
import { Collections as support } from '@shared/domain/support/collections'
import { NOTICE_PAGE } from '@shared/contracts'
import { Routes } from '@/routes'

const ROOT = join(__dirname, '..', '..')
const DOMAIN = join(ROOT, 'cloudfunctions', 'shared', 'domain')

function filesUnder(dir: string, pattern = /\.ts$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(path) ? [path] : []
  })
}

/** Rules of shape that the import graph cannot show (those are in .dependency-cruiser.cjs). */
describe('the shape of the back end', () => {
  it('no domain code reads the environment: settings arrive in the deps', () => {
    const readers = filesUnder(DOMAIN).filter((file) => /\bprocess\.env\b/.test(readFileSync(file, 'utf8')))
    expect(readers.map((file) => relative(ROOT, file))).toEqual([])
  })

  it('every collection has exactly one owning domain, and the merged list is exactly theirs', () => {
    const owned = [
      accounts,
      common,
      interactions,
      listings,
      privacy,
      moderation,
      notices,
      messages,
      support,
      cards,
    ].flatMap((c) => Object.values(c))
    expect(new Set(owned).size).toBe(owned.length)
    expect([...owned].sort()).toEqual(Object.values(Collections).sort())
    expect(Object.keys(collectionSpecs).sort()).toEqual([...owned].sort())
  })
})

describe('the shape of the app', () => {
  it('every page path is written once (src/routes.ts) and is a page the build declares', () => {
    const config = readFileSync(join(ROOT, 'src', 'app.config.ts'), 'utf8')
    const main = /pages: \[([^\]]*)\]/.exec(config)![1]
    const declared = new Set([
      ...[...main.matchAll(/'([^']+)'/g)].map((m) => `/${m[1]}`),
      ...[...config.matchAll(/root: '([^']+)',\s*pages: \[([^\]]*)\]/g)].flatMap((m) =>
        [...m[2].matchAll(/'([^']+)'/g)].map((p) => `/${m[1]}/${p[1]}`),
      ),
    ])
    expect([...declared].sort()).toEqual(Object.values(Routes).sort())
    const elsewhere = filesUnder(join(ROOT, 'src'), /\.tsx?$/)
      .filter((file) => !file.endsWith(join('src', 'routes.ts')) && !file.endsWith('app.config.ts'))
      .filter((file) => /['`]\/(pages|packages)\/[^'`]*\/index/.test(readFileSync(file, 'utf8')))
    expect(elsewhere.map((file) => relative(ROOT, file))).toEqual([])
  })

  it('消息 is the tab page WeChat subscription messages open, and every tab page is in the main package', () => {
    expect(Routes.messages).toBe(`/${NOTICE_PAGE}`)
    const config = readFileSync(join(ROOT, 'src', 'app.config.ts'), 'utf8')
    const main = [.../pages: \[([^\]]*)\]/.exec(config)![1].matchAll(/'([^']+)'/g)].map((m) => m[1])
    const tabs = [...config.matchAll(/pagePath: '([^']+)'/g)].map((m) => m[1])
    expect(tabs).toEqual(['pages/index/index', 'pages/publish/index', NOTICE_PAGE, 'pages/mine/index'])
    for (const tab of tabs) expect(main).toContain(tab)
  })
})
