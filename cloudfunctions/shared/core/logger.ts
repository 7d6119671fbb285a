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

/**
 * A writer for a long-running host (the self-hosted server): the lines of one turn of the event loop go
 * out in one write after it, instead of one synchronous write per line (two per request, which under load
 * cost more than the request's own work). A write is never lost to an exit: what is pending goes out
 * synchronously when the process exits, and at once when it passes `maxBytes`. Not for a cloud function,
 * whose instance may be frozen right after it answers.
 */
/** The writers' flushes, run once when the process exits (one listener, however many writers). */
const pendingAtExit = new Set<() => void>()

export function batchedWriter(
  out: { write(text: string): unknown } = process.stdout,
  maxBytes = 64 * 1024,
): (line: string) => void {
  let pending: string[] = []
  let bytes = 0
  let scheduled = false
  const flush = () => {
    scheduled = false
    if (pending.length === 0) return
    const text = pending.join('\n') + '\n'
    pending = []
    bytes = 0
    out.write(text)
  }
  if (pendingAtExit.size === 0) process.once('exit', () => pendingAtExit.forEach((pendingFlush) => pendingFlush()))
  pendingAtExit.add(flush)
  return (line) => {
    pending.push(line)
    bytes += line.length
    if (bytes >= maxBytes) return flush()
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  }
}

export function errorFields(error: unknown): LogFields {
  return error instanceof Error
    ? { err: error.name, errMessage: error.message, stack: error.stack }
    : { err: String(error) }
}

export const silentLogger: Logger = createLogger(() => undefined)
