import { createLogger, errorFields } from '@shared/core/logger'
import { ConfigError, readConfig } from './config'
import { startServer } from './server'

/** `npm run serve`: start the self-hosted server with configuration from the environment. */
async function main(): Promise<void> {
  const config = readConfig()
  const logger = createLogger(undefined, config.logLevel)
  const server = await startServer({ ...config, logger })
  logger.info('listening', { url: server.url, dataDir: config.dataDir })
  const demo =
    config.appMode === 'demo' ? `  演示模式：短信验证码不会发出，请在 ${server.url}/dev/sms-outbox 查看\n` : ''
  process.stdout.write(`\n  质能视界已启动：${server.url}\n  数据目录：${config.dataDir}\n${demo}\n`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('shutting down', { signal })
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    server.close().then(() => process.exit(0))
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`启动失败：${error.message}\n`)
  } else {
    process.stderr.write(`启动失败：${JSON.stringify(errorFields(error))}\n`)
  }
  process.exit(1)
})
