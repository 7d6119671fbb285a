import { Collections } from '@shared/collections'
import { GUEST_REQUESTS_PER_DAY, MEMBER_REQUESTS_PER_DAY, REQUEST_TEXT_MAX } from '@shared/contracts'
import { grantRoleByPhone } from '@shared/domain/moderation'
import { functionHttp } from '../../../support/accounts'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../../../support/embedded'
import { guest, member, type Member } from '../../../support/member'

const DAY = 24 * 60 * 60 * 1000
/** The embedded clock starts on Wednesday 2026-12-02 (China time): 15 working days on is Wednesday the 23rd. */
const DUE_END = Date.parse('2026-12-24T00:00:00+08:00')

describe('support: feedback and privacy requests answered within 15 working days', () => {
  let backend: EmbeddedBackend
  let asker: Member<'support'>
  let other: Member<'support'>
  let moderator: Member<'support'>

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    asker = await member(backend, '13822220001', 'support')
    other = await member(backend, '13822220002', 'support')
    moderator = await member(backend, '13822220003', 'support')
    await grantRoleByPhone(backend.deps, moderator.phone, 'moderator')
  })
  afterEach(() => backend.dispose())

  const fromGuest = (payload: unknown, ip = '198.51.100.7') =>
    functionHttp<{ id: string; dueAt: number }>(backend, 'support', 'submitRequest', payload, {
      headers: { 'x-real-ip': ip },
    })
  const stored = () => backend.store.count(Collections.supportRequests)

  it('a guest sends feedback; it is due 15 working days on and waits first in the operators’ queue', async () => {
    const sent = await fromGuest({ kind: 'feedback', text: '搜索结果能不能按地区排序', contact: 'lanqiao@example.com' })
    expect(sent).toMatchObject({ ok: true, data: { id: expect.any(String), dueAt: DUE_END } })

    const queue = await moderator.ok('listRequests', {})
    expect(queue.items).toEqual([
      expect.objectContaining({
        kind: 'feedback',
        topic: null,
        text: '搜索结果能不能按地区排序',
        contact: 'lanqiao@example.com',
        from: { member: false, nickname: '未登录用户' },
        state: 'open',
        dueAt: DUE_END,
        overdue: false,
        workingDaysLeft: 15,
        dueEstimated: false,
      }),
    ])

    const id = sent.ok ? sent.data.id : ''
    const answered = await moderator.ok('answerRequest', {
      requestId: id,
      answer: '已加入下个版本的计划，谢谢你的建议',
      outcome: 'done',
    })
    expect(answered).toMatchObject({ state: 'done', reason: null, workingDaysLeft: null, overdue: false })
    expect((await moderator.ok('listRequests', {})).items).toEqual([])
    expect((await moderator.ok('listRequests', { state: 'done' })).items.map((r) => r.id)).toEqual([id])
    // The answer is audited under the moderator's pseudonymous reference, not their id.
    const [entry] = (await moderator.on('moderation').ok('listAuditLog', { action: 'answerRequest' })).items
    expect(entry).toMatchObject({ mine: true, target: { kind: 'request', id }, before: 'open', after: 'done' })
    expect(entry.actor).not.toBe(moderator.userId)
  })

  it('a member’s privacy request refused with a reason: 我的请求 shows it, and 消息 tells them, with their recourse', async () => {
    const { id, dueAt } = await asker.ok('submitRequest', {
      kind: 'privacy',
      topic: 'correct',
      text: '请把我三年前发布的信息里的公司名称改正',
    })
    expect(dueAt).toBe(DUE_END)
    const [queued] = (await moderator.ok('listRequests', {})).items
    expect(queued).toMatchObject({ id, topic: 'correct', from: { member: true } })

    backend.clock.advance(DAY)
    await moderator.ok('answerRequest', {
      requestId: id,
      answer: '该信息已被你删除，平台不再保存其内容',
      outcome: 'refused',
      reason: '请求更正的信息已不存在',
    })

    const [mine] = (await asker.ok('listMyRequests', {})).items
    expect(mine).toMatchObject({
      id,
      kind: 'privacy',
      topic: 'correct',
      state: 'refused',
      answer: '该信息已被你删除，平台不再保存其内容',
      reason: '请求更正的信息已不存在',
      answeredAt: backend.clock.now(),
    })
    const [notice] = (await asker.on('notices').ok('listNotices', {})).items
    expect(notice).toMatchObject({
      kind: 'requestAnswer',
      service: true,
      title: '你的隐私请求（更正）未能按你的要求处理',
      target: { kind: 'request', id },
    })
    expect(notice.body).toContain('理由：请求更正的信息已不存在')
    expect(notice.body).toContain('投诉')
    // A service notice: it cannot be turned off.
    expect(await asker.on('notices').call('setPreferences', { kind: 'requestAnswer', enabled: false })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })
    // Another member's list does not hold it.
    expect((await other.ok('listMyRequests', {})).items).toEqual([])
  })

  it('a request on the Friday before 中秋 and 国庆 is due on 15 October: holidays off, exchanged weekend days worked', async () => {
    const autumn = await createEmbeddedBackend({ clock: testClock(Date.parse('2026-09-18T17:30:00+08:00')) })
    try {
      const sent = await guest(autumn, 'support').ok('submitRequest', {
        kind: 'privacy',
        topic: 'access',
        text: '请告诉我平台保存了我的哪些信息',
      })
      expect(sent.dueAt).toBe(Date.parse('2026-10-16T00:00:00+08:00'))
      const after = await autumn.store.get(Collections.supportRequests, sent.id)
      expect(after).toMatchObject({ state: 'open', dueAt: sent.dueAt, dueEstimated: false, userId: null })
    } finally {
      autumn.dispose()
    }
  })

  it('the queue flags a request past its due date and counts the working days since', async () => {
    const { id } = await asker.ok('submitRequest', { kind: 'complaint', text: '有人冒用我们公司的名义发布信息' })
    backend.clock.advance(22 * DAY) // Thursday 2026-12-24, the first working day after the due day
    const [late] = (await moderator.ok('listRequests', {})).items
    expect(late).toMatchObject({ id, overdue: true, workingDaysLeft: -1 })
    // 数据看板 counts it as open and overdue.
    expect((await moderator.on('moderation').ok('getStats', { days: 7 })).requests).toEqual({ open: 1, overdue: 1 })
  })

  it('refusing without a reason is refused, naming the field, and the request stays open', async () => {
    const { id } = await asker.ok('submitRequest', { kind: 'privacy', topic: 'delete', text: '请删除我的浏览记录' })
    for (const reason of [undefined, '', ' ']) {
      const refused = await moderator.call('answerRequest', {
        requestId: id,
        answer: '无法处理',
        outcome: 'refused',
        ...(reason === undefined ? {} : { reason }),
      })
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } })
    }
    expect((await asker.ok('listMyRequests', {})).items[0]).toMatchObject({ state: 'open', answer: null })
    expect((await asker.on('notices').ok('listNotices', {})).items).toEqual([])
  })

  it('input is checked field by field, and nothing is stored for a refused request', async () => {
    const cases: Array<[unknown, string]> = [
      [{ kind: 'praise', text: '这个平台很好用' }, 'kind'],
      [{ kind: 'privacy', text: '请告诉我你们保存了什么' }, 'topic'],
      [{ kind: 'feedback', topic: 'access', text: '希望增加夜间模式' }, 'topic'],
      [{ kind: 'privacy', topic: 'forget', text: '请告诉我你们保存了什么' }, 'topic'],
      [{ kind: 'feedback', text: '太慢' }, 'text'],
      [{ kind: 'feedback', text: '字'.repeat(REQUEST_TEXT_MAX + 1) }, 'text'],
      [{ kind: 'feedback', text: '请看 <script>alert(1)</script> 这里' }, 'text'],
      [{ kind: 'feedback', text: '\u0000\u200b\u0007\u200b\u0001' }, 'text'],
      [{ kind: 'feedback', text: '希望增加夜间模式', contact: 'x'.repeat(51) }, 'contact'],
      [{ kind: 'feedback', text: '希望增加夜间模式', contact: '<b>13800000000</b>' }, 'contact'],
      // Identity only from the session: a payload naming a user is refused.
      [{ kind: 'feedback', text: '希望增加夜间模式', userId: other.userId }, 'userId'],
    ]
    for (const [payload, field] of cases) {
      expect(await asker.call('submitRequest', payload)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field },
      })
    }
    expect(await stored()).toBe(0)
    const answer = { requestId: 'nope', answer: '好的', outcome: 'done' }
    expect(await moderator.call('answerRequest', { ...answer, outcome: 'ignored' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'outcome' },
    })
    expect(await moderator.call('answerRequest', { ...answer, answer: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'answer' },
    })
    expect(await moderator.call('listRequests', { state: 'lost' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'state' },
    })
  })

  it('guests cannot list requests; members cannot read the queue or answer; nobody answers twice or their own', async () => {
    const { id } = await asker.ok('submitRequest', { kind: 'feedback', text: '希望能收藏搜索条件' })
    const anyone = guest(backend, 'support')
    expect(await anyone.call('listMyRequests', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await anyone.call('listRequests', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    const answer = { requestId: id, answer: '收到，谢谢', outcome: 'done' as const }
    expect(await anyone.call('answerRequest', answer)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await other.call('listRequests', {})).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })
    expect(await asker.call('answerRequest', answer)).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })

    // A moderator's own request goes to another moderator.
    const own = await moderator.ok('submitRequest', { kind: 'feedback', text: '审核台希望能批量处理' })
    expect(await moderator.call('answerRequest', { ...answer, requestId: own.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })
    expect(await moderator.call('answerRequest', { ...answer, requestId: 'no-such-request' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    await moderator.ok('answerRequest', answer)
    expect(await moderator.call('answerRequest', { ...answer, answer: '再答一次' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect((await asker.ok('listMyRequests', {})).items[0]).toMatchObject({ answer: '收到，谢谢' })
    expect((await asker.on('notices').ok('listNotices', {})).items).toHaveLength(1)
  })

  it('guests are limited per client and members per account each China day; the next day opens again', async () => {
    const feedback = { kind: 'feedback' as const, text: '希望增加夜间模式' }
    for (let i = 0; i < GUEST_REQUESTS_PER_DAY; i++) expect((await fromGuest(feedback)).ok).toBe(true)
    expect(await fromGuest(feedback)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    // Another client is counted on its own, and so is a member.
    expect((await fromGuest(feedback, '203.0.113.9')).ok).toBe(true)
    for (let i = 0; i < MEMBER_REQUESTS_PER_DAY; i++) await asker.ok('submitRequest', feedback)
    expect(await asker.call('submitRequest', feedback)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect(await stored()).toBe(GUEST_REQUESTS_PER_DAY + 1 + MEMBER_REQUESTS_PER_DAY)

    backend.clock.advance(DAY)
    expect((await fromGuest(feedback)).ok).toBe(true)
    expect((await asker.call('submitRequest', feedback)).ok).toBe(true)
  })
})
