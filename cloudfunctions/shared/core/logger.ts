/**
 * The one logger of the back end: one JSON object per line, so CloudBase's log search and `jq` both read
 * it. Never pass personal data in fields; ids are fine.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

export interface Logger {
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export function createLogger(
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  minLevel: LogLevel = 'info',
): Logger {
  const log = (level: LogLevel) => (msg: string, fields?: LogFields) => {
    if (ORDER[level] < ORDER[minLevel]) return
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }))
  }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}

export function errorFields(error: unknown): LogFields {
  return error instanceof Error
    ? { err: error.name, errMessage: error.message, stack: error.stack }
    : { err: String(error) }
}

export const silentLogger: Logger = createLogger(() => undefined)
