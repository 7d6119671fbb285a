import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')

export interface ServerProcess {
  child: ChildProcess
  /** Resolves with the exit code. */
  exited: Promise<number | null>
  out(): string
  err(): string
  /** Waits until the process printed the URL it listens on (or exited), and returns it. */
  started(): Promise<string>
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>
}

/** `npm run serve` as a real process (`server/main.ts` under tsx), with this environment on top of ours. */
export function runServerProcess(env: Record<string, string>): ServerProcess {
  return runScript('server/main.ts', [], env)
}

/** `npm run job -- <args>` as a real process. */
export function runJobProcess(args: string[], env: Record<string, string>): ServerProcess {
  return runScript('scripts/job.ts', args, env)
}

function runScript(script: string, args: string[], env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, SEED: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  let onOutput = () => {}
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString()
    onOutput()
  })
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  const urlLine = () => /质能视界已启动：(\S+)/.exec(stdout)?.[1]
  return {
    child,
    exited,
    out: () => stdout,
    err: () => stderr,
    started: () =>
      new Promise<string>((resolveUrl, reject) => {
        const check = () => {
          const url = urlLine()
          if (url) resolveUrl(url)
        }
        onOutput = check
        check()
        void exited.then((code) => reject(new Error(`server exited (${code}) before starting: ${stderr}`)))
      }),
    stop: () => {
      child.kill('SIGTERM')
      return exited
    },
  }
}

export function freePort(): Promise<number> {
  return new Promise<number>((r) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => r(port))
    })
  })
}

/** `npm run backup -- <args>` as a real process. */
export function runBackupProcess(args: string[], env: Record<string, string>): ServerProcess {
  return runScript('scripts/backup.ts', args, env)
}

/** `npm run restore -- <args>` as a real process. */
export function runRestoreProcess(args: string[], env: Record<string, string>): ServerProcess {
  return runScript('scripts/restore.ts', args, env)
}
