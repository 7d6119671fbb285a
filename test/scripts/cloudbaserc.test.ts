import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LIMIT_SETTINGS } from '@shared/core/limits'
import { SMS_CAPTCHA_ENV } from '@shared/drivers/platform-env'
import { functionDefinitions } from '@shared/functions'
import { jobFunctionName } from '@shared/core/job'
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

  it('deploys exactly the functions in functionDefinitions and one function per job, once each', () => {
    const names = functions.map((f) => f.name)
    const jobs = Object.values(jobDefinitions).map(jobFunctionName)
    expect([...names].sort()).toEqual([...Object.keys(functionDefinitions), ...jobs].sort())
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
      // HTTP access for Alipay and H5, at the same path the self-hosted server mounts the function.
      expect(fn.path).toBe(`/api/${name}`)
    },
  )

  it.each(functions.map((f) => [f.name, f] as const))('%s ships the prebuilt bundle as it is', (_name, fn) => {
    expect(fn.handler).toBe('index.main')
    expect(fn.runtime).toBe(CLOUDBASE_RUNTIME)
    expect(fn.installDependency).toBe(false)
  })
})

describe('the SMS guard settings', () => {
  const names = [
    LIMIT_SETTINGS.smsSendsPerClientPerHour.env,
    LIMIT_SETTINGS.smsSendsPerDay.env,
    LIMIT_SETTINGS.smsWrongCodesPerClientPerHour.env,
    SMS_CAPTCHA_ENV,
  ]

  it('reach the auth function, which sends the codes, and no other', () => {
    for (const fn of functions) {
      for (const name of names) {
        if (fn.name === 'auth') expect(fn.envVariables?.[name]).toBe(`{{env.${name}}}`)
        else expect(fn.envVariables?.[name]).toBeUndefined()
      }
    }
  })

  it('are described in .env.example and in the README configuration table', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8')
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    for (const name of [...names, 'TRUST_PROXY', 'ALLOW_DEMO_ON_NETWORK']) {
      if (name.startsWith('SMS_')) expect(example).toMatch(new RegExp(`^${name}=`, 'm'))
      expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'))
    }
  })
})
