import { Collections } from '@shared/collections'
import { MESSAGE_HOURLY_LIMIT, UNDELIVERABLE, type ConversationItem } from '@shared/contracts'
import { createLocalContentRules } from '@shared/drivers/local/local-content-rules'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { countAll } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { putListing } from '../../../support/interactions'
import { guest, member, type Member } from '../../../support/member'
import { grantRoleByPhone } from '@shared/domain/moderation'

const MINUTE = 60 * 1000
const DAY = 24 * 60 * MINUTE

describe('messages: inquiries between a poster and a member who asks', () => {
  let backend: EmbeddedBackend
  let poster: Member<'messages'>
  let asker: Member<'messages'>
  let stranger: Member<'messages'>
  let listing: ListingDoc

  beforeEach(async () => {
    backend = await createEmbeddedBackend({
      limits: { inquiriesPerDay: 2 },
      content: createLocalContentRules({ reject: ['赌博'], review: ['加我私聊'] }),
    })
    poster = await member(backend, '13811110001', 'messages')
    asker = await member(backend, '13811110002', 'messages')
    stranger = await member(backend, '13811110003', 'messages')
    listing = await putListing(backend, poster.userId, { title: '青禾净水华东区域代理招募' })
  })
  afterEach(() => backend.dispose())

  const tick = () => backend.clock.advance(MINUTE)
  const ask = (text = '你好，想了解加盟费用', who = asker, listingId = listing._id) =>
    who.ok('sendInquiry', { listingId, text })
  const conversationsOf = async (who: Member<'messages'>) => (await who.ok('listConversations', {})).items
  const noticesOf = async (who: Member<'messages'>) =>
    (await who.on('notices').ok('listNotices', {})).items.filter((n) => n.kind === 'inquiry')

  it('an inquiry opens a conversation both sides list, with the listing, the other side and what is unread', async () => {
    const { conversationId, message } = await ask()
    expect(message).toMatchObject({ mine: true, text: '你好，想了解加盟费用', card: null })
    await asker.on('auth').ok('updateProfile', { nickname: '华东净水', companyName: '澄湖贸易有限公司' })

    const [theirs] = await conversationsOf(poster)
    expect(theirs).toMatchObject<Partial<ConversationItem>>({
      conversationId,
      listingId: listing._id,
      listingTitle: '青禾净水华东区域代理招募',
      listingAvailable: true,
      role: 'poster',
      other: { nickname: '华东净水', avatarUrl: null, companyName: '澄湖贸易有限公司' },
      lastText: '你好，想了解加盟费用',
      unread: 1,
      blocked: false,
      closed: false,
    })
    expect(await poster.ok('countUnread', {})).toEqual({ conversations: 1 })
    const [mine] = await conversationsOf(asker)
    expect(mine).toMatchObject({ conversationId, role: 'asker', unread: 0 })
    expect(await asker.ok('countUnread', {})).toEqual({ conversations: 0 })
    // The poster is told in 消息, without the asker's words.
    const [notice] = await noticesOf(poster)
    expect(notice).toMatchObject({
      title: '你的信息收到留言咨询',
      target: { kind: 'conversation', id: conversationId },
    })
    expect(notice.body).not.toContain('加盟费用')

    // Reading clears the poster's unread; the reply is the asker's unread, newest first.
    tick()
    const read = await poster.ok('listConversationMessages', { conversationId })
    expect(read.items.map((m) => [m.mine, m.text])).toEqual([[false, '你好，想了解加盟费用']])
    expect(read.conversation.unread).toBe(0)
    expect(await poster.ok('countUnread', {})).toEqual({ conversations: 0 })
    // Its notice is read too: the 消息 badge does not count what was seen in the conversation.
    expect((await noticesOf(poster)).map((n) => n.read)).toEqual([true])
    tick()
    await poster.ok('replyToConversation', { conversationId, text: '加盟费 3 万，区域保护' })
    tick()
    await asker.ok('replyToConversation', { conversationId, text: '好的' })
    const page = await asker.ok('listConversationMessages', { conversationId })
    expect(page.items.map((m) => [m.mine, m.text])).toEqual([
      [true, '好的'],
      [false, '加盟费 3 万，区域保护'],
      [true, '你好，想了解加盟费用'],
    ])
    expect((await noticesOf(asker)).map((n) => n.title)).toEqual(['你的咨询收到回复'])
  })

  it('a burst of messages is one notice until the other side reads', async () => {
    const { conversationId } = await ask()
    tick()
    await asker.ok('replyToConversation', { conversationId, text: '还有一个问题' })
    tick()
    await asker.ok('replyToConversation', { conversationId, text: '是否包物流？' })
    expect(await noticesOf(poster)).toHaveLength(1)
    expect((await conversationsOf(poster))[0].unread).toBe(3)
    await poster.ok('listConversationMessages', { conversationId })
    tick()
    await asker.ok('replyToConversation', { conversationId, text: '谢谢' })
    expect(await noticesOf(poster)).toHaveLength(2)
  })

  it('asking again about the same listing continues the one conversation and costs no new inquiry', async () => {
    const first = await ask()
    tick()
    const second = await ask('补充一下：我们在苏州')
    expect(second.conversationId).toBe(first.conversationId)
    const other = await putListing(backend, poster.userId)
    await ask('另一条也感兴趣', asker, other._id)
    // Two new conversations today is the limit here; continuing one is not a new one.
    tick()
    await ask('再补充一点')
    const third = await putListing(backend, poster.userId)
    const before = await countAll(backend)
    expect(await asker.call('sendInquiry', { listingId: third._id, text: '第三条' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '今天发起的咨询已达 2 个，请明天再试' },
    })
    expect(await countAll(backend)).toEqual(before)
    backend.clock.advance(DAY)
    expect(await asker.call('sendInquiry', { listingId: third._id, text: '第三条' })).toMatchObject({ ok: true })
  })

  it('refuses guests, one’s own listing, a missing listing, and input that is not a message, storing nothing', async () => {
    const { conversationId } = await ask()
    const before = await countAll(backend)
    const anyone = guest(backend, 'messages')
    for (const [action, payload] of [
      ['sendInquiry', { listingId: listing._id, text: '你好' }],
      ['replyToConversation', { conversationId, text: '你好' }],
      ['listConversations', {}],
      ['listConversationMessages', { conversationId }],
      ['countUnread', {}],
      ['blockMember', { conversationId }],
      ['reportConversation', { conversationId, reason: '骚扰诈骗' }],
      ['saveMyCard', { name: '王' }],
      ['sendCard', { conversationId, fields: ['name'] }],
      ['unblockMember', { conversationId }],
      ['setListingInquiries', { listingId: listing._id, open: false }],
      ['getMyCard', {}],
      ['deleteMyCard', {}],
    ] as const) {
      expect(await anyone.call(action, payload)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    }
    expect(await poster.call('sendInquiry', { listingId: listing._id, text: '自问自答' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: '不能给自己发布的信息留言' },
    })
    expect(await asker.call('sendInquiry', { listingId: 'no-such-listing', text: '你好' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    const bad: Array<[unknown, string, RegExp]> = [
      [{ listingId: listing._id, text: '' }, 'text', /请填写消息内容/],
      [{ listingId: listing._id, text: '长'.repeat(501) }, 'text', /不能超过 500 个字/],
      [{ listingId: listing._id, text: '<b>你好</b>' }, 'text', /HTML/],
      [{ listingId: listing._id, text: '你好', card: { fields: ['age'] } }, 'card', /名片字段不正确/],
      [{ listingId: listing._id, text: '你好', extra: 1 }, '', /不支持的字段/],
    ]
    for (const [payload, field, message] of bad) {
      const answer = await asker.call('sendInquiry', payload)
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) },
      })
      if (field && !answer.ok) expect(answer.error.field ?? '').toContain(field)
    }
    // The other actions name their field too.
    for (const [action, payload, field] of [
      ['setListingInquiries', { listingId: listing._id }, 'open'],
      ['reportConversation', { conversationId, reason: '看不惯' }, 'reason'],
      ['sendCard', { conversationId, fields: [] }, 'fields'],
      ['saveMyCard', { wechat: '微信号' }, 'wechat'],
    ] as const) {
      expect(await asker.call(action, payload)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } })
    }
    // Control characters are cleaned away; a text that is only those is empty.
    expect(await asker.call('sendInquiry', { listingId: listing._id, text: '\u0000\u200b' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'text' },
    })
    // The content check: a refused word is an error on `text`, and so is one it would hold for a person.
    for (const text of ['这里有赌博网站', '加我私聊']) {
      expect(await asker.call('replyToConversation', { conversationId, text })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'text' },
      })
    }
    expect(await countAll(backend)).toEqual(before)
  })

  it(`a member sends at most ${MESSAGE_HOURLY_LIMIT} messages an hour, across conversations; the next hour they may again`, async () => {
    const { conversationId } = await ask()
    for (let i = 1; i < MESSAGE_HOURLY_LIMIT; i++) {
      await asker.ok('replyToConversation', { conversationId, text: `第 ${i} 条` })
    }
    const before = await countAll(backend)
    expect(await asker.call('replyToConversation', { conversationId, text: '再一条' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '发送过于频繁，请稍后再试' },
    })
    expect(await countAll(backend)).toEqual(before)
    backend.clock.advance(60 * MINUTE)
    expect(await asker.call('replyToConversation', { conversationId, text: '再一条' })).toMatchObject({ ok: true })
  })

  it('a member outside the conversation can neither read, reply to, block in nor report it: it does not exist for them', async () => {
    const { conversationId } = await ask()
    const before = await countAll(backend)
    for (const [action, payload] of [
      ['listConversationMessages', { conversationId }],
      ['replyToConversation', { conversationId, text: '插一句' }],
      ['sendCard', { conversationId, fields: ['name'] }],
      ['blockMember', { conversationId }],
      ['unblockMember', { conversationId }],
      ['reportConversation', { conversationId, reason: '骚扰诈骗' }],
    ] as const) {
      expect(await stranger.call(action, payload)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: '会话不存在' },
      })
    }
    expect(await stranger.call('listConversationMessages', { conversationId: 'cv_nothing' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '会话不存在' },
    })
    expect(await conversationsOf(stranger)).toEqual([])
    expect(await countAll(backend)).toEqual(before)
  })

  it('a poster turns inquiries off for one listing: a new message is not delivered, with the same answer as a block', async () => {
    expect(await stranger.call('setListingInquiries', { listingId: listing._id, open: false })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    })
    expect(await poster.ok('setListingInquiries', { listingId: listing._id, open: false })).toEqual({ open: false })
    expect(await guest(backend, 'messages').ok('getInquiryState', { listingId: listing._id })).toEqual({
      open: false,
      isPoster: false,
      conversationId: null,
    })
    const refused = await asker.call('sendInquiry', { listingId: listing._id, text: '你好' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', message: UNDELIVERABLE } })
    expect(await backend.store.count(Collections.conversations)).toBe(0)
    await poster.ok('setListingInquiries', { listingId: listing._id, open: true })
    const hidden = await putListing(backend, poster.userId, { status: 'takenDown' })
    expect(await guest(backend, 'messages').call('getInquiryState', { listingId: hidden._id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    const { conversationId } = await ask()
    expect(await asker.ok('getInquiryState', { listingId: listing._id })).toEqual({
      open: true,
      isPoster: false,
      conversationId,
    })
  })

  it('a blocked member’s next message is not delivered, in this conversation or a new one, and nothing says why', async () => {
    const { conversationId } = await ask()
    const other = await putListing(backend, poster.userId)
    await poster.ok('setListingInquiries', { listingId: other._id, open: false })
    const inquiriesOff = await asker.call('sendInquiry', { listingId: other._id, text: '你好' })
    await poster.ok('setListingInquiries', { listingId: other._id, open: true })

    expect(await poster.ok('blockMember', { conversationId })).toEqual({ blocked: true })
    expect(await poster.ok('blockMember', { conversationId })).toEqual({ blocked: true })
    expect((await conversationsOf(poster))[0].blocked).toBe(true)
    const before = await countAll(backend)
    const reply = await asker.call('replyToConversation', { conversationId, text: '在吗？' })
    const fresh = await asker.call('sendInquiry', { listingId: other._id, text: '你好' })
    for (const answer of [reply, fresh]) {
      expect(answer).toEqual(inquiriesOff)
      expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', message: UNDELIVERABLE } })
    }
    // The one who blocked is told why they cannot write either.
    expect(await poster.call('replyToConversation', { conversationId, text: '最后一句' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: '你已屏蔽对方，解除屏蔽后才能发送消息' },
    })
    expect(await countAll(backend)).toEqual(before)
    await poster.ok('unblockMember', { conversationId })
    expect(await asker.call('replyToConversation', { conversationId, text: '在吗？' })).toMatchObject({ ok: true })
  })

  it('a card carries only the fields its sender chose, and deleting it takes it back from whoever has not read it', async () => {
    expect(
      await asker.call('sendInquiry', { listingId: listing._id, text: '你好', card: { fields: ['name'] } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'card', message: '请先填写名片' } })
    expect(await asker.call('saveMyCard', { phone: '12345' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'phone' },
    })
    await asker.ok('saveMyCard', { name: '沈澄', company: '澄湖贸易有限公司', phone: '13811119999' })
    expect(
      await asker.call('sendInquiry', { listingId: listing._id, text: '你好', card: { fields: ['wechat'] } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'card', message: '所选名片项目尚未填写' } })

    const { conversationId } = await asker.ok('sendInquiry', {
      listingId: listing._id,
      text: '这是我的名片',
      card: { fields: ['name', 'company'] },
    })
    const seen = await poster.ok('listConversationMessages', { conversationId })
    expect(seen.items[0].card).toEqual({ name: '沈澄', company: '澄湖贸易有限公司' })
    expect(JSON.stringify(seen)).not.toContain('13811119999')

    // A second card, with the phone, the poster has not read yet: deleting the card takes that one back only.
    tick()
    await asker.ok('sendCard', { conversationId, fields: ['phone'] })
    expect(await asker.ok('deleteMyCard', {})).toEqual({ withdrawn: 1 })
    expect(await asker.ok('getMyCard', {})).toBeNull()
    const after = await poster.ok('listConversationMessages', { conversationId })
    expect(after.items.map((m) => m.card)).toEqual([null, { name: '沈澄', company: '澄湖贸易有限公司' }])
    expect(
      JSON.stringify(
        await backend.store.find(Collections.conversationMessages, {
          orderBy: [{ field: '_id', direction: 'asc' }],
          limit: 10,
        }),
      ),
    ).not.toContain('13811119999')
  })

  it('a reported conversation waits in the moderation queue with its transcript; closed, both read it and neither writes', async () => {
    const { conversationId } = await ask('你好，想了解加盟费用')
    tick()
    await poster.ok('replyToConversation', { conversationId, text: '先打 5000 定金到私人账户' })
    const report = await asker.ok('reportConversation', { conversationId, reason: '骚扰诈骗', note: '要求私下转账' })
    expect(report).toMatchObject({ targetType: 'conversation', targetId: conversationId, statusLabel: '已提交' })
    expect(await asker.call('reportConversation', { conversationId, reason: '骚扰诈骗' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })

    const moderator = await member(backend, '13811110009', 'moderation')
    await grantRoleByPhone(backend.deps, moderator.phone, 'moderator')
    const queue = await moderator.ok('listQueue', { queue: 'reports' })
    const item = queue.items.find((i) => i.target.kind === 'conversation')
    expect(item).toMatchObject({
      target: { kind: 'conversation', id: conversationId },
      owner: { userId: poster.userId },
      content: { title: '青禾净水华东区域代理招募', state: '进行中' },
      reports: { count: 1 },
    })
    expect(item?.content.text).toBe('咨询者：你好，想了解加盟费用\n发布者：先打 5000 定金到私人账户')

    await moderator.ok('decide', {
      target: { kind: 'conversation', id: conversationId },
      decision: 'takeDown',
      ruleId: '3.4',
      note: '诱导私下转账',
    })
    for (const side of [poster, asker]) {
      const page = await side.ok('listConversationMessages', { conversationId })
      expect(page.conversation.closed).toBe(true)
      expect(page.items).toHaveLength(2)
      expect(await side.call('replyToConversation', { conversationId, text: '还在吗' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_ALLOWED', message: UNDELIVERABLE },
      })
    }
    // Asking about the listing again continues the closed conversation: not delivered either.
    expect(await asker.call('sendInquiry', { listingId: listing._id, text: '换个方式问' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: UNDELIVERABLE },
    })
    const [mine] = (await asker.on('interactions').ok('listMyReports', {})).items
    expect(mine).toMatchObject({ status: 'resolved', targetType: 'conversation' })
  })

  it('a message ban holds here, with its end date; the member still reads their conversations', async () => {
    const { conversationId } = await ask()
    const moderator = await member(backend, '13811110009', 'moderation')
    await grantRoleByPhone(backend.deps, moderator.phone, 'moderator')
    await moderator.ok('penalize', {
      userId: asker.userId,
      kind: 'messageBan',
      days: 7,
      ruleId: '4.1',
      note: '多次发送引流信息',
    })
    expect(await asker.call('replyToConversation', { conversationId, text: '在吗' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED', message: expect.stringContaining('发送私信') },
    })
    expect((await asker.ok('listConversationMessages', { conversationId })).items).toHaveLength(1)
  })

  it('once the listing is deleted the conversation stays readable to both, under the title it had', async () => {
    const published = await putListing(backend, poster.userId, { title: '华南区域总代理招募' })
    const { conversationId } = await ask('请问华南还有名额吗', asker, published._id)
    await poster.on('listings').ok('deleteListing', { listingId: published._id })
    for (const side of [poster, asker]) {
      const [item] = await conversationsOf(side)
      expect(item).toMatchObject({ conversationId, listingTitle: '华南区域总代理招募', listingAvailable: false })
      expect((await side.ok('listConversationMessages', { conversationId })).items).toHaveLength(1)
    }
  })
})
