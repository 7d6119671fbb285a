import { Collections } from '@shared/collections'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { guest, member, type Member } from '../../../support/member'

const DAY = 24 * 60 * 60 * 1000

describe('moderation: a held listing, a decision with reasons, an appeal to another moderator', () => {
  let backend: EmbeddedBackend
  let poster: Member<'moderation'>
  let first: Member<'moderation'>
  let second: Member<'moderation'>

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000001', 'moderation')
    first = await member(backend, '13800000011', 'moderation')
    second = await member(backend, '13800000012', 'moderation')
    await backend.store.insert(Collections.moderatorRoles, { _id: first.userId, role: 'moderator', grantedAt: 0 })
    await backend.store.insert(Collections.moderatorRoles, { _id: second.userId, role: 'moderator', grantedAt: 0 })
  })
  afterEach(() => backend.dispose())

  it('a listing the local rules hold waits in the queue, is rejected citing a rule, appealed and restored', async () => {
    const held = await poster.publish({ title: '稳赚不赔的加盟项目' })
    expect(held.status).toBe('pending')

    const queue = await first.ok('listQueue', { queue: 'listings', pageSize: 50 })
    expect(queue.items.filter((item) => item.target.id === held.id)).toEqual([
      expect.objectContaining({
        queue: 'listings',
        target: { kind: 'listing', id: held.id },
        content: expect.objectContaining({ title: '稳赚不赔的加盟项目', state: '审核中' }),
        owner: expect.objectContaining({ userId: poster.userId }),
        overdue: false,
      }),
    ])

    expect(
      await first.call('decide', { target: { kind: 'listing', id: held.id }, decision: 'reject', note: '收益承诺' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'ruleId' } })

    const decision = await first.ok('decide', {
      target: { kind: 'listing', id: held.id },
      decision: 'reject',
      ruleId: '3.2',
      note: '标题承诺“稳赚不赔”',
    })
    expect(decision).toMatchObject({ decision: 'reject', ruleId: '3.2', decidedBy: 'person' })
    expect(
      await second.call('decide', { target: { kind: 'listing', id: held.id }, decision: 'approve', note: '' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    const mine = await poster.ok('listMyDecisions', {})
    expect(mine.items[0]).toMatchObject({ id: decision.id, canAppeal: true, rule: { id: '3.2' } })
    const { id: appealId } = await poster.ok('appeal', { decisionId: decision.id, text: '这是保底协议，不是承诺收益' })
    expect(await poster.call('appeal', { decisionId: decision.id, text: '再申诉一次可以吗' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })

    expect(await first.call('decideAppeal', { appealId, outcome: 'grant', note: '我来复核' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })
    expect(await second.ok('decideAppeal', { appealId, outcome: 'grant', note: '合同条款属实' })).toMatchObject({
      status: 'granted',
    })
    const listing = await guest(backend, 'listings').ok('getListing', { id: held.id })
    expect(listing.id).toBe(held.id)

    const notices = await backend.store.find(Collections.notices, {
      where: { userId: poster.userId },
      orderBy: [{ field: 'createdAt', direction: 'asc' }],
      limit: 10,
    })
    const byKind = new Map(notices.items.map((n) => [n.kind, String(n.body)]))
    expect([...byKind.keys()].sort()).toEqual(['appealOutcome', 'moderationDecision'])
    expect(byKind.get('moderationDecision')).toContain('3.2')
    expect(byKind.get('moderationDecision')).toContain('审核员人工')
  })

  it('an item waiting over 48 hours is flagged for escalation, with the poster’s history beside it', async () => {
    const earlier = await poster.publish({ title: '智能门锁诚招绵阳区域代理' })
    await first.ok('decide', {
      target: { kind: 'listing', id: earlier.id },
      decision: 'takeDown',
      ruleId: '1.3',
      note: '分类与内容不符',
    })
    backend.clock.advance(1000)
    await first.ok('penalize', { userId: poster.userId, kind: 'warning', ruleId: '1.3', note: '分类不符' })
    const held = await poster.publish({ title: '高回报的门锁加盟项目' })
    const item = async () =>
      (await second.ok('listQueue', { queue: 'listings', pageSize: 50 })).items.find((i) => i.target.id === held.id)!
    expect((await item()).overdue).toBe(false)
    backend.clock.advance(49 * 60 * 60 * 1000)
    const waiting = await item()
    expect(waiting.overdue).toBe(true)
    expect(waiting.heldBecause).toEqual(expect.any(String))
    expect(waiting.owner?.history).toMatchObject({
      decisions: [
        expect.objectContaining({ decision: 'penalty', ruleId: '1.3' }),
        expect.objectContaining({ decision: 'takeDown', ruleId: '1.3' }),
      ],
      penalties: [expect.objectContaining({ kind: 'warning', ruleId: '1.3' })],
      duplicateAttempts: 0,
    })
  })

  it('three members report a listing: hidden, taken down, reporters told 已处理 · 已下架, a ban refuses the next', async () => {
    const listing = await poster.publish({ title: '智能门锁招代理' })
    const reporters: Array<Member<'interactions'>> = []
    for (const phone of ['13800000021', '13800000022', '13800000023']) {
      const reporter = await member(backend, phone, 'interactions')
      reporters.push(reporter)
      await reporter.ok('reportListing', { listingId: listing.id, reason: '虚假信息' })
    }
    expect(await guest(backend, 'listings').call('getListing', { id: listing.id })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    })
    const reports = await first.ok('listQueue', { queue: 'reports' })
    expect(reports.items).toHaveLength(1)
    expect(reports.items[0].reports).toMatchObject({ count: 3, reporters: 3 })

    await first.ok('decide', {
      target: { kind: 'listing', id: listing.id },
      decision: 'takeDown',
      ruleId: '1.1',
      note: '虚构资质',
    })
    const mine = await reporters[0].ok('listMyReports', {})
    expect(mine.items[0].statusLabel).toBe('已处理 · 已下架')

    await first.ok('penalize', { userId: poster.userId, kind: 'publishBan', days: 7, ruleId: '1.1', note: '虚构资质' })
    const refused = await poster.on('listings').call('createListing', {})
    expect(refused).toMatchObject({ ok: false })
    const next = await poster.publish({ title: '另一条门锁代理' }).catch((e: Error) => e.message)
    expect(String(next)).toContain('解除')
    backend.clock.advance(8 * DAY)
    expect((await poster.publish({ title: '又一条门锁代理' })).status).toBe('published')
  })
})
