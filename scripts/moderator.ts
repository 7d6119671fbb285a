/**
 * `npm run moderator -- grant <phone> [--role admin]` / `npm run moderator -- revoke <phone>`: gives or
 * takes a member's moderator or admin role on the self-hosted server (the same DATA_DIR and secrets as the
 * server), finding the account by the phone number's keyed hash. Each change goes to the audit log with the
 * operator as its actor. A running server sees the change on the member's next request.
 */
import type { ModeratorRole } from '@shared/contracts'
import { grantRoleByPhone, revokeRoleByPhone } from '@shared/domain/moderation'
import { createLogger, errorFields } from '@shared/core/logger'
import { systemClock } from '@shared/ports/clock'
import { ConfigError, readConfig } from '../server/config'
import { openBackend } from '../server/server'

const USAGE = '用法：npm run moderator -- grant <手机号> [--role admin] 或 npm run moderator -- revoke <手机号>'
const ROLE_NAMES: Record<ModeratorRole, string> = { moderator: '审核员', admin: '管理员' }

function parse(args: string[]): { command: 'grant' | 'revoke'; phone: string; role: ModeratorRole } {
  const [command, phone, ...rest] = args
  if ((command !== 'grant' && command !== 'revoke') || !phone) throw new ConfigError(USAGE)
  if (!/^1\d{10}$/.test(phone)) throw new ConfigError(`手机号格式不正确：${phone}（11 位，以 1 开头）`)
  let role: ModeratorRole = 'moderator'
  if (rest.length > 0) {
    if (command !== 'grant' || rest[0] !== '--role' || (rest[1] !== 'admin' && rest[1] !== 'moderator') || rest[2]) {
      throw new ConfigError(USAGE)
    }
    role = rest[1]
  }
  return { command, phone, role }
}

async function main(): Promise<void> {
  const { command, phone, role } = parse(process.argv.slice(2))
  const config = readConfig()
  const logger = createLogger(undefined, config.logLevel)
  const backend = await openBackend({ ...config, seed: false, logger, clock: systemClock, env: process.env })
  try {
    const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`
    if (command === 'grant') {
      const { userId, before } = await grantRoleByPhone(backend.deps, phone, role).catch(noAccount)
      const was = before ? `（原为${ROLE_NAMES[before]}）` : ''
      process.stdout.write(`已授予 ${masked}（用户 ${userId}）${ROLE_NAMES[role]}权限${was}\n`)
    } else {
      const { userId, before } = await revokeRoleByPhone(backend.deps, phone).catch(noAccount)
      process.stdout.write(
        before
          ? `已撤销 ${masked}（用户 ${userId}）的${ROLE_NAMES[before]}权限\n`
          : `${masked}（用户 ${userId}）没有审核权限，未作更改\n`,
      )
    }
  } finally {
    backend.store.close()
  }
}

function noAccount(error: unknown): never {
  if (error instanceof Error && error.message === 'no account has this phone number') {
    throw new ConfigError('没有使用这个手机号的账号：请先用它登录一次')
  }
  throw error
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : JSON.stringify(errorFields(error))
  process.stderr.write(`操作失败：${message}\n`)
  process.exit(1)
})
