import { resolve } from 'node:path'

/** Everything the self-hosted server reads from the environment, with its defaults. */
export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  h5Dir: string
  seed: boolean
  logLevel: 'debug' | 'info' | 'warn' | 'error'
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT 必须是 0–65535 的整数，当前为 "${env.PORT}"`)
  const logLevel = (env.LOG_LEVEL ?? 'info') as ServerConfig['logLevel']
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel))
    throw new ConfigError(`LOG_LEVEL 取值无效："${env.LOG_LEVEL}"`)
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(cwd, env.DATA_DIR || '.data'),
    h5Dir: resolve(cwd, env.H5_DIR || 'dist/h5'),
    seed: env.SEED !== '0' && env.SEED !== 'false',
    logLevel,
  }
}
