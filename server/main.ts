import { batchedWriter, createLogger, errorFields } from '@shared/core/logger'
import { jobDefinitions } from '@shared/jobs'
import { readBackupConfig } from './backup-config'
import { serverJobs } from './backup-job'
import { isLoopbackHost } from './client-address'
import { ConfigError, readConfig } from './config'
import { startServer } from './server'

/** `npm run serve`: start the self-hosted server with configuration from the environment. */
async function main(): Promise<void> {
  const config = readConfig()
  const logger = createLogger(batchedWriter(), config.logLevel)
  // Every host's jobs, and the server's own (the backup: server/backup-job.ts).
  const jobs = [
    ...Object.values(jobDefinitions),
    ...Object.values(serverJobs(config.dataDir, readBackupConfig(process.env, config.dataDir))),
  ]
  const server = await startServer({ ...config, logger, jobs })
  logger.info('listening', { url: server.url, dataDir: config.dataDir })
  const demo =
    config.appMode === 'demo'
      ? `  演示模式：短信验证码不会发出，请在本机打开 ${localUrl(server.url)}/dev/sms-outbox 或查看日志\n`
      : ''
  // Demo mode opened to the network (ALLOW_DEMO_ON_NETWORK=1): said loudly on every start.
  const exposed = config.appMode === 'demo' && !isLoopbackHost(config.host)
  if (exposed)
    logger.warn('demo mode on the network: login codes are in this log and the local outbox', { host: config.host })
  const warning = exposed
    ? `!!! 警告：演示模式已开放到网络（HOST=${config.host}）：短信不会真正发出，验证码写在本机日志和本机的 ` +
      '/dev/sms-outbox 里，能看到它们的人可以用任何手机号登录；只供测试，不要让真实用户使用 !!!\n\n'
    : ''
  const redirect = server.redirectUrl ? `  HTTP 跳转：${server.redirectUrl} → HTTPS\n` : ''
  process.stdout.write(
    `\n${warning}  质能视界已启动：${server.url}\n${redirect}  数据目录：${config.dataDir}\n${demo}\n`,
  )

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
  // A renewed certificate is served from the next connection on, without a restart.
  if (config.tls) process.on('SIGHUP', () => server.reloadTls())
}

/** The outbox answers only on this machine: show it at a loopback address even when bound to 0.0.0.0. */
function localUrl(url: string): string {
  const { port, protocol } = new URL(url)
  return `${protocol}//127.0.0.1:${port}`
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`启动失败：${error.message}\n`)
  } else {
    process.stderr.write(`启动失败：${JSON.stringify(errorFields(error))}\n`)
  }
  process.exit(1)
})
