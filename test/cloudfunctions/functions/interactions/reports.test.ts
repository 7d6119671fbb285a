import { Collections } from '@shared/collections'
import type { ReportDoc } from '@shared/domain/interactions/reports'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { countAll } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { putListing } from '../../../support/interactions'
import { guest, member, type Member } from '../../../support/member'

describe('interactions: reports', () => {
  let backend: EmbeddedBackend
  let poster: Member<'interactions'>
  let reporter: Member<'interactions'>
  let listing: ListingDoc

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000001', 'interactions')
    reporter = await member(backend, '13800000002', 'interactions')
    listing = await putListing(backend, poster.userId, { title: '高额返利招代理' })
  })
  afterEach(() => backend.dispose())

  const reports = () => backend.store.count(Collections.reports)
  const myReports = () => reporter.ok('listMyReports', {})
  /** The report's own life, moved by hand (the moderation function's decisions are in functions/moderation). */
  const moderate = (id: string, patch: Partial<ReportDoc>) =>
    backend.store.update(Collections.reports, id, { ...patch, updatedAt: backend.clock.now() })

  it('a guest cannot report: asked to log in, nothing stored', async () => {
    const before = await countAll(backend)
    expect(
      await guest(backend, 'interactions').call('reportListing', { listingId: listing._id, reason: '虚假信息' }),
    ).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await guest(backend, 'interactions').call('listMyReports', {})).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await countAll(backend)).toEqual(before)
  })

  it('a report is stored for the moderators and the reporter follows it: 已提交 → 处理中 → 已处理 with the outcome', async () => {
    const filed = await reporter.ok('reportListing', {
      listingId: listing._id,
      reason: '骚扰诈骗',
      note: '  要求先交保证金 ',
    })
    expect(filed).toEqual({
      id: expect.any(String),
      targetType: 'listing',
      targetId: listing._id,
      listingId: listing._id,
      targetSummary: '高额返利招代理',
      reason: '骚扰诈骗',
      note: '要求先交保证金',
      status: 'submitted',
      statusLabel: '已提交',
      outcome: null,
      createdAt: backend.clock.now(),
      updatedAt: backend.clock.now(),
    })
    expect(await backend.store.get<ReportDoc>(Collections.reports, filed.id)).toMatchObject({
      reporterId: reporter.userId,
      targetOwnerId: poster.userId,
      status: 'submitted',
    })
    expect((await reporter.ok('getListingInteractions', { listingId: listing._id })).myReport).toEqual({
      id: filed.id,
      status: 'submitted',
      statusLabel: '已提交',
    })

    backend.clock.advance(60_000)
    await moderate(filed.id, { status: 'processing' })
    expect((await myReports()).items[0]).toMatchObject({ status: 'processing', statusLabel: '处理中', outcome: null })

    backend.clock.advance(60_000)
    await moderate(filed.id, { status: 'resolved', outcome: '已核实，信息已下架' })
    expect((await myReports()).items[0]).toMatchObject({
      status: 'resolved',
      statusLabel: '已处理 · 已核实，信息已下架',
      outcome: '已核实，信息已下架',
      updatedAt: backend.clock.now(),
    })
    // Nobody else sees it.
    expect(await poster.ok('listMyReports', {})).toEqual({ items: [], nextCursor: null })
  })

  it('one open report per member and target: a repeat (even a simultaneous one) is CONFLICT; once resolved, again', async () => {
    const first = await Promise.all(
      [1, 2].map(() => reporter.call('reportListing', { listingId: listing._id, reason: '虚假信息' })),
    )
    expect(first.filter((r) => r.ok)).toHaveLength(1)
    expect(first.find((r) => !r.ok)).toMatchObject({
      status: 409,
      error: { code: 'CONFLICT', message: '你已举报过该内容，正在处理中' },
    })
    expect(await reporter.call('reportListing', { listingId: listing._id, reason: '侵权' })).toMatchObject({
      error: { code: 'CONFLICT', message: '你已举报过该内容，正在处理中' },
    })
    expect(await reports()).toBe(1)

    // Someone else may report the same listing.
    const other = await member(backend, '13800000003', 'interactions')
    await other.ok('reportListing', { listingId: listing._id, reason: '虚假信息' })

    const [open] = (await myReports()).items
    await moderate(open.id, { status: 'resolved', outcome: '未发现问题' })
    backend.clock.advance(1000)
    await reporter.ok('reportListing', { listingId: listing._id, reason: '违法违规', note: '又改了一次描述' })
    expect((await myReports()).items.map((r) => r.statusLabel)).toEqual(['已提交', '已处理 · 未发现问题'])
  })

  it('a comment can be reported; the report keeps an excerpt even after the comment is deleted', async () => {
    const comment = await poster.ok('postComment', {
      listingId: listing._id,
      content: '加我微信领红包，' + '快'.repeat(80),
    })
    const filed = await reporter.ok('reportComment', { commentId: comment.id, reason: '骚扰诈骗' })
    expect(filed).toMatchObject({ targetType: 'comment', targetId: comment.id, listingId: listing._id })
    expect(filed.targetSummary).toHaveLength(61)
    expect(filed.targetSummary.endsWith('…')).toBe(true)
    await poster.ok('deleteComment', { commentId: comment.id })
    expect((await myReports()).items[0]).toMatchObject({ targetSummary: filed.targetSummary, statusLabel: '已提交' })
    expect(await reporter.call('reportComment', { commentId: comment.id, reason: '其他', note: '已删' })).toMatchObject(
      {
        error: { code: 'NOT_FOUND', message: '评论不存在或已删除' },
      },
    )
  })

  it('nobody reports their own listing or comment, nor a hidden listing', async () => {
    expect(await poster.call('reportListing', { listingId: listing._id, reason: '虚假信息' })).toMatchObject({
      status: 403,
      error: { code: 'NOT_ALLOWED', message: '不能举报自己发布的信息' },
    })
    const own = await reporter.ok('postComment', { listingId: listing._id, content: '自己的评论' })
    expect(await reporter.call('reportComment', { commentId: own.id, reason: '其他', note: '测试' })).toMatchObject({
      error: { code: 'NOT_ALLOWED', message: '不能举报自己的评论' },
    })
    const hidden = await putListing(backend, poster.userId, { status: 'takenDown' })
    expect(await reporter.call('reportListing', { listingId: hidden._id, reason: '虚假信息' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    })
    expect(await reports()).toBe(0)
  })

  it('「其他」 needs a note: INVALID_INPUT on `note`, nothing stored', async () => {
    for (const note of [undefined, '', '   ']) {
      const payload = { listingId: listing._id, reason: '其他', ...(note === undefined ? {} : { note }) }
      expect(await reporter.call('reportListing', payload)).toMatchObject({
        ok: false,
        status: 400,
        error: { code: 'INVALID_INPUT', field: 'note', message: '选择「其他」时请填写举报说明' },
      })
    }
    expect(await reports()).toBe(0)
    await reporter.ok('reportListing', { listingId: listing._id, reason: '其他', note: '图片盗用' })
    expect(await reports()).toBe(1)
  })
})
