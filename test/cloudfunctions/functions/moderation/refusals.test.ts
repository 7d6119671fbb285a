import { Collections } from '@shared/collections'
import { MODERATION_QUEUES } from '@shared/contracts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { validListing } from '../../../support/listings'
import { guest, member, type Member } from '../../../support/member'

const DAY = 24 * 60 * 60 * 1000

/** Every moderator action with a payload the contract accepts, for the refusals that come before it. */
const moderatorCalls = (target: { kind: 'listing'; id: string }) =>
  [
    ['listQueue', { queue: 'listings' }],
    ['claim', { target }],
    ['decide', { target, decision: 'approve', note: '' }],
    ['penalize', { userId: 'someone', kind: 'warning', ruleId: '1.1', note: '说明' }],
    ['listAuditLog', {}],
    ['decideAppeal', { appealId: 'ap_x', outcome: 'deny', note: '说明' }],
  ] as const

describe('moderation: who may do what, and what is refused', () => {
  let backend: EmbeddedBackend
  let poster: Member<'moderation'>
  let moderator: Member<'moderation'>
  let other: Member<'moderation'>

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000101', 'moderation')
    moderator = await member(backend, '13800000102', 'moderation')
    other = await member(backend, '13800000103', 'moderation')
    await backend.store.insert(Collections.moderatorRoles, { _id: moderator.userId, role: 'moderator', grantedAt: 0 })
    await backend.store.insert(Collections.moderatorRoles, { _id: other.userId, role: 'moderator', grantedAt: 0 })
  })
  afterEach(() => backend.dispose())

  const auditCount = () => backend.store.count(Collections.auditLog)

  it('guests are asked to log in and members are refused every moderator action; nothing is written', async () => {
    const listing = await poster.publish()
    const before = await auditCount()
    for (const [action, payload] of moderatorCalls({ kind: 'listing', id: listing.id })) {
      expect({ action, ...(await guest(backend, 'moderation').call(action, payload)) }).toMatchObject({
        action,
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      })
      expect({ action, ...(await poster.call(action, payload)) }).toMatchObject({
        action,
        ok: false,
        error: { code: 'NOT_ALLOWED' },
      })
    }
    expect(
      await guest(backend, 'moderation').call('appeal', { decisionId: 'x', text: '我要申诉这项处理' }),
    ).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await auditCount()).toBe(before)
    // Guests read the rules and the public penalty list.
    expect((await guest(backend, 'moderation').ok('listRules', {})).map((r) => r.id)).toContain('2.3')
    expect(await guest(backend, 'moderation').ok('listPublicPenalties', {})).toEqual({ items: [], nextCursor: null })
    // Every queue answers a moderator (empty or not).
    for (const queue of MODERATION_QUEUES) expect((await moderator.ok('listQueue', { queue })).items).toBeDefined()
  })

  it('a moderator may not decide their own content, penalise themselves or cite a rule that does not exist', async () => {
    const own = await moderator.publish({ title: '审核员自己发布的门锁代理' })
    const target = { kind: 'listing' as const, id: own.id }
    expect(await moderator.call('decide', { target, decision: 'takeDown', ruleId: '1.1', note: '自查' })).toMatchObject(
      {
        ok: false,
        error: { code: 'NOT_ALLOWED' },
      },
    )
    expect(
      await moderator.call('penalize', { userId: moderator.userId, kind: 'warning', ruleId: '1.1', note: '自罚' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })
    expect(
      await other.call('decide', { target, decision: 'takeDown', ruleId: '9.9', note: '不存在的规则' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'ruleId' },
    })
    expect(await other.call('decide', { target, decision: 'takeDown', ruleId: '1.1', note: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'note' },
    })
    expect(
      await other.call('decide', { target, decision: 'deleteComment', ruleId: '1.1', note: '不适用' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'decision' },
    })
    expect(
      await other.call('penalize', { userId: poster.userId, kind: 'publishBan', ruleId: '1.1', note: '没有天数' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'days' },
    })
    expect(
      await other.call('penalize', { userId: 'nobody-here', kind: 'warning', ruleId: '1.1', note: '说明' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    // Nothing of it changed the listing.
    expect((await guest(backend, 'listings').ok('getListing', { id: own.id })).id).toBe(own.id)
  })

  it('a claim keeps another moderator off the item until it lapses', async () => {
    const listing = await poster.publish()
    const target = { kind: 'listing' as const, id: listing.id }
    await moderator.ok('claim', { target })
    expect(await other.call('claim', { target })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    backend.clock.advance(31 * 60 * 1000)
    expect(await other.ok('claim', { target })).toMatchObject({ claimed: true })
  })

  it('appeals: only the owner, only against them, once, within 180 days; not decided by the moderator who decided', async () => {
    const listing = await poster.publish()
    const target = { kind: 'listing' as const, id: listing.id }
    const takenDown = await moderator.ok('decide', { target, decision: 'takeDown', ruleId: '1.1', note: '资质为虚构' })
    expect(await other.call('appeal', { decisionId: takenDown.id, text: '这不是我的处理记录' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    const restored = await other.ok('decide', { target, decision: 'restore', note: '复核无误' })
    expect(await poster.call('appeal', { decisionId: restored.id, text: '恢复也想申诉一下' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })
    const again = await other.ok('decide', { target, decision: 'takeDown', ruleId: '1.1', note: '再次核实为虚构' })
    // An appeal of a decision the other moderator made goes to the first one; it is decided once.
    const appeal = await poster.ok('appeal', { decisionId: again.id, text: '营业执照可以提供' })
    expect(await other.call('decideAppeal', { appealId: appeal.id, outcome: 'grant', note: '我复核' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })
    await moderator.ok('decideAppeal', { appealId: appeal.id, outcome: 'deny', note: '执照与公司不符' })
    expect(await moderator.call('decideAppeal', { appealId: appeal.id, outcome: 'grant', note: '改判' })).toMatchObject(
      {
        ok: false,
        error: { code: 'CONFLICT' },
      },
    )
    expect(await poster.call('appeal', { decisionId: again.id, text: '再申诉一次可以吗' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    // Past 180 days the first decision can no longer be appealed (logged in again: sessions last 30 days).
    backend.clock.advance(181 * DAY)
    const later = await member(backend, poster.phone, 'moderation')
    expect(await later.call('appeal', { decisionId: takenDown.id, text: '过了很久才看到' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: expect.stringContaining('申诉期限') },
    })
  })

  it('penalties hold on the server with their end date, lift themselves when due, and never block the member’s rights', async () => {
    const listing = await other.publish({ title: '门锁代理合作信息' })
    const asInteractions = poster.on('interactions')
    await moderator.ok('penalize', {
      userId: poster.userId,
      kind: 'commentBan',
      days: 3,
      ruleId: '2.1',
      note: '辱骂他人',
    })
    const comment = await asInteractions.call('postComment', { listingId: listing.id, content: '你好' })
    expect(comment).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: expect.stringMatching(/至 \d{4}-\d{2}-\d{2} 解除/) },
    })
    await moderator.ok('penalize', { userId: poster.userId, kind: 'accountBan', ruleId: '3.2', note: '诈骗' })
    expect(await asInteractions.call('revealContact', { listingId: listing.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: expect.stringContaining('期限未定') },
    })
    expect(await poster.on('listings').call('createListing', validListing())).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })
    // Rights stay: their data, its export, their decisions and an appeal, account deletion.
    expect(await poster.on('privacy').call('getMyData', {})).toMatchObject({ ok: true })
    expect(await poster.on('privacy').call('exportMyData', {})).toMatchObject({ ok: true })
    const decisions = await poster.ok('listMyDecisions', {})
    const ban = decisions.items.find((d) => d.penalty?.kind === 'accountBan')!
    expect(ban).toMatchObject({ canAppeal: true, rule: { id: '3.2' } })
    expect(await poster.call('appeal', { decisionId: ban.id, text: '我没有诈骗，请复核' })).toMatchObject({ ok: true })
    expect(await poster.on('privacy').call('getAccountDeletion', {})).toMatchObject({ ok: true })
    // The ban is on the public list with the masked account, the rule and the date only.
    const listed = await guest(backend, 'moderation').ok('listPublicPenalties', {})
    expect(listed.items).toEqual([
      {
        account: expect.stringMatching(/\*\*$/),
        kind: 'accountBan',
        rule: { id: '3.2', title: '诈骗与非法集资' },
        at: expect.any(Number),
        endsAt: null,
      },
    ])
    // The comment ban lifts itself when due; the account ban, granted on appeal, is lifted.
    const appeal = (await moderator.ok('listQueue', { queue: 'appeals' })).items[0].appeal!
    await other.ok('decideAppeal', { appealId: appeal.id, outcome: 'grant', note: '证据不足' })
    backend.clock.advance(4 * DAY)
    expect(await asInteractions.call('postComment', { listingId: listing.id, content: '你好' })).toMatchObject({
      ok: true,
    })
    expect((await guest(backend, 'moderation').ok('listPublicPenalties', {})).items).toEqual([])
  })

  it('the audit log is append-only: every action adds entries and none changes or removes one', async () => {
    const listing = await poster.publish()
    const target = { kind: 'listing' as const, id: listing.id }
    const snapshot = async () =>
      (await backend.store.find(Collections.auditLog, { orderBy: [{ field: 'at', direction: 'asc' }], limit: 1000 }))
        .items
    const tick = () => backend.clock.advance(1000)
    await moderator.ok('claim', { target })
    const first = await snapshot()
    tick()
    const decision = await moderator.ok('decide', { target, decision: 'takeDown', ruleId: '1.1', note: '虚构' })
    const appeal = await poster.ok('appeal', { decisionId: decision.id, text: '请再看一下资料' })
    tick()
    await other.ok('decideAppeal', { appealId: appeal.id, outcome: 'grant', note: '资料属实' })
    tick()
    await other.ok('penalize', { userId: poster.userId, kind: 'warning', ruleId: '4.1', note: '提醒' })
    const after = await snapshot()
    expect(after.slice(0, first.length)).toEqual(first)
    expect(after.map((e) => e.action)).toEqual(['claim', 'decide', 'decideAppeal', 'penalize'])
    const decided = after[1]
    expect(decided).toMatchObject({
      targetKind: 'listing',
      targetId: listing.id,
      before: 'published',
      after: 'removed',
      ruleId: '1.1',
    })
    // Entries never copy content and never name a member by id.
    expect(JSON.stringify(after)).not.toContain(listing.title)
    expect(JSON.stringify(after)).not.toContain(poster.userId)
    const page = await moderator.ok('listAuditLog', { action: 'decide' })
    expect(page.items).toHaveLength(1)
  })
})
