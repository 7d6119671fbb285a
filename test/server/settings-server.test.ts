import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runServerProcess } from '../support/server-process'

describe('a bad setting stops `npm run serve` with one line naming the variable', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-settings-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each([
    ['a number out of range', { PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000"'],
    [
      'a limit that is not a number',
      { REVEAL_DAILY_LIMIT: 'many' },
      'REVEAL_DAILY_LIMIT must be a whole number from 1 to 1000, got "many"',
    ],
    ['a bad choice', { APP_MODE: 'staging' }, 'APP_MODE must be demo or production, got "staging"'],
    ['a bad choice among four', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be debug, info, warn or error, got "loud"'],
    [
      'a malformed address',
      { PUBLIC_URL: 'example.com/files' },
      'PUBLIC_URL must be an http(s)://host[:port] origin, got "example.com/files"',
    ],
    [
      'a malformed key, not echoed',
      { SESSION_SECRET: 'short' },
      'SESSION_SECRET must be 32 bytes written as 64 hex characters or as base64 (e.g. openssl rand -hex 32)',
    ],
    [
      'a malformed proxy list',
      { TRUST_PROXY: '127.0.0.1, proxy.lan' },
      'TRUST_PROXY must be comma-separated IP addresses or CIDR blocks, got "proxy.lan"',
    ],
  ])('%s', async (_kind, env, line) => {
    const proc = runServerProcess({ PORT: '0', DATA_DIR: join(dir, 'data'), ...env })

    expect(await proc.exited).toBe(1)
    expect(proc.err()).toBe(`启动失败：${line}\n`)
    expect(proc.out()).not.toContain('质能视界已启动')
  })
})
