import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AuditEntry, Envelope, ModeratorRole, Page, Session } from '@shared/contracts'
import { silentLogger } from '@shared/core/logger'
import type { OutboxMessage } from '@shared/drivers/local/sms-outbox'
import { startServer, type RunningServer } from '../../server/server'
import { agreedConsents } from '../support/accounts'
import { runModeratorProcess } from '../support/server-process'

const ADMIN = '13812340001'
const HELPER = '13812340002'

describe('npm run moderator: roles granted and revoked on the operator’s machine', () => {
  let dir: string
  let server: RunningServer

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-moderator-'))
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      h5Dir: join(dir, 'no-h5'),
      seed: false,
      logLevel: 'error',
      logger: silentLogger,
      env: { SMS_CAPTCHA: 'off' },
    })
  })
  afterEach(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const api = async <T>(fn: string, action: string, payload: unknown, token?: string) => {
    const res = await fetch(`${server.url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ action, payload }),
    })
    return (await res.json()) as Envelope<T>
  }
  const login = async (phone: string): Promise<Session> => {
    await api('auth', 'sendSmsCode', { phone })
    const messages = (await (await fetch(`${server.url}/dev/sms-outbox`)).json()) as OutboxMessage[]
    const code = messages.filter((m) => m.phone === phone).at(-1)!.code
    const answer = await api<Session>('auth', 'loginWithSms', { phone, code, consents: agreedConsents(Date.now()) })
    if (!answer.ok) throw new Error(answer.error.message)
    return answer.data
  }
  const cli = async (...args: string[]) => {
    const run = runModeratorProcess(args, { DATA_DIR: join(dir, 'data') })
    return { code: await run.exited, out: run.out(), err: run.err() }
  }
  const role = async (token: string) => api<{ role: ModeratorRole | null }>('moderation', 'getMyRole', {}, token)

  it('grant gives a logged-in member the role at once, revoke takes it away, and each change is audited', async () => {
    const admin = await login(ADMIN)
    const helper = await login(HELPER)
    expect(await api('moderation', 'listQueue', { queue: 'listings' }, admin.token)).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })

    const granted = await cli('grant', ADMIN, '--role', 'admin')
    expect(granted).toMatchObject({ code: 0, out: expect.stringContaining('已授予 138****0001') })
    expect(await role(admin.token)).toEqual({ ok: true, data: { role: 'admin' } })
    expect(await api('moderation', 'listQueue', { queue: 'listings' }, admin.token)).toMatchObject({ ok: true })

    expect((await cli('grant', HELPER)).code).toBe(0)
    expect(await role(helper.token)).toEqual({ ok: true, data: { role: 'moderator' } })
    const revoked = await cli('revoke', HELPER)
    expect(revoked).toMatchObject({ code: 0, out: expect.stringContaining('已撤销') })
    expect(await role(helper.token)).toEqual({ ok: true, data: { role: null } })
    expect(await api('moderation', 'listQueue', { queue: 'reports' }, helper.token)).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })

    const log = await api<Page<AuditEntry>>('moderation', 'listAuditLog', {}, admin.token)
    if (!log.ok) throw new Error(log.error.message)
    expect(log.data.items.map((e) => [e.action, e.actor, e.before, e.after])).toEqual([
      ['revokeRole', 'operator', 'moderator', null],
      ['grantRole', 'operator', null, 'moderator'],
      ['grantRole', 'operator', null, 'admin'],
    ])
    // The entries name the accounts by pseudonymous reference, never by user id or phone.
    const text = JSON.stringify(log.data)
    for (const leak of [admin.profile.userId, helper.profile.userId, ADMIN, HELPER]) expect(text).not.toContain(leak)
  })

  it('refuses an unknown number, a malformed one and a wrong command, each with one line and exit code 1', async () => {
    expect(await cli('grant', '13899990000')).toMatchObject({
      code: 1,
      err: expect.stringContaining('没有使用这个手机号的账号'),
    })
    expect(await cli('grant', '12345')).toMatchObject({ code: 1, err: expect.stringContaining('手机号格式不正确') })
    expect(await cli('promote', ADMIN)).toMatchObject({ code: 1, err: expect.stringContaining('用法') })
    expect(await cli('grant', ADMIN, '--role', 'owner')).toMatchObject({
      code: 1,
      err: expect.stringContaining('用法'),
    })
  })
})
