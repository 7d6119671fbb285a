import { spawn, type ChildProcess } from 'node:child_process'
import type { Envelope } from '@shared/contracts'
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
  /** Waits until stdout holds `text` at least `times` times (a log line is the process's own signal). */
  printed(text: string, times?: number): Promise<void>
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

/** `npm run moderator -- …` against a data directory. */
export function runModeratorProcess(args: string[], env: Record<string, string>): ServerProcess {
  return runScript('scripts/moderator.ts', args, env)
}

function runScript(script: string, args: string[], env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, SEED: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  const watchers = new Set<() => void>()
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString()
    for (const watch of [...watchers]) watch()
  })
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  const urlLine = () => /质能视界已启动：(\S+)/.exec(stdout)?.[1]
  /** Resolves with `probe`'s answer once it has one, checked again on every output; rejects if the process ends first. */
  const until = <T>(probe: () => T | undefined, failure: string) =>
    new Promise<T>((resolveWith, reject) => {
      const check = () => {
        const found = probe()
        if (found === undefined) return
        watchers.delete(check)
        resolveWith(found)
      }
      watchers.add(check)
      check()
      void exited.then((code) => reject(new Error(`${failure} (${code}): ${stderr}`)))
    })
  return {
    child,
    exited,
    out: () => stdout,
    err: () => stderr,
    started: () => until(() => urlLine(), `server exited before starting`),
    printed: (text, times = 1) =>
      until(
        () => (stdout.split(text).length - 1 >= times ? true : undefined),
        `process exited before printing "${text}"`,
      ).then(() => undefined),
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

/** `POST {url}/api/{fn}` as the H5 app sends it, optionally with a session token; the envelope. */
export async function callServer<T>(
  url: string,
  fn: string,
  action: string,
  payload: unknown,
  token?: string,
): Promise<Envelope<T>> {
  const res = await fetch(`${url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ action, payload }),
  })
  return (await res.json()) as Envelope<T>
}
