import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Session } from '@shared/contracts'
import { runJob } from '@shared/core/job'
import { createLogger } from '@shared/core/logger'
import { purgeAccountsJob } from '@shared/jobs/purge-accounts'
import { agreedConsents, dataOf, functionHttp, loginBySms } from '../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../support/embedded'
import { plainJpeg } from '../support/images'
import { validListing } from '../support/listings'

/**
 * Values that occur in this one member's data and nowhere else (not in the seed, not in the other
 * member's), so finding any of their bytes anywhere after the purge is a real leftover, never a false hit.
 */
const SECRETS = {
  phone: '13590017733',
  openId: 'o-residue-4f2a91c7',
  nickname: '墨砚辞',
  company: '砚舟测绘有限公司',
  brand: '砚舟',
  contactName: '岑先生',
  contactPhone: '13590017744',
  contactWechat: 'yanzhou_cen_77',
  contactQq: '590017744',
}
const OTHER = '13590017799'
const DAY = 24 * 60 * 60 * 1000
const JPEG = Buffer.from(plainJpeg()).toString('base64')

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? [path, ...filesUnder(path)] : [path]
  })
}

/** Which secrets' bytes occur in the buffer (UTF-8, as SQLite and the log store text). */
const foundIn = (bytes: Buffer) =>
  Object.entries(SECRETS)
    .filter(([, value]) => bytes.includes(Buffer.from(value, 'utf8')))
    .map(([name]) => name)

describe('nothing is left behind: a raw byte scan after an account is purged', () => {
  let backend: EmbeddedBackend
  const log: string[] = []

  beforeEach(async () => {
    log.length = 0
    backend = await createEmbeddedBackend({
      logger: createLogger((line) => log.push(line)),
      limits: { deletionCoolingOffDays: 0 },
    })
  })
  afterEach(() => backend.dispose())

  const call = <T>(
    fn: 'auth' | 'listings' | 'interactions' | 'privacy',
    action: string,
    payload: unknown,
    token: string,
  ) => functionHttp<T>(backend, fn, action, payload, { token }).then(dataOf)

  /** The member everywhere: profile, avatar, a listing with an image and every contact field, a comment, a reveal. */
  async function liveAndLeave(): Promise<void> {
    const wechat = (await backend.callFunction(
      'auth',
      {
        action: 'loginWithWechat',
        payload: {
          phoneCode: backend.wechat.phoneCode(SECRETS.phone),
          consents: agreedConsents(backend.clock.now(), 'weapp'),
        },
      },
      { openId: SECRETS.openId, appId: 'wx-app' },
    )) as never
    dataOf(wechat)
    const session = await loginBySms(backend, SECRETS.phone)
    const token = session.token
    await call(
      'auth',
      'updateProfile',
      { nickname: SECRETS.nickname, companyName: SECRETS.company, brandName: SECRETS.brand },
      token,
    )
    await call('auth', 'uploadAvatar', { mimeType: 'image/jpeg', data: JPEG }, token)
    const image = await call<{ key: string }>(
      'listings',
      'uploadListingImage',
      { mimeType: 'image/jpeg', data: JPEG },
      token,
    )
    const listing = await call<{ id: string }>(
      'listings',
      'createListing',
      validListing({
        title: `${SECRETS.brand}测绘诚招华南区域代理`,
        company: SECRETS.company,
        brand: SECRETS.brand,
        images: [image.key],
        contact: {
          name: SECRETS.contactName,
          phone: SECRETS.contactPhone,
          wechat: SECRETS.contactWechat,
          qq: SECRETS.contactQq,
          public: { name: true, phone: true, wechat: true, qq: true },
        },
      }),
      token,
    )
    // Another member meets the listing: reveals it (the reveal log names the poster), favourites, comments, reports.
    const other: Session = await loginBySms(backend, OTHER)
    const theirs = await call<{ id: string }>('listings', 'createListing', validListing(), other.token)
    await call('interactions', 'revealContact', { listingId: listing.id }, other.token)
    await call('interactions', 'addFavourite', { listingId: listing.id }, other.token)
    await call('interactions', 'postComment', { listingId: listing.id, content: '请问岑先生方便电话吗' }, other.token)
    await call(
      'interactions',
      'reportListing',
      { listingId: listing.id, reason: '其他', note: '想确认对方的资质' },
      other.token,
    )
    await call('interactions', 'postComment', { listingId: theirs.id, content: `${SECRETS.brand}想了解起订量` }, token)
    await call('privacy', 'exportMyData', {}, token)

    backend.clock.advance(61_000)
    await call('privacy', 'sendDeletionCode', {}, token)
    const smsCode = backend.outbox.lastCodeFor(SECRETS.phone)
    await call('privacy', 'requestAccountDeletion', { smsCode }, token)
    backend.clock.advance(DAY)
    expect(await runJob(purgeAccountsJob, backend.deps, 'manual')).toEqual({ purged: 1 })
  }

  it('the SQLite file, its WAL, the uploads folder and the log hold none of the member’s values', async () => {
    await liveAndLeave()
    // Before the purge the scan finds them: it is not blind. (Checked on a copy of the same story below.)
    const db = readFileSync(backend.storeFile)
    const wal = existsSync(`${backend.storeFile}-wal`) ? readFileSync(`${backend.storeFile}-wal`) : Buffer.alloc(0)
    expect({ file: foundIn(db), wal: foundIn(wal) }).toEqual({ file: [], wal: [] })
    for (const file of filesUnder(backend.filesDir)) {
      expect({ file, found: statSync(file).isFile() ? foundIn(readFileSync(file)) : [] }).toEqual({ file, found: [] })
    }
    expect(foundIn(Buffer.from(log.join('\n'), 'utf8'))).toEqual([])
  })

  it('the same scan finds the values while the account exists: it would see a leftover', async () => {
    const session = await loginBySms(backend, SECRETS.phone)
    await call('auth', 'updateProfile', { nickname: SECRETS.nickname, companyName: SECRETS.company }, session.token)
    await backend.store.flushDeleted()
    expect(
      foundIn(
        Buffer.concat([
          readFileSync(backend.storeFile),
          existsSync(`${backend.storeFile}-wal`) ? readFileSync(`${backend.storeFile}-wal`) : Buffer.alloc(0),
        ]),
      ),
    ).toEqual(expect.arrayContaining(['nickname', 'company']))
  })
})
