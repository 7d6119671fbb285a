import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderSettingsTable, SETTINGS, variablesOf, type SettingReader } from '@shared/settings'
import { functionDefinitions } from '@shared/functions'
import { jobFunctionName } from '@shared/core/job'
import { WECHAT_PUSH_FUNCTION, WECHAT_PUSH_PATH } from '@shared/core/push-entry'
import { jobDefinitions } from '@shared/jobs'
import { Cron } from 'croner'
import { CLOUDBASE_RUNTIME } from '../../scripts/bundle-functions'

const ROOT = join(__dirname, '..', '..')

interface FunctionConfig {
  name: string
  handler?: string
  runtime?: string
  timeout?: number
  memorySize?: number
  installDependency?: boolean
  ignore?: string[]
  path?: string
  envVariables?: Record<string, string>
  triggers?: Array<{ name: string; type: string; config: string }>
}

const rc = JSON.parse(readFileSync(join(ROOT, 'cloudbaserc.json'), 'utf8')) as {
  version?: string
  envId?: string
  functionRoot?: string
  functions?: FunctionConfig[]
}
const functions = rc.functions ?? []

describe('cloudbaserc.json: what `tcb fn deploy --all` deploys', () => {
  it('names no environment: the env id comes from TCB_ENV_ID, and functions from the bundle output folder', () => {
    expect(rc.version).toBe('2.0')
    expect(rc.envId).toBe('{{env.TCB_ENV_ID}}')
    expect(rc.functionRoot).toBe('./cloudfunctions')
    expect(readFileSync(join(ROOT, '.env.example'), 'utf8')).toMatch(/^TCB_ENV_ID=/m)
  })

  it('deploys exactly the functions in functionDefinitions, one function per job and the push entry, once each', () => {
    const names = functions.map((f) => f.name)
    const jobs = Object.values(jobDefinitions).map(jobFunctionName)
    expect([...names].sort()).toEqual([...Object.keys(functionDefinitions), ...jobs, WECHAT_PUSH_FUNCTION].sort())
    expect(new Set(names).size).toBe(names.length)
  })

  it.each(Object.values(jobDefinitions).map((job) => [job.name, job] as const))(
    'job %s: its function has exactly one timer trigger, on the job’s own schedule, and no HTTP path',
    (_name, job) => {
      const fn = functions.find((f) => f.name === jobFunctionName(job))!
      expect(fn.triggers).toEqual([{ name: job.name, type: 'timer', config: job.schedule }])
      expect(fn.path).toBeUndefined()
      // The same string the self-hosted server schedules: croner reads CloudBase's 7 fields.
      const next = new Cron(job.schedule, { paused: true, timezone: 'Asia/Shanghai' }).nextRun()
      expect(next).toBeInstanceOf(Date)
    },
  )

  it.each(functions.filter((f) => !f.triggers).map((f) => [f.name, f] as const))(
    '%s sets every value whose default differs between CLI, manager and docs, and ships the prebuilt bundle',
    (name, fn) => {
      expect(fn.handler).toBe('index.main')
      // The same runtime the bundle is compiled for.
      expect(fn.runtime).toBe(CLOUDBASE_RUNTIME)
      expect(Number.isInteger(fn.timeout) && fn.timeout! >= 1 && fn.timeout! <= 60).toBe(true)
      expect(Number.isInteger(fn.memorySize) && fn.memorySize! >= 128).toBe(true)
      // The bundle already contains the SDK; an install step in the cloud would find no dependencies.
      expect(fn.installDependency).toBe(false)
      expect(fn.ignore).toEqual(expect.arrayContaining(['main.ts', '**/*.ts']))
      // HTTP access for Alipay and H5, at the same path the self-hosted server mounts the function; WeChat's
      // message push at the path the server serves it.
      expect(fn.path).toBe(name === WECHAT_PUSH_FUNCTION ? WECHAT_PUSH_PATH : `/api/${name}`)
    },
  )

  it.each(functions.map((f) => [f.name, f] as const))('%s ships the prebuilt bundle as it is', (_name, fn) => {
    expect(fn.handler).toBe('index.main')
    expect(fn.runtime).toBe(CLOUDBASE_RUNTIME)
    expect(fn.installDependency).toBe(false)
  })
})

describe('settings: declared once (cloudfunctions/shared/settings.ts), deployed and documented from it', () => {
  it.each(functions.map((f) => [f.name, f] as const))(
    '%s gets exactly the variables it reads, each from .env.local',
    (name, fn) => {
      const expected = variablesOf(name as SettingReader)
      expect(Object.keys(fn.envVariables ?? {}).sort()).toEqual([...expected].sort())
      for (const variable of expected) expect(fn.envVariables![variable]).toBe(`{{env.${variable}}}`)
    },
  )

  it('.env.example describes every variable a function reads', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8')
    const deployed = new Set(functions.flatMap((f) => Object.keys(f.envVariables ?? {})))
    for (const variable of deployed) expect(example).toMatch(new RegExp(`^${variable}=`, 'm'))
  })

  it('the README configuration table is the one the declaration renders', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const block = /<!-- settings:begin[^>]*-->\n([\s\S]*?)\n<!-- settings:end -->/.exec(readme)
    const cells = (table: string) =>
      table
        .split('\n')
        .filter((line) => !/^\|[-| ]+\|$/.test(line))
        .map((line) => line.split(' | ').map((cell) => cell.replace(/^\|\s*|\s*\|$/g, '').trim()))
    expect(block).not.toBeNull()
    expect(cells(block![1])).toEqual(cells(renderSettingsTable()))
  })

  it('every variable the hosts and drivers read is declared', () => {
    const sources = [
      'server/config.ts',
      'server/server.ts',
      'server/backup-config.ts',
      'cloudfunctions/shared/hosts/cloudbase.ts',
      'cloudfunctions/shared/drivers/platform-env.ts',
      'cloudfunctions/shared/drivers/local/local-content-rules.ts',
      'cloudfunctions/shared/core/limits.ts',
    ].map((file) => readFileSync(join(ROOT, file), 'utf8'))
    const read = new Set<string>()
    for (const text of sources) {
      for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1])
      for (const m of text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) read.add(m[1])
    }
    const declared = new Set(SETTINGS.flatMap((setting) => setting.names))
    expect([...read].filter((name) => !declared.has(name)).sort()).toEqual([])
  })
})
