import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Envelope, Profile, Session } from '@shared/contracts'
import { runJob } from '@shared/core/job'
import { silentLogger } from '@shared/core/logger'
import type { OutboxMessage } from '@shared/drivers/local/sms-outbox'
import { createDeletionLogFile, readDeletionLog } from '@shared/drivers/local/deletion-log-file'
import { openSqliteStore } from '@shared/drivers/sqlite/sqlite-store'
import { readBackupConfig } from '../../server/backup-config'
import { backupJob, pruneBackups } from '../../server/backup-job'
import { archiveName, createBackup, verifyArchive } from '../../server/backup'
import { openBackend, STORE_FILE } from '../../server/server'
import { agreedConsents } from '../support/accounts'
import { plainJpeg } from '../support/images'
import { validListing } from '../support/listings'
import { runBackupProcess, runJobProcess, runRestoreProcess, runServerProcess } from '../support/server-process'

const DAY = 24 * 60 * 60 * 1000
const JPEG = Buffer.from(plainJpeg()).toString('base64')
/** Many logins and listings from one address, none about the budgets. */
const ROOMY = {
  SMS_CAPTCHA: 'off',
  SMS_SENDS_PER_IP_PER_HOUR: '100000',
  SMS_WRONG_CODES_PER_IP_PER_HOUR: '100000',
  LISTING_DAILY_PUBLISH_LIMIT: '1000',
}

describe('backups that restore and respect deletions', () => {
  let dir: string
  let env: Record<string, string>
  const stops: Array<() => Promise<unknown>> = []

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhineng-backup-'))
    // Seeded: the categories a listing names are seed data.
    env = { ...ROOMY, SEED: '1', DATA_DIR: join(dir, 'data'), BACKUP_DIR: join(dir, 'backups'), PORT: '0' }
  })
  afterEach(async () => {
    while (stops.length) await stops.pop()!()
    rmSync(dir, { recursive: true, force: true })
  })

  const serve = async (extra: Record<string, string> = {}) => {
    const server = runServerProcess({ ...env, ...extra })
    stops.push(() => server.stop())
    const url = await server.started()
    return { url, stop: () => server.stop() }
  }

  const call = async <T>(url: string, fn: string, action: string, payload: unknown, token?: string) => {
    const res = await fetch(`${url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ action, payload }),
    })
    return (await res.json()) as Envelope<T>
  }
  const data = <T>(envelope: Envelope<T>): T => {
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
    return envelope.data
  }
  const lastCode = async (url: string, phone: string) => {
    const messages = (await (await fetch(`${url}/dev/sms-outbox`)).json()) as OutboxMessage[]
    return messages.find((m) => m.phone === phone)!.code
  }
  const login = async (url: string, phone: string): Promise<Session> => {
    data(await call(url, 'auth', 'sendSmsCode', { phone }))
    const code = await lastCode(url, phone)
    return data(await call<Session>(url, 'auth', 'loginWithSms', { phone, code, consents: agreedConsents(Date.now()) }))
  }
  /**
   * The restored records hold the codes sent within the last minute, so each number would wait out its resend
   * interval (60 s) before a new login code: a story that logs in again at once clears them, as a minute would.
   */
  const forgetSentCodes = async (dataDir: string) => {
    const store = openSqliteStore(join(dataDir, STORE_FILE))
    store.db.exec('DELETE FROM c_sms_codes')
    store.close()
  }
  const profileOf = async (url: string, token: string) =>
    data(await call<Profile>(url, 'auth', 'getProfile', {}, token))

  it('a backup made during a write storm restores into a fresh folder with every acknowledged write, the phones and the images', async () => {
    const server = await serve()
    const phones = ['13700000001', '13700000002', '13700000003']
    const members = await Promise.all(phones.map((phone) => login(server.url, phone)))
    // A poster with an approved listing, so the image shows at once (a newcomer's waits for a moderator).
    data(
      await call(
        server.url,
        'listings',
        'createListing',
        validListing({ title: '先发布的门锁代理信息' }),
        members[0].token,
      ),
    )
    const image = data(
      await call<{ key: string; url: string }>(
        server.url,
        'listings',
        'uploadListingImage',
        { mimeType: 'image/jpeg', data: JPEG },
        members[0].token,
      ),
    )
    const withImage = data(
      await call<{ id: string }>(
        server.url,
        'listings',
        'createListing',
        validListing({ images: [image.key] }),
        members[0].token,
      ),
    )

    // Each member writes one after another, listings and profile changes, until told to stop (bounded).
    const acked: Array<{ member: number; listingId?: string; nickname?: string; at: number }> = []
    // The backup starts once the storm is well under way: when the 30th write is acknowledged.
    let underWay: () => void = () => undefined
    const stormUnderWay = new Promise<void>((resolve) => (underWay = resolve))
    const ack = (entry: (typeof acked)[number]) => {
      acked.push(entry)
      if (acked.length === 30) underWay()
    }
    let stop = false
    const storm = members.map(async (member, m) => {
      for (let i = 0; !stop && i < 400; i++) {
        if (i % 3 === 2) {
          const nickname = `会员${m}号第${i}次`
          data(await call(server.url, 'auth', 'updateProfile', { nickname }, member.token))
          ack({ member: m, nickname, at: Date.now() })
        } else {
          // Each different: the same text twice is refused as a repeat.
          const unique = validListing({
            title: `门锁诚招代理 ${m}-${i}`,
            description: `第 ${m}-${i} 条：厂家直供智能门锁，提供样品和售后支持。`,
          })
          const { id } = data(await call<{ id: string }>(server.url, 'listings', 'createListing', unique, member.token))
          ack({ member: m, listingId: id, at: Date.now() })
        }
      }
    })
    // Either the storm gets under way, or it fails (or ends short) and the story says so.
    await Promise.race([stormUnderWay, Promise.all(storm).then(() => underWay())])
    expect(acked.length).toBeGreaterThanOrEqual(30)
    const archive = join(dir, 'storm.tar.gz')
    const backupStarted = Date.now()
    const backup = runBackupProcess(['--out', archive], env)
    expect(await backup.exited).toBe(0)
    const writesDuringBackup = acked.filter((a) => a.at > backupStarted).length
    stop = true
    await Promise.all(storm)
    await server.stop()
    expect(writesDuringBackup).toBeGreaterThan(0)
    expect(backup.out()).toContain('备份已写入')

    const before = acked.filter((a) => a.at <= backupStarted)
    const restored = { ...env, DATA_DIR: join(dir, 'restored') }
    const restore = runRestoreProcess([archive], restored)
    expect(await restore.exited).toBe(0)
    expect(restore.out()).toContain('已恢复到')

    // A snapshot: each member's writes are there up to a point, every one acknowledged before the backup began.
    const store = openSqliteStore(join(restored.DATA_DIR, STORE_FILE))
    for (let m = 0; m < members.length; m++) {
      const mine = acked.filter((a) => a.member === m && a.listingId)
      const present = await Promise.all(mine.map(async (a) => (await store.get('listings', a.listingId!)) !== null))
      const firstMissing = present.indexOf(false)
      if (firstMissing >= 0) expect(present.slice(firstMissing).every((p) => !p)).toBe(true)
      for (const a of before.filter((b) => b.member === m && b.listingId)) {
        expect({ listing: a.listingId, present: (await store.get('listings', a.listingId!)) !== null }).toEqual({
          listing: a.listingId,
          present: true,
        })
      }
    }
    store.close()

    await forgetSentCodes(restored.DATA_DIR)
    const again = await serve({ DATA_DIR: restored.DATA_DIR })
    // The same numbers log in to the same accounts: the phones' hashes and ciphertexts were restored with their keys.
    for (const [i, phone] of phones.entries()) {
      const session = await login(again.url, phone)
      expect(session.profile.userId).toBe(members[i].profile.userId)
      const profile = await profileOf(again.url, session.token)
      expect(profile.maskedPhone).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`)
      const lastNickname = before.filter((a) => a.member === i && a.nickname).pop()?.nickname
      const later = acked.filter((a) => a.member === i && a.nickname && a.at > backupStarted).map((a) => a.nickname)
      if (lastNickname) expect([lastNickname, ...later]).toContain(profile.nickname)
    }
    const listing = data(
      await call<{ images: string[] }>(again.url, 'listings', 'getListing', { listingId: withImage.id }),
    )
    expect(listing.images).toHaveLength(1)
    const served = await fetch(new URL(new URL(listing.images[0], again.url).pathname, again.url))
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).length).toBeGreaterThan(0)
  }, 180_000)

  it('refuses a folder that is not empty, and a corrupted archive before writing anything', async () => {
    const backend = await openBackend({
      dataDir: env.DATA_DIR,
      seed: true,
      logger: silentLogger,
      clock: { now: () => Date.now() },
      env: {},
    })
    backend.store.close()
    const archive = join(dir, 'good.tar.gz')
    await createBackup({
      dataDir: env.DATA_DIR,
      out: archive,
      deletionLogFile: join(env.BACKUP_DIR, 'deletion-log.jsonl'),
    })

    const occupied = runRestoreProcess([archive], env)
    expect(await occupied.exited).toBe(1)
    expect(occupied.err().trim().split('\n')).toEqual([
      `恢复失败：数据目录不是空的：${env.DATA_DIR}；恢复会替换其中的数据，确认请加 --force（原目录会被移到旁边保留）`,
    ])

    // One byte changed anywhere is refused: every byte of the gzip header, a spread of the rest, the trailer.
    const bytes = readFileSync(archive)
    const positions = [
      ...Array(64).keys(),
      ...Array.from({ length: 60 }, (_, i) => Math.floor(((i + 1) * bytes.length) / 61)),
    ]
    positions.push(...[1, 2, 3, 4, 5, 6, 7, 8].map((k) => bytes.length - k))
    for (const at of positions) {
      const bad = Buffer.from(bytes)
      bad[at] ^= 0x20
      const file = join(dir, 'bad.tar.gz')
      writeFileSync(file, bad)
      await expect(
        verifyArchive(file).then(() => `accepted a change at byte ${at} of ${bytes.length}`),
      ).rejects.toThrow(/备份文件已损坏/)
    }

    const corrupted = Buffer.from(bytes)
    corrupted[Math.floor(bytes.length / 2)] ^= 0x01
    writeFileSync(join(dir, 'bad.tar.gz'), corrupted)
    const fresh = { ...env, DATA_DIR: join(dir, 'fresh') }
    const refused = runRestoreProcess([join(dir, 'bad.tar.gz')], fresh)
    expect(await refused.exited).toBe(1)
    expect(refused.err()).toMatch(/^恢复失败：备份文件已损坏/)
    expect(existsSync(fresh.DATA_DIR)).toBe(false)
    expect(readdirSync(dir).filter((n) => n.startsWith('.fresh'))).toEqual([])
  }, 60_000)

  it('a restore of an archive made before a purge erases that member again: the same phone logs in as a new account', async () => {
    const phone = '13700000099'
    const other = '13700000098'
    const server = await serve({ ACCOUNT_DELETION_COOLING_OFF_DAYS: '0' })
    const member = await login(server.url, phone)
    const staying = await login(server.url, other)
    const image = data(
      await call<{ key: string }>(
        server.url,
        'listings',
        'uploadListingImage',
        { mimeType: 'image/jpeg', data: JPEG },
        member.token,
      ),
    )
    const listing = data(
      await call<{ id: string }>(
        server.url,
        'listings',
        'createListing',
        validListing({ images: [image.key] }),
        member.token,
      ),
    )
    const archive = join(dir, 'before-purge.tar.gz')
    expect(await runBackupProcess(['--out', archive], env).exited).toBe(0)

    data(await call(server.url, 'privacy', 'sendDeletionCode', {}, member.token))
    const smsCode = await lastCode(server.url, phone)
    data(await call(server.url, 'privacy', 'requestAccountDeletion', { smsCode }, member.token))
    await server.stop()
    const purge = runJobProcess(['purge-accounts'], { ...env, ACCOUNT_DELETION_COOLING_OFF_DAYS: '0' })
    expect(await purge.exited).toBe(0)
    expect(purge.out()).toContain('"purged":1')
    const log = readFileSync(join(env.BACKUP_DIR, 'deletion-log.jsonl'), 'utf8').trim().split('\n')
    expect(log.map((line) => Object.keys(JSON.parse(line)).sort())).toEqual([['at', 'userId']])
    expect(JSON.parse(log[0]).userId).toBe(member.profile.userId)

    const restored = { ...env, DATA_DIR: join(dir, 'restored') }
    const restore = runRestoreProcess([archive], restored)
    expect(await restore.exited).toBe(0)
    expect(restore.out()).toContain('按删除记录再次删除了 1 个已注销的账号')

    await forgetSentCodes(restored.DATA_DIR)
    const again = await serve({ DATA_DIR: restored.DATA_DIR })
    const gone = await call(again.url, 'listings', 'getListing', { listingId: listing.id })
    expect(gone.ok ? 'found' : gone.error.code).toBe('NOT_FOUND')
    expect((await fetch(`${again.url}/files/${image.key}`)).status).toBe(404)
    const newcomer = await login(again.url, phone)
    expect(newcomer.profile.userId).not.toBe(member.profile.userId)
    expect((await login(again.url, other)).profile.userId).toBe(staying.profile.userId)
    // The restored file holds none of the member's rows: the erase was checkpointed before the server started.
    expect(readFileSync(join(restored.DATA_DIR, STORE_FILE)).includes(Buffer.from(member.profile.userId))).toBe(false)
  }, 180_000)

  it('the scheduled backup keeps the newest BACKUP_KEEP archives and none older than BACKUP_KEEP_DAYS', async () => {
    let now = Date.UTC(2026, 11, 1, 19, 0, 0)
    const clock = { now: () => now }
    const config = readBackupConfig(
      { BACKUP_DIR: env.BACKUP_DIR, BACKUP_KEEP: '2', BACKUP_KEEP_DAYS: '5' },
      env.DATA_DIR,
    )
    const backend = await openBackend({
      dataDir: env.DATA_DIR,
      seed: false,
      logger: silentLogger,
      clock,
      env: {},
      deletionLog: createDeletionLogFile(config.deletionLogFile),
    })
    try {
      mkdirSync(env.BACKUP_DIR, { recursive: true })
      writeFileSync(join(env.BACKUP_DIR, 'notes.txt'), 'not an archive')
      // A purge older than any archive can keep, and a recent one.
      const log = createDeletionLogFile(config.deletionLogFile)
      await log.record('purged-long-ago', now - 6 * DAY)
      await log.record('purged-yesterday', now - DAY)
      const job = backupJob(env.DATA_DIR, config)
      const made: string[] = []
      for (let day = 0; day < 3; day++) {
        const counts = await runJob(job, { ...backend.deps, clock }, 'manual')
        expect(counts).toMatchObject({ files: expect.any(Number), bytes: expect.any(Number) })
        made.push(readdirSync(env.BACKUP_DIR).filter((n) => n.endsWith('.tar.gz') && !made.includes(n))[0])
        now += DAY
      }
      const archives = () =>
        readdirSync(env.BACKUP_DIR)
          .filter((n) => n.endsWith('.tar.gz'))
          .sort()
      expect(archives()).toEqual(made.slice(1).sort())
      // The log holds ids only as long as a kept archive could name them.
      expect(readDeletionLog(config.deletionLogFile)?.map((e) => e.userId)).toEqual(['purged-yesterday'])
      for (const name of archives()) await verifyArchive(join(env.BACKUP_DIR, name))
      // Ten days on, both are past BACKUP_KEEP_DAYS, however few they are.
      writeFileSync(join(env.BACKUP_DIR, archiveName(now - 10 * DAY)), '')
      expect(await pruneBackups(config, now + 10 * DAY)).toBe(3)
      expect(readdirSync(env.BACKUP_DIR).sort()).toEqual(['deletion-log.jsonl', 'notes.txt'])
    } finally {
      backend.store.close()
    }
  }, 60_000)
})
