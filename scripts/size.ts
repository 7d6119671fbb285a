// `npm run size`: what each build weighs, against budgets. `--check` exits 1 when a budget is exceeded
// (npm test runs it after the builds). Sizes are of the built dist folders, as uploaded/served.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'

const root = resolve(__dirname, '..')
const KB = 1024

/** WeChat warns above 1.5 MB and refuses above 2 MB; the H5 budget keeps the first paint quick on 4G. */
const BUDGETS = {
  weappMain: 1.5 * KB * KB,
  alipayTotal: 2 * KB * KB,
  h5FirstLoadGzip: 150 * KB,
}

// Files the IDEs read but do not upload as code.
const NOT_SHIPPED = new Set(['project.config.json', 'project.private.config.json', 'mini.project.json'])

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

function requireDist(platform: string): string {
  const dir = join(root, 'dist', platform)
  if (!existsSync(dir)) {
    console.error(`dist/${platform} is missing: run npm run build:${platform} first`)
    process.exit(1)
  }
  return dir
}

function shipped(dir: string): string[] {
  return files(dir).filter((f) => !NOT_SHIPPED.has(relative(dir, f)))
}

const sum = (paths: string[], size: (p: string) => number = (p) => statSync(p).size) =>
  paths.reduce((total, p) => total + size(p), 0)
const gz = (p: string) => gzipSync(readFileSync(p), { level: 9 }).length
const fmt = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`

interface Row {
  what: string
  bytes: number
  budget?: number
}
const rows: Row[] = []

// WeChat: the main package is everything outside the subpackage roots declared in app.json.
{
  const dir = requireDist('weapp')
  const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>
    subpackages?: Array<{ root: string }>
  }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'))
  const all = shipped(dir)
  const inRoot = (f: string, r: string) => relative(dir, f).split(sep).join('/').startsWith(r)
  rows.push({
    what: 'WeChat main package',
    bytes: sum(all.filter((f) => !roots.some((r) => inRoot(f, r)))),
    budget: BUDGETS.weappMain,
  })
  for (const r of roots) rows.push({ what: `WeChat subpackage ${r}`, bytes: sum(all.filter((f) => inRoot(f, r))) })
  rows.push({ what: 'WeChat total', bytes: sum(all) })
}

{
  const dir = requireDist('alipay')
  rows.push({ what: 'Alipay total', bytes: sum(shipped(dir)), budget: BUDGETS.alipayTotal })
}

// H5: what the browser fetches before the first page renders (the scripts and styles index.html names),
// and everything, both gzipped as the server sends them.
{
  const dir = requireDist('h5')
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const referenced = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => join(dir, m[1]))
  const assets = files(dir).filter((f) => /\.(js|css)$/.test(f))
  rows.push({
    what: 'H5 first load (gzip)',
    bytes: sum([join(dir, 'index.html'), ...referenced], gz),
    budget: BUDGETS.h5FirstLoadGzip,
  })
  rows.push({ what: 'H5 all JS + CSS (gzip)', bytes: sum(assets, gz) })
}

const check = process.argv.includes('--check')
console.info('| build | size | budget |')
console.info('|---|---:|---:|')
let over = false
for (const row of rows) {
  const exceeded = row.budget !== undefined && row.bytes > row.budget
  over ||= exceeded
  console.info(
    `| ${row.what} | ${fmt(row.bytes)} | ${row.budget ? `${fmt(row.budget)}${exceeded ? ' ✖ over' : ''}` : ''} |`,
  )
}
if (check && over) {
  console.error('size budget exceeded')
  process.exit(1)
}
