import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { secretsFrom } from '@shared/drivers/platform-env'
import type { SettingValues } from '@shared/settings'
import type { Secrets } from '@shared/ports/secrets'
import { ConfigError } from './config'

/**
 * The server's keys. From the environment when it gives them (SESSION_SECRET, PHONE_ENCRYPTION_KEY,
 * PHONE_HASH_KEY: all three, 32 bytes each, hex or base64); otherwise generated on the first start and
 * kept in `<DATA_DIR>/secrets.json` (owner-only), so sessions survive a restart and the stored phone
 * numbers stay readable. Losing that file makes every stored phone number unreadable: back it up with
 * the database, and never commit it.
 */
export const SECRETS_FILE = 'secrets.json'

interface SecretsFile {
  version: 1
  sessionKey: string
  phoneEncryptionKey: string
  phoneHashKey: string
}

export function loadSecrets(
  dataDir: string,
  settings: SettingValues,
): { secrets: Secrets; source: 'env' | 'file' | 'generated' } {
  let fromEnv: Secrets | null
  try {
    fromEnv = secretsFrom(settings)
  } catch (error) {
    throw new ConfigError((error as Error).message)
  }
  if (fromEnv) return { secrets: fromEnv, source: 'env' }

  const file = join(dataDir, SECRETS_FILE)
  if (existsSync(file)) return { secrets: readSecretsFile(file), source: 'file' }

  const generated: SecretsFile = {
    version: 1,
    sessionKey: randomBytes(32).toString('hex'),
    phoneEncryptionKey: randomBytes(32).toString('hex'),
    phoneHashKey: randomBytes(32).toString('hex'),
  }
  // Written aside and renamed, with owner-only permissions from the first byte.
  const temp = `${file}.${process.pid}.tmp`
  writeFileSync(temp, JSON.stringify(generated, null, 2) + '\n', { mode: 0o600, flag: 'wx' })
  chmodSync(temp, 0o600)
  renameSync(temp, file)
  return { secrets: toSecrets(generated, file), source: 'generated' }
}

function readSecretsFile(file: string): Secrets {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    throw new ConfigError(`密钥文件无法读取：${file}（不是有效的 JSON）`)
  }
  return toSecrets(parsed as Partial<SecretsFile>, file)
}

function toSecrets(file: Partial<SecretsFile>, path: string): Secrets {
  const key = (value: unknown): Buffer => {
    if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) {
      throw new ConfigError(`密钥文件已损坏：${path}（每个密钥应为 64 个十六进制字符）`)
    }
    return Buffer.from(value, 'hex')
  }
  return {
    sessionKey: key(file.sessionKey),
    phoneEncryptionKey: key(file.phoneEncryptionKey),
    phoneHashKey: key(file.phoneHashKey),
  }
}
