import { readdirSync } from 'node:fs'
import { Collections } from '@shared/collections'
import type { AccountDeletionState, ListingDetail, Session } from '@shared/contracts'
import { createJobMain, runJob } from '@shared/core/job'
import { purgeDueAccounts } from '@shared/domain/privacy/purge'
import { purgeAccountsJob } from '@shared/jobs/purge-accounts'
import { eachBatch, type StoredDocument } from '@shared/ports/document-store'
import {
  agreedConsents,
  authHttp,
  countAll,
  dataOf,
  functionHttp,
  type ActionOf,
  loginBySms,
  requestSmsCode,
} from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { plainJpeg } from '../../../support/images'
import { validListing } from '../../../support/listings'

const PHONE = '13766660001'
const OTHER = '13766660002'
const DAY = 24 * 60 * 60 * 1000
const JPEG = Buffer.from(plainJpeg()).toString('base64')

describe('privacy: cancelling the account', () => {
  let backend: EmbeddedBackend
  beforeEach(async () => {
    backend = await createEmbeddedBackend()
  })
  afterEach(() => backend.dispose())

  const privacy = <T>(action: ActionOf<'privacy'>, payload: unknown, token?: string) =>
    functionHttp<T>(backend, 'privacy', action, payload, { token })
  const listings = <T>(action: ActionOf<'listings'>, payload: unknown, token?: string) =>
    functionHttp<T>(backend, 'listings', action, payload, { token })
  const interactions = <T>(action: ActionOf<'interactions'>, payload: unknown, token?: string) =>
    functionHttp<T>(backend, 'interactions', action, payload, { token })
  const messages = <T>(action: ActionOf<'messages'>, payload: unknown, token?: string) =>
    functionHttp<T>(backend, 'messages', action, payload, { token })

  /** The code `sendDeletionCode` sent to the member's own number. */
  async function deletionCode(session: Session, phone = PHONE): Promise<string> {
    backend.clock.advance(61_000)
    dataOf(await privacy('sendDeletionCode', {}, session.token))
    const code = backend.outbox.lastCodeFor(phone)
    if (!code) throw new Error('no deletion code sent')
    return code
  }

  async function requestDeletion(session: Session, phone = PHONE): Promise<AccountDeletionState> {
    const smsCode = await deletionCode(session, phone)
    return dataOf(await privacy<AccountDeletionState>('requestAccountDeletion', { smsCode }, session.token))
  }

  async function logInAgain(phone = PHONE): Promise<Session> {
    backend.clock.advance(61_000)
    return loginBySms(backend, phone)
  }

  async function publish(session: Session, title = '澄江测绘诚招华东区域代理') {
    const image = dataOf(
      await listings<{ key: string }>('uploadListingImage', { mimeType: 'image/jpeg', data: JPEG }, session.token),
    )
    return dataOf(
      await listings<{ id: string }>('createListing', validListing({ title, images: [image.key] }), session.token),
    )
  }

  it('asked with a code to its own number, the account goes pending: its listings stop showing and every login ends', async () => {
    const session = await loginBySms(backend, PHONE)
    const listing = await publish(session)
    const state = await requestDeletion(session)
    expect(state).toEqual({ state: 'pending', purgeAt: backend.clock.now() + 7 * DAY, receiptId: expect.any(String) })

    expect(await listings('getListing', { listingId: listing.id })).toMatchObject({ error: { code: 'NOT_FOUND' } })
    const feed = dataOf(await listings<{ items: Array<{ id: string }> }>('listListings', {}))
    expect(feed.items.map((i) => i.id)).not.toContain(listing.id)
    expect(await privacy('getAccountDeletion', {}, session.token)).toMatchObject({ status: 401 })
    const log = await backend.store.find(Collections.securityLog, {
      where: { userId: session.profile.userId, event: 'account-deletion' },
      orderBy: [{ field: 'at', direction: 'desc' }],
      limit: 5,
    })
    expect(log.items).toHaveLength(1)
  })

  it('logging in during the cooling-off shows the pending deletion, and one undo restores everything', async () => {
    const session = await loginBySms(backend, PHONE)
    const listing = await publish(session)
    const { receiptId, purgeAt } = await requestDeletion(session)
    const back = await logInAgain()
    expect(back.profile.userId).toBe(session.profile.userId)
    expect(dataOf(await privacy('getAccountDeletion', {}, back.token))).toEqual({
      state: 'pending',
      purgeAt,
      receiptId,
    })

    expect(dataOf(await privacy('cancelAccountDeletion', {}, back.token))).toEqual({ state: 'none' })
    expect(dataOf(await listings<ListingDetail>('getListing', { listingId: listing.id }))).toMatchObject({
      id: listing.id,
    })
    expect(dataOf(await privacy('getAccountDeletion', {}, back.token))).toEqual({ state: 'none' })
    // The purge finds nothing to do, even long after.
    backend.clock.advance(30 * DAY)
    expect(await runJob(purgeAccountsJob, backend.deps, 'manual')).toEqual({ purged: 0 })
  })

  it('refuses a guest, a second request while one is pending, and an undo with nothing pending', async () => {
    for (const action of [
      'sendDeletionCode',
      'requestAccountDeletion',
      'cancelAccountDeletion',
      'getAccountDeletion',
    ] as const) {
      expect(await privacy(action, action === 'requestAccountDeletion' ? { smsCode: '123456' } : {})).toMatchObject({
        status: 401,
        error: { code: 'UNAUTHENTICATED' },
      })
    }
    const session = await loginBySms(backend, PHONE)
    expect(await privacy('cancelAccountDeletion', {}, session.token)).toMatchObject({
      status: 404,
      error: { code: 'NOT_FOUND', message: '没有待处理的注销申请' },
    })
    await requestDeletion(session)
    const back = await logInAgain()
    expect(await privacy('requestAccountDeletion', { smsCode: '123456' }, back.token)).toMatchObject({
      status: 409,
      error: { code: 'CONFLICT' },
    })
  })

  it('a wrong, expired, someone else’s or login code is refused and nothing changes', async () => {
    const session = await loginBySms(backend, PHONE)
    const other = await loginBySms(backend, OTHER)
    const real = await deletionCode(session)
    const wrong = real === '000000' ? '111111' : '000000'
    const before = await countAll(backend)
    const refuse = async (smsCode: string) =>
      expect(await privacy('requestAccountDeletion', { smsCode }, session.token)).toMatchObject({
        status: 400,
        error: { code: 'INVALID_INPUT', field: 'code' },
      })
    await refuse(wrong)
    // Another member's deletion code, and a login code of this very number.
    await refuse(await deletionCode(other, OTHER))
    backend.clock.advance(61_000)
    await refuse(await requestSmsCode(backend, PHONE))
    // The real one, after it expired.
    backend.clock.advance(6 * 60_000)
    await refuse(real)
    const after = await countAll(backend)
    expect({ deletions: after.account_deletions, listings: after.listings }).toEqual({
      deletions: before.account_deletions,
      listings: before.listings,
    })
    expect(await privacy('getAccountDeletion', {}, session.token)).toMatchObject({ data: { state: 'none' } })
  })

  it('a deletion code cannot log in', async () => {
    const session = await loginBySms(backend, PHONE)
    const code = await deletionCode(session)
    expect(
      await authHttp(backend, 'loginWithSms', { phone: PHONE, code, consents: agreedConsents(backend.clock.now()) }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'code' } })
  })

  it('input that is not one proof is refused, naming what is wrong', async () => {
    const session = await loginBySms(backend, PHONE)
    for (const payload of [{}, { smsCode: '12345' }, { smsCode: '123456', wechatPhoneCode: 'x' }, { userId: 'u' }]) {
      expect(await privacy('requestAccountDeletion', payload, session.token)).toMatchObject({
        status: 400,
        error: { code: 'INVALID_INPUT' },
      })
    }
  })

  it('on WeChat a fresh phone authorization of the account’s own number proves it; another number does not', async () => {
    const openId = 'o-deleting-member'
    const call = async (action: ActionOf<'privacy'>, payload: unknown) =>
      backend.callFunction('privacy', { action, payload }, { openId, appId: 'wx-app' })
    dataOf(
      (await backend.callFunction(
        'auth',
        {
          action: 'loginWithWechat',
          payload: {
            phoneCode: backend.wechat.phoneCode(PHONE, openId),
            consents: agreedConsents(backend.clock.now()),
          },
        },
        { openId, appId: 'wx-app' },
      )) as never,
    )
    expect(
      await call('requestAccountDeletion', { wechatPhoneCode: backend.wechat.phoneCode(OTHER, openId) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'wechatPhoneCode', message: '授权的手机号与当前账号的手机号不一致' },
    })
    // A code WeChat no longer honours is refused on the field it came in.
    expect(await call('requestAccountDeletion', { wechatPhoneCode: 'wxphone-stale' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'wechatPhoneCode' },
    })
    expect(
      await call('requestAccountDeletion', { wechatPhoneCode: backend.wechat.phoneCode(PHONE, openId) }),
    ).toMatchObject({ ok: true, data: { state: 'pending' } })
    // The OPENID no longer makes the caller a member: logged out.
    expect(await call('getAccountDeletion', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('on Alipay a fresh phone authorization of the account’s own number proves it', async () => {
    const session = await loginBySms(backend, PHONE)
    expect(
      await privacy('requestAccountDeletion', { alipayPhone: backend.alipay.phoneResponse(OTHER) }, session.token),
    ).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'alipayPhone' } })
    expect(
      await privacy('requestAccountDeletion', { alipayPhone: backend.alipay.phoneResponse(PHONE) }, session.token),
    ).toMatchObject({ ok: true, data: { state: 'pending' } })
  })

  describe('the purge, once the cooling-off has ended', () => {
    /** Every stored document that names `value` anywhere, by collection. */
    async function mentions(value: string): Promise<string[]> {
      const found: string[] = []
      for (const collection of Object.keys(await countAll(backend))) {
        const query = { where: {}, orderBy: [{ field: '_id', direction: 'asc' as const }] }
        for await (const batch of eachBatch<StoredDocument>(backend.store, collection, query, 200)) {
          for (const doc of batch) if (JSON.stringify(doc).includes(value)) found.push(`${collection}/${doc._id}`)
        }
      }
      return found
    }

    async function memberWithALife() {
      const session = await loginBySms(backend, PHONE)
      dataOf(
        await authHttp(
          backend,
          'updateProfile',
          { nickname: '澄江柏先生', companyName: '澄江测绘有限公司' },
          { token: session.token },
        ),
      )
      dataOf(await authHttp(backend, 'uploadAvatar', { mimeType: 'image/jpeg', data: JPEG }, { token: session.token }))
      const listing = await publish(session)
      const other = await loginBySms(backend, OTHER)
      const theirs = await publish(other, '青禾净水华南区域代理招募')
      // The member on others' things, and others on the member's.
      dataOf(
        await interactions('postComment', { listingId: theirs.id, content: '澄江这边想了解起订量' }, session.token),
      )
      dataOf(await interactions('addFavourite', { listingId: theirs.id }, session.token))
      dataOf(await interactions('revealContact', { listingId: theirs.id }, session.token))
      dataOf(await interactions('postComment', { listingId: listing.id, content: '我们在杭州有门店' }, other.token))
      dataOf(await interactions('addFavourite', { listingId: listing.id }, other.token))
      dataOf(await interactions('revealContact', { listingId: listing.id }, other.token))
      dataOf(await interactions('reportListing', { listingId: listing.id, reason: '虚假信息', note: '' }, other.token))
      // A conversation each way: the member asks about theirs with a card, and is asked about their own.
      dataOf(await messages('saveMyCard', { name: '柏澄江', company: '澄江测绘有限公司' }, session.token))
      const asked = dataOf(
        await messages<{ conversationId: string }>(
          'sendInquiry',
          { listingId: theirs.id, text: '澄江想问华南的名额', card: { fields: ['name', 'company'] } },
          session.token,
        ),
      )
      dataOf(await messages('replyToConversation', { conversationId: asked.conversationId, text: '还有' }, other.token))
      const askedMe = dataOf(
        await messages<{ conversationId: string }>('sendInquiry', { listingId: listing.id, text: '在吗' }, other.token),
      )
      dataOf(await messages('blockMember', { conversationId: askedMe.conversationId }, session.token))
      return { session, listing, other, theirs }
    }

    it('deletes or anonymises every record of the member, their files too, writes a receipt, and the phone starts over', async () => {
      const { session, other, theirs } = await memberWithALife()
      const userId = session.profile.userId
      const { receiptId } = await requestDeletion(session)
      backend.clock.advance(7 * DAY + 1)
      expect(await runJob(purgeAccountsJob, backend.deps, 'manual')).toEqual({ purged: 1 })

      // Nothing names the member but the anonymised security log; their files are gone.
      expect(await mentions(userId)).toEqual([])
      expect(await mentions('澄江')).toEqual([])
      const log = await backend.store.find(Collections.securityLog, {
        where: { userId: null },
        orderBy: [{ field: '_id', direction: 'asc' }],
        limit: 50,
      })
      expect(log.items.length).toBeGreaterThan(0)
      const files = readdirSync(backend.filesDir, { recursive: true }).map(String)
      expect(files.filter((f) => f.includes(userId))).toEqual([])

      // The other member keeps their listing, their account, and the report (cut from the purged member).
      expect(dataOf(await listings('getListing', { listingId: theirs.id }))).toMatchObject({ id: theirs.id })
      const comments = dataOf(await interactions<{ items: unknown[] }>('listComments', { listingId: theirs.id }))
      expect(comments.items).toEqual([])
      const reports = dataOf(
        await interactions<{ items: Array<{ targetSummary: string }> }>('listMyReports', {}, other.token),
      )
      expect(reports.items.map((r) => r.targetSummary)).toEqual([''])
      // Both conversations stay with the other member, the purged side shown as gone, its words and card gone.
      const conversations = dataOf(
        await messages<{ items: Array<{ conversationId: string; other: { nickname: string }; listingTitle: string }> }>(
          'listConversations',
          {},
          other.token,
        ),
      )
      expect(conversations.items.map((c) => c.other.nickname)).toEqual(['已注销用户', '已注销用户'])
      const left = conversations.items.map((c) => c.conversationId)
      const pages = await Promise.all(
        left.map(async (conversationId) =>
          dataOf(
            await messages<{ items: Array<{ mine: boolean; text: string }> }>(
              'listConversationMessages',
              { conversationId },
              other.token,
            ),
          ).items.map((m) => [m.mine, m.text]),
        ),
      )
      expect(pages.flat()).toEqual(
        expect.arrayContaining([
          [true, '在吗'],
          [true, '还有'],
        ]),
      )
      expect(pages.flat()).toHaveLength(2)
      expect(
        await messages('replyToConversation', { conversationId: left[0], text: '还在吗' }, other.token),
      ).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', message: '消息无法送达' } })

      // The receipt: counts by category and what is kept until when, nothing that names the person.
      const receipt = await backend.store.get<StoredDocument & { removed: Record<string, number> }>(
        Collections.deletionReceipts,
        receiptId!,
      )
      // Their comment, favourite and reveal, and the notice of the other member's comment on their listing; the
      // message they sent, their block, the notices of the inquiry and the reply; their card.
      expect(receipt?.removed).toMatchObject({ 账号信息: 1, 发布内容: 2, 互动记录: 8, 联系方式: 1 })
      expect(JSON.stringify(receipt)).not.toMatch(new RegExp(`${PHONE}|${userId}|澄江`))

      // The same number logs in as a brand-new, empty account.
      const again = await logInAgain()
      expect(again.profile.userId).not.toBe(userId)
      expect(again.profile.nickname).not.toBe('澄江柏先生')
      expect(dataOf(await listings<{ items: unknown[] }>('listMyListings', {}, again.token)).items).toEqual([])
    })

    it('stopped at a fixed point, as a killed process would be, the next run finishes it and writes one receipt', async () => {
      const { session } = await memberWithALife()
      const userId = session.profile.userId
      const { receiptId } = await requestDeletion(session)
      backend.clock.advance(7 * DAY + 1)
      const crash = new Error('killed after the files step')
      await expect(
        purgeDueAccounts(backend.deps, backend.clock.now(), {
          afterStep: (_id, step) => {
            if (step === 'files') throw crash
          },
        }),
      ).rejects.toBe(crash)
      // Half done: files gone, records still there, the request says how far it got.
      expect(await backend.store.get(Collections.users, userId)).not.toBeNull()
      expect(await backend.store.get(Collections.accountDeletions, userId)).toMatchObject({ step: 3 })
      // An undo now is too late.
      const back = await logInAgain()
      expect(await privacy('cancelAccountDeletion', {}, back.token)).toMatchObject({ error: { code: 'CONFLICT' } })

      expect(await runJob(purgeAccountsJob, backend.deps, 'manual')).toEqual({ purged: 1 })
      expect(await mentions(userId)).toEqual([])
      expect(await backend.store.get(Collections.deletionReceipts, receiptId!)).not.toBeNull()
      expect(await backend.store.count(Collections.deletionReceipts)).toBe(1)
    })

    it('with a cooling-off of 0 days the next run purges at once; before its time nothing is touched', async () => {
      await backend.dispose()
      backend = await createEmbeddedBackend({ limits: { deletionCoolingOffDays: 0 } })
      const session = await loginBySms(backend, PHONE)
      const { purgeAt } = await requestDeletion(session)
      expect(purgeAt).toBe(backend.clock.now())
      expect(await runJob(purgeAccountsJob, backend.deps, 'manual')).toEqual({ purged: 1 })
      expect(await backend.store.get(Collections.users, session.profile.userId)).toBeNull()
    })

    it('the purge function starts only from its own timer: a client’s timer-shaped call is refused', async () => {
      const session = await loginBySms(backend, PHONE)
      await requestDeletion(session)
      backend.clock.advance(8 * DAY)
      const main = createJobMain(purgeAccountsJob, () => backend.deps)
      const timer = { Type: 'Timer', TriggerName: 'purge-accounts', Time: '2026-12-08T18:00:00Z', Message: '' }
      expect(await main({ ...timer, userInfo: { openId: 'o-1', appId: 'wx' } })).toMatchObject({
        ok: false,
        error: { code: 'NOT_ALLOWED' },
      })
      expect(await backend.store.get(Collections.users, session.profile.userId)).not.toBeNull()
      expect(await main(timer)).toEqual({ ok: true, data: { purged: 1 } })
    })
  })
})
