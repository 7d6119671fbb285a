import Database from 'better-sqlite3'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import {
  chmod,
  copyFile,
  link,
  mkdir,
  mkdtemp,
  open,
  readdir,
  rename,
  rm,
  rmdir,
  stat,
  writeFile,
} from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import * as tar from 'tar'
import { collectionSpecs } from '@shared/collections'
import type { Logger } from '@shared/core/logger'
import { reapplyPurges } from '@shared/domain/privacy/purge'
import { createDeletionLogFile, readDeletionLog } from '@shared/drivers/local/deletion-log-file'
import { secretsFromEnv, type Env } from '@shared/drivers/platform-env'
import { SQLITE_SCHEMA_VERSION } from '@shared/drivers/sqlite/sqlite-store'
import type { Clock } from '@shared/ports/clock'
import { ConfigError } from './config'
import { SECRETS_FILE } from './secrets'
import { FILES_DIR, openBackend, STORE_FILE } from './server'

/**
 * Backups of the self-hosted server: one gzipped tar archive holding a consistent copy of the SQLite file
 * (better-sqlite3's `db.backup()`, the online backup API: the server keeps serving meanwhile), `secrets.json`,
 * the uploads folder and a manifest (time, schema version, documents per collection, SHA-256 and size of every
 * entry). tar because an operator can list and unpack it with the system's own `tar` if this code is ever
 * not at hand; the `tar` package (node-tar, npm's own) writes and reads it.
 *
 * A restore checks every entry against the manifest before it writes anything, unpacks into a folder beside
 * DATA_DIR, runs `PRAGMA integrity_check`, erases again every member the deletion log names (a purge after the
 * archive was made must not be undone by it), and only then moves the folder into place.
 */
export const MANIFEST = 'manifest.json'
export const ARCHIVE_FORMAT = 'zhineng-backup/1'
/** The names the scheduled backup gives its archives; pruning touches nothing else in BACKUP_DIR. */
export const ARCHIVE_NAME = /^zhineng-backup-(\d{8}T\d{6}Z)-[0-9a-f]{6}\.tar\.gz$/

export interface ManifestEntry {
  path: string
  bytes: number
  sha256: string
}

export interface BackupManifest {
  format: typeof ARCHIVE_FORMAT
  createdAt: string
  /** The SQLite store's layout version (drivers/sqlite/sqlite-store.ts). */
  schemaVersion: number
  /** Documents per collection in the copy. */
  counts: Record<string, number>
  /** `file`: secrets.json is in the archive; `environment`: the keys came from the server's environment. */
  secrets: 'file' | 'environment'
  entries: ManifestEntry[]
}

export class BackupError extends ConfigError {}

const ALL_PAGES = 0x7fffffff
/** Pages per step when the backup runs on the server's own connection (its writes go into the copy). */
const PAGES_PER_STEP = 1000

export interface CreateBackupOptions {
  dataDir: string
  out: string
  clock?: Clock
  /** Where the deletion log is: made (empty) if missing, so a restore can tell "none yet" from "not copied". */
  deletionLogFile?: string
  /**
   * The server's own connection (the scheduled backup). The copy then goes in steps, and the server's writes
   * meanwhile are carried into it. Without it (the CLI, another process) a connection of its own copies every
   * page in one step, one read transaction: a snapshot, however busy the server is (WAL readers never wait).
   */
  db?: Database.Database
}

export async function createBackup(options: CreateBackupOptions): Promise<BackupManifest> {
  const dataDir = resolve(options.dataDir)
  const out = resolve(options.out)
  const storeFile = join(dataDir, STORE_FILE)
  if (!existsSync(storeFile)) throw new BackupError(`找不到数据库：${storeFile}（请检查 DATA_DIR）`)
  await mkdir(dirname(out), { recursive: true })
  if (options.deletionLogFile && !existsSync(options.deletionLogFile)) {
    await mkdir(dirname(options.deletionLogFile), { recursive: true })
    await writeFile(options.deletionLogFile, '', { mode: 0o600, flag: 'a' })
  }
  const staging = await mkdtemp(join(dirname(out), '.backup-'))
  try {
    await copyDatabase(storeFile, join(staging, STORE_FILE), options.db)
    const counts = settleCopy(join(staging, STORE_FILE))
    const secretsFile = join(dataDir, SECRETS_FILE)
    const hasSecrets = existsSync(secretsFile)
    if (hasSecrets) await copyFile(secretsFile, join(staging, SECRETS_FILE))
    // After the database: every file a record of the copy names was uploaded before it, so it is here.
    await snapshotFiles(join(dataDir, FILES_DIR), join(staging, FILES_DIR))
    const paths = [STORE_FILE, ...(hasSecrets ? [SECRETS_FILE] : []), ...(await filesUnder(staging, FILES_DIR))]
    const manifest: BackupManifest = {
      format: ARCHIVE_FORMAT,
      createdAt: new Date((options.clock ?? Date).now()).toISOString(),
      schemaVersion: SQLITE_SCHEMA_VERSION,
      counts,
      secrets: hasSecrets ? 'file' : 'environment',
      entries: await Promise.all(paths.map((path) => describe(staging, path))),
    }
    await writeFile(join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + '\n')
    // Owner-only from the first byte: the archive holds the keys. Written aside and renamed.
    const temp = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.tmp`)
    try {
      await pipeline(
        tar.c({ gzip: true, cwd: staging, portable: true }, [MANIFEST, ...paths]),
        createWriteStream(`${temp}.plain`, { mode: 0o600 }),
      )
      await sealArchive(`${temp}.plain`, temp)
      await rename(temp, out)
    } finally {
      await rm(temp, { force: true })
      await rm(`${temp}.plain`, { force: true })
    }
    return manifest
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

async function copyDatabase(storeFile: string, target: string, db: Database.Database | undefined): Promise<void> {
  if (db) {
    await db.backup(target, { progress: () => PAGES_PER_STEP })
    return
  }
  const source = new Database(storeFile, { fileMustExist: true })
  try {
    await source.backup(target, { progress: () => ALL_PAGES })
  } finally {
    source.close()
  }
}

/** The copy as one self-contained file (no WAL), checked, and its documents counted per collection. */
function settleCopy(file: string): Record<string, number> {
  const copy = new Database(file)
  try {
    copy.pragma('journal_mode = DELETE')
    assertIntact(copy, file)
    const counts: Record<string, number> = {}
    for (const name of Object.keys(collectionSpecs)) {
      const exists = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(`c_${name}`)
      counts[name] = exists ? (copy.prepare(`SELECT count(*) AS n FROM c_${name}`).get() as { n: number }).n : 0
    }
    return counts
  } finally {
    copy.close()
  }
}

function assertIntact(db: Database.Database, file: string): void {
  const result = db.pragma('integrity_check', { simple: true })
  if (result !== 'ok') throw new BackupError(`数据库完整性检查未通过：${file}（${String(result)}）`)
}

/**
 * The uploads as they are now: hard links where the folders share a file system (uploads are written aside
 * and renamed, never changed in place, so a link is a snapshot), copies otherwise. A file deleted meanwhile
 * is skipped.
 */
async function snapshotFiles(from: string, to: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(from)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  for (const name of names) {
    if (name.startsWith('.tmp-')) continue // an upload being written
    const source = join(from, name)
    const target = join(to, name)
    try {
      if ((await stat(source)).isDirectory()) {
        await snapshotFiles(source, target)
        continue
      }
      await mkdir(to, { recursive: true })
      await link(source, target).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code === 'EXDEV' || error.code === 'EPERM') await copyFile(source, target)
        else throw error
      })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
}

/** Archive paths (forward slashes) of every file under `root/dir`, sorted. */
async function filesUnder(root: string, dir: string): Promise<string[]> {
  const start = join(root, dir)
  if (!existsSync(start)) return []
  const entries = await readdir(start, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort()
}

async function describe(root: string, path: string): Promise<ManifestEntry> {
  const file = join(root, ...path.split('/'))
  const hash = createHash('sha256')
  await pipeline(createReadStream(file), hash)
  return { path, bytes: (await stat(file)).size, sha256: hash.digest('hex') }
}

/**
 * Every byte of an archive is sealed. gzip's own CRC-32 covers what the stream decompresses to, not the
 * compressed bytes (deflate has redundant encodings: a changed byte can decompress to the same data), and
 * not its header. So the header is fixed (magic, deflate, the comment flag, no time, compressor 0, system 255
 * "unknown", as RFC 1952 allows) and its comment carries the SHA-256 of everything after it:
 * `sha256:<64 hex>` and the NUL that ends it. Any gzip reader skips the comment.
 */
const GZIP_SEALED = Buffer.from([0x1f, 0x8b, 0x08, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff])
const SEAL_PREFIX = 'sha256:'
const SEAL_LENGTH = GZIP_SEALED.length + SEAL_PREFIX.length + 64 + 1

async function sha256From(file: string, start: number): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(file, { start }), hash)
  return hash.digest('hex')
}

/** Rewrites a plain gzip file (10-byte header, no optional fields) into its sealed form at `out`. */
async function sealArchive(plain: string, out: string): Promise<void> {
  const handle = await open(plain, 'r')
  try {
    const head = Buffer.alloc(10)
    await handle.read(head, 0, head.length, 0)
    // Magic, deflate and no flags, as zlib writes it; anything else is not ours to rewrite.
    if (head[0] !== 0x1f || head[1] !== 0x8b || head[2] !== 0x08 || head[3] !== 0x00) {
      throw new Error('unexpected gzip header')
    }
  } finally {
    await handle.close()
  }
  const digest = await sha256From(plain, 10)
  const header = Buffer.concat([GZIP_SEALED, Buffer.from(`${SEAL_PREFIX}${digest}\0`, 'latin1')])
  const target = createWriteStream(out, { mode: 0o600 })
  await new Promise<void>((resolve, reject) => {
    target.write(header, (error) => (error ? reject(error) : resolve()))
  })
  await pipeline(createReadStream(plain, { start: 10 }), target)
}

/** The header is the sealed one and the comment's digest is that of everything after it. */
async function isSealed(file: string): Promise<boolean> {
  const handle = await open(file, 'r')
  let head: Buffer
  try {
    head = Buffer.alloc(SEAL_LENGTH)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    if (bytesRead !== head.length) return false
  } finally {
    await handle.close()
  }
  if (!head.subarray(0, GZIP_SEALED.length).equals(GZIP_SEALED) || head[SEAL_LENGTH - 1] !== 0) return false
  const comment = head.subarray(GZIP_SEALED.length, SEAL_LENGTH - 1).toString('latin1')
  if (!comment.startsWith(SEAL_PREFIX)) return false
  return comment.slice(SEAL_PREFIX.length) === (await sha256From(file, SEAL_LENGTH))
}

/**
 * Reads the whole archive without writing anything: every file entry hashed, the manifest parsed, and the
 * two compared (every manifest entry present with its size and digest, nothing in the archive that the
 * manifest does not list, no entry twice), after the seal over every byte of the file.
 */
export async function verifyArchive(file: string): Promise<BackupManifest> {
  if (!existsSync(file)) throw new BackupError(`找不到备份文件：${file}`)
  const seen = new Map<string, { bytes: number; sha256: string }>()
  let manifestText: string | null = null
  const problems: string[] = []
  if (!(await isSealed(file))) throw new BackupError(`备份文件已损坏或不是本程序的备份：${file}（校验不符）`)
  try {
    await tar.t({
      file,
      strict: true,
      onReadEntry: (entry) => {
        const path = entry.path.replace(/\/+$/, '')
        if (entry.type === 'Directory') return entry.resume()
        if (entry.type !== 'File' || seen.has(path) || path.split('/').includes('..') || path.startsWith('/')) {
          problems.push(path)
          return entry.resume()
        }
        const hash = createHash('sha256')
        const chunks: Buffer[] = []
        let bytes = 0
        entry.on('data', (chunk: Buffer) => {
          hash.update(chunk)
          bytes += chunk.length
          if (path === MANIFEST && bytes <= 16 * 1024 * 1024) chunks.push(chunk)
        })
        entry.on('end', () => {
          seen.set(path, { bytes, sha256: hash.digest('hex') })
          if (path === MANIFEST) manifestText = Buffer.concat(chunks).toString('utf8')
        })
      },
    })
  } catch (error) {
    throw new BackupError(`备份文件已损坏，无法读取：${file}（${(error as Error).message}）`)
  }
  const manifest = parseManifest(manifestText, file)
  const listed = new Set(manifest.entries.map((e) => e.path))
  for (const entry of manifest.entries) {
    const found = seen.get(entry.path)
    if (!found || found.bytes !== entry.bytes || found.sha256 !== entry.sha256) problems.push(entry.path)
  }
  for (const path of seen.keys()) if (path !== MANIFEST && !listed.has(path)) problems.push(path)
  if (problems.length > 0) {
    throw new BackupError(`备份文件已损坏：${file}（校验不符：${[...new Set(problems)].slice(0, 5).join('、')}）`)
  }
  return manifest
}

function parseManifest(text: string | null, file: string): BackupManifest {
  let manifest: Partial<BackupManifest>
  try {
    manifest = JSON.parse(text ?? '') as Partial<BackupManifest>
  } catch {
    throw new BackupError(`备份文件已损坏或不是本程序的备份：${file}（没有可读的 ${MANIFEST}）`)
  }
  if (manifest.format !== ARCHIVE_FORMAT || !Array.isArray(manifest.entries)) {
    throw new BackupError(`不是本程序的备份：${file}（格式 ${String(manifest.format)}）`)
  }
  if (typeof manifest.schemaVersion !== 'number' || manifest.schemaVersion > SQLITE_SCHEMA_VERSION) {
    throw new BackupError(`备份来自更新版本的程序（数据结构版本 ${String(manifest.schemaVersion)}），请用相应版本恢复`)
  }
  if (!manifest.entries.some((e) => e.path === STORE_FILE)) {
    throw new BackupError(`备份文件已损坏：${file}（没有数据库）`)
  }
  return manifest as BackupManifest
}

export interface RestoreOptions {
  file: string
  dataDir: string
  deletionLogFile: string
  /** Replace a DATA_DIR that is not empty (it is moved aside, not deleted). */
  force?: boolean
  /** Restore even though the deletion log is missing (purged accounts in the archive come back). */
  withoutDeletionLog?: boolean
  logger: Logger
  clock: Clock
  env: Env
}

export interface RestoreResult {
  manifest: BackupManifest
  /** Members the deletion log named who were in the archive, erased again. */
  reapplied: number
  /** Where a replaced DATA_DIR was moved (with --force), or null. */
  movedAside: string | null
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const file = resolve(options.file)
  const dataDir = resolve(options.dataDir)
  const occupied = existsSync(dataDir) && (await readdir(dataDir)).length > 0
  if (occupied && !options.force) {
    throw new BackupError(
      `数据目录不是空的：${dataDir}；恢复会替换其中的数据，确认请加 --force（原目录会被移到旁边保留）`,
    )
  }
  const log = readDeletionLog(options.deletionLogFile)
  if (log === null && !options.withoutDeletionLog) {
    throw new BackupError(
      `找不到删除记录：${options.deletionLogFile}；请先把它和备份一起拷回（或设置 DELETION_LOG_FILE），` +
        '否则备份之后注销的账号会被恢复。确实没有时加 --without-deletion-log',
    )
  }
  const manifest = await verifyArchive(file)
  if (manifest.secrets === 'environment' && !hasEnvSecrets(options.env)) {
    throw new BackupError(
      '备份里没有 secrets.json（当时密钥来自环境变量）：请先设置同样的 SESSION_SECRET、PHONE_ENCRYPTION_KEY、PHONE_HASH_KEY',
    )
  }

  await mkdir(dirname(dataDir), { recursive: true })
  const staging = await mkdtemp(join(dirname(dataDir), `.${basename(dataDir)}.restore-`))
  try {
    await tar.x({ file, cwd: staging, strict: true, preservePaths: false })
    for (const entry of manifest.entries) {
      const found = await describe(staging, entry.path)
      if (found.sha256 !== entry.sha256) throw new BackupError(`备份文件在恢复过程中发生变化：${entry.path}`)
    }
    await rm(join(staging, MANIFEST), { force: true })
    if (existsSync(join(staging, SECRETS_FILE))) await chmod(join(staging, SECRETS_FILE), 0o600)
    const db = new Database(join(staging, STORE_FILE), { fileMustExist: true })
    try {
      assertIntact(db, STORE_FILE)
    } finally {
      db.close()
    }
    const reapplied = await reapplyDeletionLog(staging, log ?? [], options)
    const movedAside = await moveIntoPlace(staging, dataDir, occupied, options.clock)
    return { manifest, reapplied, movedAside }
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    throw error
  }
}

function hasEnvSecrets(env: Env): boolean {
  try {
    return secretsFromEnv(env) !== null
  } catch {
    return false
  }
}

/** The purge again for every logged member back in the restored records, then their upload folders. */
async function reapplyDeletionLog(
  dataDir: string,
  log: Array<{ userId: string }>,
  options: RestoreOptions,
): Promise<number> {
  if (log.length === 0) return 0
  const backend = await openBackend({
    dataDir,
    seed: false,
    logger: options.logger,
    clock: options.clock,
    env: options.env,
    deletionLog: createDeletionLogFile(options.deletionLogFile),
  })
  try {
    const { reapplied } = await reapplyPurges(
      backend.deps,
      log.map((e) => e.userId),
    )
    // Uploads live under `listings/<userId>/` and `avatars/<userId>/` (the keys the domains make): a file the
    // archive caught without its record (uploaded after the database was copied) goes with its folder.
    for (const { userId } of log) {
      if (!/^[A-Za-z0-9_-]+$/.test(userId)) continue
      for (const folder of ['listings', 'avatars']) {
        await rm(join(dataDir, FILES_DIR, folder, userId), { recursive: true, force: true })
      }
    }
    return reapplied
  } finally {
    backend.store.close()
  }
}

async function moveIntoPlace(
  staging: string,
  dataDir: string,
  occupied: boolean,
  clock: Clock,
): Promise<string | null> {
  let movedAside: string | null = null
  if (occupied) {
    const stamp = new Date(clock.now())
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')
    movedAside = `${dataDir}.before-restore-${stamp}`
    await rename(dataDir, movedAside)
  } else if (existsSync(dataDir)) {
    await rmdir(dataDir)
  }
  await rename(staging, dataDir)
  return movedAside
}

/** An archive name for the scheduled backup: its UTC time, sortable, and a few random characters. */
export function archiveName(at: number): string {
  const stamp = new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  return `zhineng-backup-${stamp}-${randomBytes(3).toString('hex')}.tar.gz`
}

/** The archive's time from its name (UTC), or null for a name the scheduled backup does not write. */
export function archiveTime(name: string): number | null {
  const m = ARCHIVE_NAME.exec(name)
  if (!m) return null
  const s = m[1]
  return Date.UTC(
    +s.slice(0, 4),
    +s.slice(4, 6) - 1,
    +s.slice(6, 8),
    +s.slice(9, 11),
    +s.slice(11, 13),
    +s.slice(13, 15),
  )
}
