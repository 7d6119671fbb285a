// `npm start`: builds the H5 app when it is missing or older than its sources, then starts the
// self-hosted server (which seeds a fresh data directory and prints its URL).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '..')
const h5Index = join(root, 'dist', 'h5', 'index.html')
const sources = ['src', 'cloudfunctions/shared/contracts', 'config'].map((d) => join(root, d))

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs)
}

const builtAt = existsSync(h5Index) ? statSync(h5Index).mtimeMs : 0
if (!process.env.H5_DIR && builtAt < Math.max(...sources.map(newestMtime))) {
  process.stdout.write(builtAt ? 'H5 构建已过期，正在重新构建…\n' : '首次启动：正在构建 H5（约 20 秒）…\n')
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'h5'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

void import('../server/main')
