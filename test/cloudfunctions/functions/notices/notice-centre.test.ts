import { Collections } from '@shared/collections'
import { runJob } from '@shared/core/job'
import { expiryRemindersJob } from '@shared/jobs/expiry-reminders'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { guest, member, type Member } from '../../../support/member'

const DAY = 24 * 60 * 60 * 1000
const INCIDENT = {
  happened: '12 月 1 日发现一台备份服务器的访问日志被未授权读取',
  data: '部分用户的昵称和登录时间',
  impact: '可能收到冒充平台的推销电话',
  measures: '已关闭该服务器的外部访问并更换全部密钥，正在配合主管部门调查',
  advice: '请留意以质能视界名义索要验证码的电话，不要透露验证码',
  contact: '发送邮件至 privacy@zhineng-demo.example',
}

describe('notices: 消息, unread counts, preferences, announcements and incident notices', () => {
  let backend: EmbeddedBackend
  let poster: Member<'notices'>
  let reader: Member<'notices'>
  let admin: Member<'moderation'>

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000201', 'notices')
    reader = await member(backend, '13800000202', 'notices')
    admin = await member(backend, '13800000203', 'moderation')
    await backend.store.insert(Collections.moderatorRoles, { _id: admin.userId, role: 'admin', grantedAt: 0 })
  })
  afterEach(() => backend.dispose())

  it('a comment on my listing is a notice: listed newest first, counted unread until marked read', async () => {
    const listing = await poster.publish()
    await reader.on('interactions').ok('postComment', { listingId: listing.id, content: '请问成都还有名额吗？' })
    backend.clock.advance(1000)
    await reader.on('interactions').ok('postComment', { listingId: listing.id, content: '样品怎么申请？' })
    expect(await poster.ok('countUnread', {})).toEqual({ unread: 2 })
    const page = await poster.ok('listNotices', {})
    expect(page.items.map((n) => [n.kind, n.read])).toEqual([
      ['comment', false],
      ['comment', false],
    ])
    expect(page.items[0].createdAt).toBeGreaterThan(page.items[1].createdAt)
    // It names the poster's own listing, never the commenter's words.
    expect(page.items[0].body).toContain(listing.title)
    expect(page.items[0].body).not.toContain('样品')
    expect(await reader.call('markRead', { ids: [page.items[0].id] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await poster.ok('markRead', { ids: [page.items[0].id] })).toEqual({ marked: 1 })
    expect(await poster.ok('countUnread', {})).toEqual({ unread: 1 })
    expect(await poster.ok('markRead', { all: true })).toEqual({ marked: 1 })
    expect(await poster.ok('countUnread', {})).toEqual({ unread: 0 })
    // The commenter is not told about their own comment.
    expect(await reader.ok('countUnread', {})).toEqual({ unread: 0 })
  })

  it('guests are asked to log in; bad input names the field', async () => {
    for (const action of ['listNotices', 'countUnread', 'getPreferences'] as const) {
      expect(await guest(backend, 'notices').call(action, {})).toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
    }
    expect(await poster.call('markRead', { ids: [] })).toMatchObject({ error: { code: 'INVALID_INPUT' } })
    expect(await poster.call('setPreferences', { kind: 'weather', enabled: false })).toMatchObject({
      error: { code: 'INVALID_INPUT', field: 'kind' },
    })
  })

  it('a kind turned off is not sent any more; a service kind cannot be turned off, and says why', async () => {
    const preferences = await poster.ok('getPreferences', {})
    expect(preferences.find((p) => p.kind === 'penalty')).toMatchObject({
      enabled: true,
      locked: true,
      reason: expect.any(String),
    })
    expect(await poster.call('setPreferences', { kind: 'moderationDecision', enabled: false })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: expect.stringContaining('不能关闭') },
    })
    const saved = await poster.ok('setPreferences', { kind: 'comment', enabled: false })
    expect(saved.find((p) => p.kind === 'comment')).toMatchObject({ enabled: false, locked: false })
    const listing = await poster.publish()
    await reader.on('interactions').ok('postComment', { listingId: listing.id, content: '还招代理吗？' })
    expect(await poster.ok('countUnread', {})).toEqual({ unread: 0 })
    await poster.ok('setPreferences', { kind: 'comment', enabled: true })
    await reader.on('interactions').ok('postComment', { listingId: listing.id, content: '我在绵阳' })
    expect(await poster.ok('countUnread', {})).toEqual({ unread: 1 })
  })

  it('an admin’s incident notice to one account names every Art. 57 part and shows prominently for that account only', async () => {
    const missing = { ...INCIDENT } as Partial<typeof INCIDENT>
    delete missing.advice
    expect(
      await admin.call('publishNotice', {
        kind: 'incident',
        service: true,
        title: '安全事件告知',
        body: '我们发现了一起安全事件',
        audience: { userIds: [poster.userId] },
        incident: missing,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'incident.advice' } })
    expect(
      await admin.call('publishNotice', {
        kind: 'incident',
        service: true,
        title: '安全事件告知',
        body: '我们发现了一起安全事件',
        audience: { userIds: [poster.userId] },
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'incident' } })
    const sent = await admin.ok('publishNotice', {
      kind: 'incident',
      service: false,
      title: '安全事件告知',
      body: '我们发现了一起安全事件，以下是详情。',
      audience: { userIds: [poster.userId] },
      incident: INCIDENT,
    })
    expect(sent.sent).toBe(1)
    const [notice] = (await poster.ok('listNotices', {})).items
    expect(notice).toMatchObject({ kind: 'incident', prominent: true, service: true })
    for (const part of Object.values(INCIDENT)) expect(notice.body).toContain(part)
    expect(await reader.ok('countUnread', {})).toEqual({ unread: 0 })
    await poster.ok('markRead', { ids: [notice.id] })
    expect((await poster.ok('listNotices', {})).items[0].prominent).toBe(false)
  })

  it('an announcement to everyone reaches each member once, and only an admin may publish', async () => {
    const moderator = await member(backend, '13800000204', 'moderation')
    await backend.store.insert(Collections.moderatorRoles, { _id: moderator.userId, role: 'moderator', grantedAt: 0 })
    const announcement = {
      kind: 'announcement',
      service: false,
      title: '春节服务安排',
      body: '春节期间审核时间延长至 48 小时。',
      audience: 'all',
    }
    expect(await moderator.call('publishNotice', announcement)).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })
    expect(await poster.on('moderation').call('publishNotice', announcement)).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })
    backend.clock.advance(1000)
    expect(await admin.ok('publishNotice', announcement as never)).toMatchObject({ sent: 'all' })
    expect(await poster.ok('countUnread', {})).toEqual({ unread: 1 })
    // Counting again copies nothing and writes nothing.
    const preferences = () => backend.store.get(Collections.preferences, poster.userId)
    const before = await preferences()
    expect(await poster.ok('countUnread', {})).toEqual({ unread: 1 })
    expect(await poster.ok('listNotices', {})).toMatchObject({
      items: [expect.objectContaining({ title: '春节服务安排' })],
    })
    expect(await preferences()).toEqual(before)
    // A member who never received a broadcast has no preferences written by reading 消息.
    const quiet = await member(backend, '13800000207', 'notices')
    await quiet.ok('countUnread', {})
    expect(await backend.store.get(Collections.preferences, quiet.userId)).toBeNull()
    expect((await reader.ok('listNotices', {})).items.map((n) => n.title)).toEqual(['春节服务安排'])
    // Turned off, a non-service announcement does not arrive; a later member does not get earlier ones.
    await reader.ok('setPreferences', { kind: 'announcement', enabled: false })
    backend.clock.advance(1000)
    await admin.ok('publishNotice', { ...announcement, title: '五一服务安排' } as never)
    expect((await reader.ok('listNotices', {})).items.map((n) => n.title)).toEqual(['春节服务安排'])
    backend.clock.advance(1000)
    const newcomer = await member(backend, '13800000205', 'notices')
    expect(await newcomer.ok('countUnread', {})).toEqual({ unread: 0 })
    const audit = await admin.ok('listAuditLog', { action: 'publishNotice' })
    expect(audit.items).toHaveLength(2)
  })

  it('a listing about to expire is reminded once, three days before, with a one-tap renew', async () => {
    const listing = await poster.publish({ validityDays: 7 })
    await runJob(expiryRemindersJob, backend.deps, 'manual')
    expect(await poster.ok('countUnread', {})).toEqual({ unread: 0 })
    backend.clock.advance(4 * DAY + 1000)
    await runJob(expiryRemindersJob, backend.deps, 'manual')
    await runJob(expiryRemindersJob, backend.deps, 'manual')
    const notices = (await poster.ok('listNotices', {})).items
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'listingExpiring', action: { kind: 'renewListing', listingId: listing.id } }),
    ])
    await poster.on('listings').ok('renewListing', { listingId: listing.id, validityDays: 30 })
    // Renewed, it is reminded again before its new end (logged in again: sessions last 30 days).
    backend.clock.advance(28 * DAY)
    await runJob(expiryRemindersJob, backend.deps, 'manual')
    const again = await member(backend, poster.phone, 'notices')
    expect((await again.ok('listNotices', {})).items.filter((n) => n.kind === 'listingExpiring')).toHaveLength(2)
  })

  it('a moderator’s decision reaches the owner in 消息 with its rule', async () => {
    const moderator = await member(backend, '13800000206', 'moderation')
    await backend.store.insert(Collections.moderatorRoles, { _id: moderator.userId, role: 'moderator', grantedAt: 0 })
    const listing = await poster.publish()
    await moderator.ok('decide', {
      target: { kind: 'listing', id: listing.id },
      decision: 'takeDown',
      ruleId: '1.1',
      note: '资质为虚构',
    })
    const [notice] = (await poster.ok('listNotices', {})).items
    expect(notice).toMatchObject({
      kind: 'moderationDecision',
      rule: { id: '1.1', title: '虚假信息' },
      decisionId: expect.any(String),
      service: true,
    })
  })
})
