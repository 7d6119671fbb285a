// Builds the front end for each platform named on the command line, one after another:
//   node scripts/build.mjs weapp alipay h5
// `taro build` exits 0 even when its config is invalid and nothing was emitted, so after each build the
// expected entry files are checked; the dist folder is emptied first so stale output cannot pass.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

const expectedEntries = {
  weapp: ['app.js', 'app.json'],
  alipay: ['app.js', 'app.json'],
  h5: ['index.html'],
}

function fail(message) {
  console.error(`build failed: ${message}`)
  process.exit(1)
}

function taroBin() {
  const pkg = require.resolve('@tarojs/cli/package.json', { paths: [root] })
  return path.join(path.dirname(pkg), 'bin', 'taro')
}

function run(platform) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [taroBin(), 'build', '--type', platform, '--no-check'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: process.env.NODE_ENV || 'production' },
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve({ code, signal }))
  })
}

// A mini-program cannot call a relative URL: without an API base (and, on WeChat, without a CloudBase
// env) the build compiles fine and fails on the first request. Say so, but do not refuse: tests build so.
function warnIfUnreachable(platform) {
  const fromEnvFile = readdirSync(root)
    .filter((f) => f.startsWith('.env') && statSync(path.join(root, f)).isFile())
    .some((f) => /^TARO_APP_API_BASE=\S/m.test(readFileSync(path.join(root, f), 'utf8')))
  if (process.env.TARO_APP_API_BASE || fromEnvFile || platform === 'h5') return
  if (platform === 'weapp' && process.env.TARO_APP_CLOUD_ENV) return
  console.warn(
    `warning: ${platform} built without TARO_APP_API_BASE${platform === 'weapp' ? ' or TARO_APP_CLOUD_ENV' : ''}: it cannot reach the back end`,
  )
}

const platforms = process.argv.slice(2)
if (platforms.length === 0) fail(`name at least one platform: ${Object.keys(expectedEntries).join(', ')}`)
const unknown = platforms.filter((p) => !(p in expectedEntries))
if (unknown.length > 0)
  fail(`unknown platform ${unknown.join(', ')} (known: ${Object.keys(expectedEntries).join(', ')})`)

for (const platform of platforms) {
  const outDir = path.join(root, 'dist', platform)
  rmSync(outDir, { recursive: true, force: true })
  const started = Date.now()
  const { code, signal } = await run(platform)
  if (code !== 0) fail(`taro build --type ${platform} exited with ${signal ?? code}`)
  const missing = expectedEntries[platform].filter((file) => !existsSync(path.join(outDir, file)))
  if (missing.length > 0) fail(`dist/${platform} lacks ${missing.join(', ')} (taro build printed an error above?)`)
  warnIfUnreachable(platform)
  console.log(`built ${platform} in ${((Date.now() - started) / 1000).toFixed(1)} s → dist/${platform}`)
}
