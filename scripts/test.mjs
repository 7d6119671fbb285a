// `npm test`: everything a change must pass, in the order that fails fastest.
//   1. typecheck (taro build strips types without checking them)   2. lint, formatting, dependency rules,
//      the WeChat privacy guide against the privacy interfaces the code calls
//   3. the three front-end builds (the weapp one answers wx.cloud, as it does with a CloudBase env), size budgets
//   4. jest: server, web, weapp (compiled WeChat build in miniprogram-simulate), e2e (H5 in Chromium)
// Ends with one plain line of totals.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const started = Date.now()

function step(title, command, args, env = {}) {
  const t0 = Date.now()
  console.info(`\n▶ ${title}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - t0) / 1000).toFixed(1)
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds} s`)
    return false
  }
  console.info(`✔ ${title} (${seconds} s)`)
  return true
}

const node = process.execPath
const ok =
  step('typecheck', bin('tsc'), ['--noEmit', '-p', '.']) &&
  step('lint', bin('eslint'), ['.', '--max-warnings', '0']) &&
  step('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']) &&
  step('dependency rules', bin('depcruise'), [
    'cloudfunctions',
    'server',
    'src',
    'scripts',
    '--config',
    '.dependency-cruiser.cjs',
  ]) &&
  step('wechat privacy guide', bin('tsx'), ['scripts/wechat-privacy-guide.ts']) &&
  step('build weapp', node, ['scripts/build.mjs', 'weapp'], { TARO_APP_CLOUD_ENV: 'test-env' }) &&
  step('build alipay', node, ['scripts/build.mjs', 'alipay'], { TARO_APP_API_BASE: 'http://127.0.0.1:3000' }) &&
  step('build h5', node, ['scripts/build.mjs', 'h5']) &&
  step('size budgets', bin('tsx'), ['scripts/size.ts', '--check'])

if (!ok) process.exit(1)

mkdirSync(path.join(root, '.cache'), { recursive: true })
const report = path.join(root, '.cache', 'jest-results.json')
const jestOk = step('jest (server, web, weapp, e2e)', bin('jest'), [
  '--ci',
  '--maxWorkers=2',
  '--json',
  `--outputFile=${report}`,
])
let passed = 0
let failed = 0
let skipped = 0
try {
  const results = JSON.parse(readFileSync(report, 'utf8'))
  passed = results.numPassedTests
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0)
  skipped = results.numPendingTests + results.numTodoTests
} catch {
  failed += 1
}
console.info(`\nfinished in ${((Date.now() - started) / 1000).toFixed(0)} s`)
console.info(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(jestOk && failed === 0 && skipped === 0 ? 0 : 1)
