import {
  contracts,
  type Envelope,
  type FunctionName,
  type HumanChallenge,
  type MyListingDetail,
  type Session,
  MODERATION_QUEUES,
} from '@shared/contracts'
import { grantRoleByPhone } from '@shared/domain/moderation'
import { runJob } from '@shared/core/job'
import { expiryRemindersJob } from '@shared/jobs/expiry-reminders'
import { purgeAccountsJob } from '@shared/jobs/purge-accounts'
import { solveHumanChallenge } from '@/features/auth/human-check'
import { agreedConsents, dataOf, functionHttp, type Wire } from './accounts'
import type { EmbeddedBackend } from './embedded'
import { validListing } from './listings'
import { plainJpeg } from './images'

/**
 * Values that occur in one member's data and nowhere else (not in the seed, not in the other member's
 * data), so a test can look for them in anything stored, exported or left behind.
 */
export const LIFE = {
  phone: '13787650001',
  otherPhone: '13787650002',
  /** The number the other member moves their account to. */
  otherNewPhone: '13787650004',
  /** A third member, who cancels their account and is purged. */
  leaverPhone: '13787650005',
  wechatOpenId: 'o-life-wechat-7f3a9c',
  otherOpenId: 'o-life-other-2c81d4',
  alipayUserId: '2088000077123456',
  nickname: '青砚未名',
  companyName: '砚池测绘服务有限公司',
  brandName: '砚池',
  contactName: '柏先生',
  contactPhone: '13787650003',
  contactWechat: 'yanchi_bai_77',
  contactQq: '77123456',
  comment: '砚池这边想了解一下首批的起订量',
  /** Two moderators, granted their roles the way the command line does. */
  moderatorPhone: '13787650006',
  adminPhone: '13787650007',
  reportNote: '联系电话打过去是空号',
  inquiry: '砚池想了解成都区域的代理条件',
  privacyRequest: '砚池请求查阅平台保存的全部登录记录',
} as const

export interface MemberLife {
  /** Every `function.action` the life called, guest or member. */
  called: Set<string>
  /** The member whose life this is. */
  session: Session
  /** Another member, who meets the first one's listing and is met by them. */
  other: Session
  listing: MyListingDetail
  otherListingId: string
  call<T = unknown>(fn: FunctionName, action: string, payload?: unknown, token?: string): Promise<Wire<T>>
  ok<T = unknown>(fn: FunctionName, action: string, payload?: unknown, token?: string): Promise<T>
}

/** Every action of every function, as `function.action`. */
export function everyAction(): string[] {
  return Object.entries(contracts).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`))
}

/**
 * One member's whole life on the real back end: log in on all three platforms, fill the profile, publish
 * with an image and a contact, edit, manage, search, favourite, comment, reveal, report, meet another
 * member both ways — every action of every function at least once (a test holds it to that). The stores
 * then hold every kind of field the code writes, for the inventory tests to walk.
 */
export async function liveMemberLife(
  backend: EmbeddedBackend,
  opts: {
    /**
     * Also a third member who cancels their account and is purged (the clock moves past the cooling-off),
     * and the other member left with a pending request: every action then, and the records of both.
     */
    accountDeletion?: boolean
  } = {},
): Promise<MemberLife> {
  const called = new Set<string>()
  const call = async <T>(fn: FunctionName, action: string, payload: unknown = {}, token?: string) => {
    called.add(`${fn}.${action}`)
    return functionHttp<T>(backend, fn, action, payload, { token })
  }
  const ok = async <T>(fn: FunctionName, action: string, payload: unknown = {}, token?: string) =>
    dataOf(await call<T>(fn, action, payload, token))
  const now = () => backend.clock.now()

  /** An SMS code as the H5 sheet gets one: the human check solved (when one is asked), then the code sent. */
  const smsCode = async (phone: string) => {
    // A minute apart, as a person would be: a number is sent a new code no sooner than that.
    backend.clock.advance(61 * 1000)
    const humanCheck = await solveHumanChallenge(await ok<HumanChallenge>('auth', 'getSmsChallenge'))
    await ok('auth', 'sendSmsCode', { phone, ...(humanCheck ? { humanCheck } : {}) })
    const code = backend.outbox.lastCodeFor(phone)
    if (!code) throw new Error('no code in the outbox')
    return code
  }

  const loginBySmsAs = async (phone: string) =>
    ok<Session>('auth', 'loginWithSms', { phone, code: await smsCode(phone), consents: agreedConsents(now()) })

  // Logging in: SMS on H5, then the same phone through WeChat (callFunction) and Alipay.
  const code = await smsCode(LIFE.phone)
  const session = await ok<Session>('auth', 'loginWithSms', {
    phone: LIFE.phone,
    code,
    consents: agreedConsents(now()),
    clientVersion: '1.4.0',
  })
  const wechat = (await backend.callFunction(
    'auth',
    {
      action: 'loginWithWechat',
      payload: { phoneCode: backend.wechat.phoneCode(LIFE.phone), consents: agreedConsents(now(), 'weapp') },
    },
    { openId: LIFE.wechatOpenId, appId: 'wx-app' },
  )) as Envelope<Session>
  called.add('auth.loginWithWechat')
  dataOf(wechat)
  await ok('auth', 'loginWithAlipay', {
    authCode: backend.alipay.authCode(LIFE.alipayUserId),
    phone: backend.alipay.phoneResponse(LIFE.phone),
    consents: agreedConsents(now(), 'alipay'),
  })
  const token = session.token
  await ok('auth', 'recordConsents', { decisions: agreedConsents(now() + 1) }, token)
  await ok(
    'auth',
    'updateProfile',
    { nickname: LIFE.nickname, companyName: LIFE.companyName, brandName: LIFE.brandName },
    token,
  )
  const jpeg = Buffer.from(plainJpeg()).toString('base64')
  await ok('auth', 'uploadAvatar', { mimeType: 'image/jpeg', data: jpeg }, token)
  await ok('auth', 'getProfile', {}, token)

  // Publishing and managing a listing.
  await ok('listings', 'listCategories')
  const image = await ok<{ key: string }>(
    'listings',
    'uploadListingImage',
    { mimeType: 'image/jpeg', data: jpeg },
    token,
  )
  const contact = {
    name: LIFE.contactName,
    phone: LIFE.contactPhone,
    wechat: LIFE.contactWechat,
    qq: LIFE.contactQq,
    public: { name: true, phone: true, wechat: true, qq: false },
  }
  const content = validListing({
    company: LIFE.companyName,
    brand: LIFE.brandName,
    images: [image.key],
    contact,
  })
  const listing = await ok<MyListingDetail>('listings', 'createListing', content, token)
  const { clientRequestId: _unused, validityDays: _days, ...editable } = content
  await ok(
    'listings',
    'updateListing',
    { ...editable, listingId: listing.id, title: '砚池测绘诚招成都区域代理' },
    token,
  )
  await ok('listings', 'listMyListings', {}, token)
  await ok('listings', 'getMyListing', { listingId: listing.id }, token)
  await ok('listings', 'setContactVisibility', { listingId: listing.id, field: 'qq', public: true }, token)
  await ok('listings', 'takeDownListing', { listingId: listing.id }, token)
  await ok('listings', 'republishListing', { listingId: listing.id }, token)
  backend.clock.advance(25 * 60 * 60 * 1000)
  await ok('listings', 'refreshListing', { listingId: listing.id }, token)
  await ok('listings', 'renewListing', { listingId: listing.id, validityDays: 90 }, token)
  const scrap = await ok<MyListingDetail>('listings', 'createListing', validListing({ contact }), token)
  await ok('listings', 'deleteListing', { listingId: scrap.id }, token)
  await ok('listings', 'listListings', { keyword: '砚池' })
  await ok('listings', 'getListing', { listingId: listing.id }, token)

  // Another member's listing, which this one favourites, comments on, reveals and reports.
  const otherCode = await smsCode(LIFE.otherPhone)
  const other = await ok<Session>('auth', 'loginWithSms', {
    phone: LIFE.otherPhone,
    code: otherCode,
    consents: agreedConsents(now()),
  })
  const otherWechat = (await backend.callFunction(
    'auth',
    {
      action: 'loginWithWechat',
      payload: { phoneCode: backend.wechat.phoneCode(LIFE.otherPhone), consents: agreedConsents(now(), 'weapp') },
    },
    { openId: LIFE.otherOpenId, appId: 'wx-app' },
  )) as Envelope<Session>
  dataOf(otherWechat)
  const otherListing = await ok<MyListingDetail>('listings', 'createListing', validListing(), other.token)
  const otherListingId = otherListing.id
  await ok('listings', 'getListing', { listingId: otherListingId }, token)
  await ok('interactions', 'getListingInteractions', { listingId: otherListingId }, token)
  await ok('interactions', 'addFavourite', { listingId: otherListingId }, token)
  await ok('interactions', 'listFavourites', {}, token)
  await ok('interactions', 'addFavourite', { listingId: listing.id }, token)
  await ok('interactions', 'removeFavourite', { listingId: listing.id }, token)
  await ok('interactions', 'postComment', { listingId: otherListingId, content: LIFE.comment }, token)
  const scrapComment = await ok<{ id: string }>(
    'interactions',
    'postComment',
    { listingId: otherListingId, content: '这条稍后删除' },
    token,
  )
  await ok('interactions', 'deleteComment', { commentId: scrapComment.id }, token)
  await ok('interactions', 'listComments', { listingId: otherListingId })
  await ok('interactions', 'revealContact', { listingId: otherListingId }, token)
  await ok(
    'interactions',
    'reportListing',
    { listingId: otherListingId, reason: '虚假信息', note: LIFE.reportNote },
    token,
  )
  // The other member meets this one: reveals their contact, comments, and this member reports that comment.
  await ok('interactions', 'revealContact', { listingId: listing.id }, other.token)
  const reply = await ok<{ id: string }>(
    'interactions',
    'postComment',
    { listingId: listing.id, content: '我们在成都有门店，可以聊聊' },
    other.token,
  )
  await ok('interactions', 'reportComment', { commentId: reply.id, reason: '其他', note: '与本信息无关' }, token)
  await ok('interactions', 'listMyReports', {}, token)
  await ok('interactions', 'listRevealLog', {}, token)

  // 留言咨询: this member asks about the other's listing with part of a card, the other answers; a card taken
  // back, a block lifted and set again, a conversation reported, inquiries turned off on one listing.
  await ok('messages', 'getInquiryState', { listingId: otherListingId })
  await ok('listings', 'getPosterCard', { listingId: otherListingId })
  await ok(
    'messages',
    'saveMyCard',
    { name: LIFE.contactName, company: LIFE.companyName, wechat: LIFE.contactWechat },
    token,
  )
  await ok('messages', 'getMyCard', {}, token)
  const { conversationId } = await ok<{ conversationId: string }>(
    'messages',
    'sendInquiry',
    { listingId: otherListingId, text: LIFE.inquiry, card: { fields: ['name', 'company'] } },
    token,
  )
  await ok('messages', 'countUnread', {}, other.token)
  await ok('messages', 'listConversations', {}, other.token)
  await ok('messages', 'listConversationMessages', { conversationId }, other.token)
  await ok('messages', 'replyToConversation', { conversationId, text: '可以，方便留个电话吗' }, other.token)
  await ok('messages', 'sendCard', { conversationId, fields: ['wechat'] }, token)
  await ok('messages', 'deleteMyCard', {}, token)
  await ok('messages', 'saveMyCard', { name: LIFE.contactName, title: '区域经理' }, token)
  // The card with a contact reveal: sent with the other's listing again today, then seen in their log.
  await ok('interactions', 'revealContact', { listingId: otherListingId, card: { fields: ['name', 'title'] } }, token)
  await ok('interactions', 'listRevealLog', {}, other.token)
  await ok('messages', 'blockMember', { conversationId }, other.token)
  await ok('messages', 'unblockMember', { conversationId }, other.token)
  await ok('messages', 'blockMember', { conversationId }, other.token)
  await ok('messages', 'reportConversation', { conversationId, reason: '骚扰诈骗', note: '' }, other.token)
  await ok('messages', 'setListingInquiries', { listingId: listing.id, open: false }, token)

  // The parts of the account's life that end something (a second device's session, a cleared list).
  const second = await smsCode(LIFE.phone)
  const secondSession = await ok<Session>('auth', 'loginWithSms', {
    phone: LIFE.phone,
    code: second,
    consents: agreedConsents(now()),
  })
  await ok('auth', 'logout', {}, secondSession.token)
  await ok('interactions', 'addFavourite', { listingId: listing.id }, other.token)
  await ok('interactions', 'clearFavourites', {}, other.token)

  // The other member moves their account to a new number (a code to the new number, bound to that purpose).
  const changeCheck = await solveHumanChallenge(await ok<HumanChallenge>('auth', 'getSmsChallenge'))
  await ok(
    'auth',
    'sendPhoneChangeCode',
    { phone: LIFE.otherNewPhone, ...(changeCheck ? { humanCheck: changeCheck } : {}) },
    other.token,
  )
  const changeCode = backend.outbox.lastCodeFor(LIFE.otherNewPhone)
  await ok('auth', 'changePhone', { phone: LIFE.otherNewPhone, code: changeCode }, other.token)

  // Moderation: two moderators granted as the command line grants them; a decision on a comment and on an
  // image, an appeal granted by the other moderator, a warning, and a repeat submission in the history.
  const moderator = await loginBySmsAs(LIFE.moderatorPhone)
  const admin = await loginBySmsAs(LIFE.adminPhone)
  await grantRoleByPhone(backend.deps, LIFE.moderatorPhone, 'moderator')
  await grantRoleByPhone(backend.deps, LIFE.adminPhone, 'admin')
  await ok('moderation', 'listRules')
  await ok('moderation', 'listPublicPenalties')
  await ok('moderation', 'getMyRole', {}, token)
  for (const queue of MODERATION_QUEUES) await ok('moderation', 'listQueue', { queue }, moderator.token)
  const repeat = await call('listings', 'createListing', validListing(), other.token)
  if (repeat.ok || repeat.error.code !== 'CONFLICT') throw new Error('the repeat submission was not refused')
  const repliedTo = { kind: 'comment', id: reply.id }
  await ok('moderation', 'claim', { target: repliedTo }, moderator.token)
  await ok(
    'moderation',
    'decide',
    { target: repliedTo, decision: 'deleteComment', ruleId: '4.1', note: '与本信息无关的引流' },
    moderator.token,
  )
  const imageId = image.key.slice(image.key.lastIndexOf('/') + 1).replace(/\.\w+$/, '')
  const takenDown = await ok<{ id: string }>(
    'moderation',
    'decide',
    { target: { kind: 'image', id: imageId }, decision: 'takeDown', ruleId: '3.3', note: '图片疑似含不适内容' },
    moderator.token,
  )
  const appealed = await ok<{ id: string }>(
    'moderation',
    'appeal',
    { decisionId: takenDown.id, text: '这是测绘设备的实拍图' },
    token,
  )
  await ok(
    'moderation',
    'decideAppeal',
    { appealId: appealed.id, outcome: 'grant', note: '复核为产品实拍' },
    admin.token,
  )
  await ok(
    'moderation',
    'penalize',
    { userId: other.profile.userId, kind: 'warning', ruleId: '1.4', note: '24 小时内重复提交相同信息' },
    moderator.token,
  )
  // The report of the other member's listing does not hold; the admin then picks up the first listing, and
  // leaves the claim to lapse.
  const reported = { kind: 'listing', id: otherListingId }
  await ok('moderation', 'decide', { target: reported, decision: 'dismiss', note: '' }, moderator.token)
  await ok('moderation', 'claim', { target: { kind: 'listing', id: listing.id } }, admin.token)
  await ok('moderation', 'listMyDecisions', {}, token)
  await ok('moderation', 'listAuditLog', {}, moderator.token)
  await ok('moderation', 'getStats', { days: 7 }, moderator.token)

  // 消息: an announcement to everyone and an incident notice to this member, a reminder of the listing's
  // end, preferences changed and notices read.
  const announcement = { kind: 'announcement', service: false, title: '平台公告', body: '审核时间调整为 24 小时内。' }
  await ok('moderation', 'publishNotice', { ...announcement, audience: 'all' }, admin.token)
  await ok(
    'moderation',
    'publishNotice',
    {
      ...announcement,
      kind: 'incident',
      title: '安全事件告知',
      audience: { userIds: [session.profile.userId] },
      incident: {
        happened: '一台服务器的日志被未授权读取',
        data: '昵称和登录时间',
        impact: '可能收到冒充平台的电话',
        measures: '已关闭外部访问并更换密钥',
        advice: '不要向任何人透露验证码',
        contact: '发送邮件至 privacy@zhineng-demo.example',
      },
    },
    admin.token,
  )
  // The console: a category added, edited, moved, hidden and shown, and another deleted (nothing uses it); the
  // policy versions read and the published one published again (idempotent); the app's version check.
  const spec = {
    name: '展会合作',
    fields: Object.fromEntries(
      ['company', 'brand', 'region', 'images', 'contactName', 'phone', 'wechat', 'qq'].map((f) => [
        f,
        { shown: true, required: false },
      ]),
    ),
    extraFields: [{ key: 'boothArea', label: '展位面积', required: false, maxLength: 10, placeholder: '' }],
  }
  await ok('moderation', 'listAllCategories', {}, admin.token)
  const added = await ok<{ id: string }>('moderation', 'saveCategory', spec, admin.token)
  await ok('moderation', 'saveCategory', { ...spec, id: added.id, name: '展会招展' }, admin.token)
  await ok('moderation', 'moveCategory', { id: added.id, direction: 'up' }, admin.token)
  await ok('moderation', 'setCategoryHidden', { id: added.id, hidden: true }, admin.token)
  await ok('moderation', 'setCategoryHidden', { id: added.id, hidden: false }, admin.token)
  const unused = await ok<{ id: string }>('moderation', 'saveCategory', { ...spec, name: '临时分类' }, admin.token)
  await ok('moderation', 'deleteCategory', { id: unused.id }, admin.token)
  const [privacyState] = await ok<Array<{ published: string }>>('moderation', 'listPolicyVersions', {}, admin.token)
  await ok('moderation', 'publishPolicyVersion', { document: 'privacy', version: privacyState!.published }, admin.token)
  await ok('auth', 'getPolicyVersions')
  // The reminder job as it runs 88 days on, when the listing renewed for 90 days is about to end.
  const later = { ...backend.deps, clock: { now: () => backend.clock.now() + 88 * 24 * 60 * 60 * 1000 } }
  await runJob(expiryRemindersJob, later, 'manual')
  await ok('notices', 'countUnread', {}, token)
  await ok('notices', 'getPreferences', {}, token)
  await ok('notices', 'setPreferences', { kind: 'reportOutcome', enabled: false }, token)
  const notices = await ok<{ items: Array<{ id: string }> }>('notices', 'listNotices', {}, token)
  await ok('notices', 'markRead', { ids: [notices.items[0].id] }, token)
  await ok('notices', 'markRead', { all: true }, other.token)
  // This back end has no subscription templates: agreeing to a kind's subscription message is refused.
  const subscribed = await call('notices', 'acceptSubscriptions', { kinds: ['comment'] }, token)
  if (subscribed.ok || subscribed.error.code !== 'INVALID_INPUT')
    throw new Error('a kind without a template was subscribed')

  // 意见反馈与隐私请求: a guest's feedback, the member's privacy request refused with a reason, the other
  // member's complaint answered.
  await ok('support', 'submitRequest', { kind: 'feedback', text: '希望首页能按城市筛选' })
  const asked = await ok<{ id: string }>(
    'support',
    'submitRequest',
    { kind: 'privacy', topic: 'access', text: LIFE.privacyRequest, contact: LIFE.contactWechat },
    token,
  )
  const complaint = await ok<{ id: string }>(
    'support',
    'submitRequest',
    { kind: 'complaint', text: '有人冒用我们的公司名称发布信息' },
    other.token,
  )
  await ok('support', 'listRequests', {}, moderator.token)
  await ok(
    'support',
    'answerRequest',
    {
      requestId: asked.id,
      answer: '登录记录可在我的数据中查看和导出',
      outcome: 'refused',
      reason: '请求的内容已在我的数据中提供',
    },
    moderator.token,
  )
  await ok(
    'support',
    'answerRequest',
    { requestId: complaint.id, answer: '已核实并下架', outcome: 'done' },
    admin.token,
  )
  await ok('support', 'listMyRequests', {}, token)

  // The privacy centre.
  await ok('privacy', 'getInventory')
  await ok('privacy', 'getMyData', {}, token)
  await ok('privacy', 'exportMyData', {}, other.token)

  if (opts.accountDeletion) await cancelAccounts()
  return { called, session, other, listing, otherListingId, call, ok }

  async function cancelAccounts() {
    // Account cancellation: a third member asks, undoes, asks again and is purged once the cooling-off ends;
    // the other member asks last and stays pending (so both a request and a receipt are stored).
    const leaver = await ok<Session>('auth', 'loginWithSms', {
      phone: LIFE.leaverPhone,
      code: await smsCode(LIFE.leaverPhone),
      consents: agreedConsents(now()),
    })
    await ok('listings', 'createListing', validListing({ title: '即将注销账号的测试信息' }), leaver.token)
    await ok('support', 'submitRequest', { kind: 'privacy', topic: 'delete', text: '请删除我的全部信息' }, leaver.token)
    const deletionCode = async (token: string) => {
      backend.clock.advance(61 * 1000)
      const humanCheck = await solveHumanChallenge(await ok<HumanChallenge>('auth', 'getSmsChallenge'))
      await ok('privacy', 'sendDeletionCode', humanCheck ? { humanCheck } : {}, token)
    }
    await deletionCode(leaver.token)
    await ok(
      'privacy',
      'requestAccountDeletion',
      { smsCode: backend.outbox.lastCodeFor(LIFE.leaverPhone) },
      leaver.token,
    )
    const back = await ok<Session>('auth', 'loginWithSms', {
      phone: LIFE.leaverPhone,
      code: await smsCode(LIFE.leaverPhone),
      consents: agreedConsents(now()),
    })
    await ok('privacy', 'getAccountDeletion', {}, back.token)
    await ok('privacy', 'cancelAccountDeletion', {}, back.token)
    await deletionCode(back.token)
    await ok('privacy', 'requestAccountDeletion', { smsCode: backend.outbox.lastCodeFor(LIFE.leaverPhone) }, back.token)
    backend.clock.advance((backend.deps.limits.deletionCoolingOffDays + 1) * 24 * 60 * 60 * 1000)
    await runJob(purgeAccountsJob, backend.deps, 'manual')
    const stillHere = await ok<Session>('auth', 'loginWithSms', {
      phone: LIFE.otherNewPhone,
      code: await smsCode(LIFE.otherNewPhone),
      consents: agreedConsents(now()),
    })
    await deletionCode(stillHere.token)
    await ok(
      'privacy',
      'requestAccountDeletion',
      { smsCode: backend.outbox.lastCodeFor(LIFE.otherNewPhone) },
      stillHere.token,
    )
  }
}
