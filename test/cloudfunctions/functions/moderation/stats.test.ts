import { Collections } from '@shared/collections'
import { demoCategories } from '../../../../server/seed/demo-data'
import { loginBySms } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { caller, guest, member, type Caller, type Member } from '../../../support/member'

const DAY = 24 * 60 * 60 * 1000
const HOUR = 60 * 60 * 1000

/** The series of one day among the last seven (oldest first): zeros but for that day. */
const onDays = (values: Record<number, number>) => Array.from({ length: 7 }, (_, i) => values[i] ?? 0)

describe('moderation: the dashboard counts what happened, per China day', () => {
  let backend: EmbeddedBackend
  let poster: Member<'listings'>
  let first: Member<'moderation'>
  let second: Member<'moderation'>

  beforeEach(async () => {
    // The categories without the demo listings: every number counted is one this story made.
    backend = await createEmbeddedBackend({ seed: false })
    for (const category of demoCategories) await backend.store.insert(Collections.categories, category)
    poster = await member(backend, '13800000201', 'listings')
    first = await member(backend, '13800000211', 'moderation')
    second = await member(backend, '13800000212', 'moderation')
    await backend.store.insert(Collections.moderatorRoles, { _id: first.userId, role: 'moderator', grantedAt: 0 })
    await backend.store.insert(Collections.moderatorRoles, { _id: second.userId, role: 'admin', grantedAt: 0 })
  })
  afterEach(() => backend.dispose())

  const loginOn = async (phone: string, platform: string): Promise<Caller<'interactions'>> => {
    const session = await loginBySms(backend, phone, { headers: { 'x-client-platform': platform } })
    return caller(backend, 'interactions', session.token)
  }

  it('two days of posting, reveals, reports, decisions and logins show as numbers of their days', async () => {
    // Day one (12-02, noon China time): two members log in from WeChat and Alipay.
    const dayOne = backend.clock.now()
    const viewer = await loginOn('13800000221', 'weapp')
    const reporter = await loginOn('13800000222', 'alipay')
    const kept = await poster.publish({ title: '智能门锁招区域代理' })
    const held = await poster.publish({ title: '稳赚不赔的加盟项目' })
    expect(held.status).toBe('pending')
    await viewer.ok('revealContact', { listingId: kept.id })
    await reporter.ok('reportListing', { listingId: kept.id, reason: '虚假信息', note: '' })

    // Day two: another listing, held again; a reveal of each (the same viewer, a new day); two reports.
    backend.clock.advance(DAY + 2 * HOUR)
    const other = await poster.publish({ title: '社区团购团长招募' })
    const heldAgain = await poster.publish({ title: '零风险稳赚不赔的项目' })
    await viewer.ok('revealContact', { listingId: kept.id })
    await viewer.ok('revealContact', { listingId: other.id })
    await viewer.ok('reportListing', { listingId: kept.id, reason: '侵权', note: '' })
    await reporter.ok('reportListing', { listingId: other.id, reason: '其他', note: '联系方式不是本人' })
    await first.ok('decide', {
      target: { kind: 'listing', id: heldAgain.id },
      decision: 'reject',
      ruleId: '3.2',
      note: '承诺收益',
    })
    await first.ok('penalize', { userId: poster.userId, kind: 'warning', ruleId: '3.2', note: '再次承诺收益' })
    await second.ok('penalize', { userId: poster.userId, kind: 'warning', ruleId: '1.1', note: '资质不实' })

    // Day three, 01:00 China time: a login on H5.
    backend.clock.set(Date.UTC(2026, 11, 3, 17, 0, 0))
    await loginOn('13800000221', 'h5')

    const stats = await first.ok('getStats', { days: 7 })
    expect(stats.days).toEqual([
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ])
    expect(stats.listingsPublished).toEqual(onDays({ 4: 2, 5: 2 }))
    expect(stats.contactReveals).toEqual(onDays({ 4: 1, 5: 2 }))
    expect(stats.reports).toEqual([
      { reason: '虚假信息', perDay: onDays({ 4: 1 }) },
      { reason: '违法违规', perDay: onDays({}) },
      { reason: '骚扰诈骗', perDay: onDays({}) },
      { reason: '侵权', perDay: onDays({ 5: 1 }) },
      { reason: '其他', perDay: onDays({ 5: 1 }) },
    ])
    // The poster and the two moderators logged in as the H5 app does (the helper's header).
    expect(stats.logins).toEqual([
      { platform: 'weapp', perDay: onDays({ 4: 1 }) },
      { platform: 'alipay', perDay: onDays({ 4: 1 }) },
      { platform: 'h5', perDay: onDays({ 4: 3, 6: 1 }) },
      { platform: 'unknown', perDay: onDays({}) },
    ])
    // The first held listing still waits, since day one; three reports are open, the oldest from day one.
    expect(stats.queues).toEqual([
      { queue: 'listings', size: 1, oldestAt: dayOne },
      { queue: 'comments', size: 0, oldestAt: null },
      { queue: 'images', size: 0, oldestAt: null },
      { queue: 'reports', size: 3, oldestAt: dayOne },
      { queue: 'appeals', size: 0, oldestAt: null },
    ])
    expect(stats.decisions).toEqual([
      { moderator: expect.stringMatching(/^m[0-9a-f]{12}$/), mine: true, count: 2 },
      { moderator: expect.stringMatching(/^m[0-9a-f]{12}$/), mine: false, count: 1 },
    ])
    // No feedback or requests in this story (the support stories count them).
    expect(stats.requests).toEqual({ open: 0, overdue: 0 })
    // An admin sees the same numbers, their own row marked.
    const asAdmin = await second.ok('getStats', { days: 7 })
    expect(asAdmin.decisions.map((d) => [d.count, d.mine])).toEqual([
      [2, false],
      [1, true],
    ])
    // The moderators are named as the audit log names them, never by phone number or account.
    const log = await first.ok('listAuditLog', { action: 'penalize' })
    expect(new Set(log.items.map((e) => e.actor))).toEqual(new Set(stats.decisions.map((d) => d.moderator)))
    expect(JSON.stringify(stats)).not.toMatch(/1380000|usr_/)
  })

  it('thirty days by default; a day outside the window is not counted', async () => {
    await poster.publish({ title: '智能门锁招区域代理' })
    backend.clock.advance(30 * DAY)
    // Sessions last 30 days: the moderator logs in again.
    first = await member(backend, '13800000211', 'moderation')
    const stats = await first.ok('getStats', {})
    expect(stats.days).toHaveLength(30)
    expect(stats.days[29]).toBe('2027-01-01')
    expect(stats.listingsPublished.every((n) => n === 0)).toBe(true)
    const ninety = await first.ok('getStats', { days: 90 })
    expect(ninety.listingsPublished.reduce((a, b) => a + b, 0)).toBe(1)
    expect(ninety.listingsPublished[ninety.days.indexOf('2026-12-02')]).toBe(1)
  })

  it('guests are asked to log in, members refused, and days outside 1–90 are invalid input naming days', async () => {
    expect(await guest(backend, 'moderation').call('getStats', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(await poster.on('moderation').call('getStats', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })
    for (const days of [0, 91, 7.5, '30', null]) {
      expect({ days, ...(await first.call('getStats', { days })) }).toMatchObject({
        days,
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'days', message: expect.stringMatching(/天数/) },
      })
    }
    expect(await first.call('getStats', { days: 7, from: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
