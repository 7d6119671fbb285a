import { definePersonalData, SYSTEM } from '../common/personal-data'
import { ADMIN_ONLY, type CollectionSpec } from '../../ports/collection-spec'

/**
 * The collections the messages domain owns: conversations about a listing between its poster and a member
 * who asked, their messages, blocks between members, and which listings take no inquiries (business cards
 * are the cards domain's).
 */
export const Collections = {
  conversations: 'conversations',
  conversationMessages: 'conversation_messages',
  memberBlocks: 'member_blocks',
  inquirySettings: 'inquiry_settings',
} as const

export const collectionSpecs: Record<(typeof Collections)[keyof typeof Collections], CollectionSpec> = {
  // One per (listing, member who asked); `members` holds both sides' ids for 「我的会话」, newest first.
  conversations: {
    clientRule: ADMIN_ONLY,
    multiKey: [{ field: 'members', sortedBy: 'lastAt' }],
    indexes: [
      {
        name: 'by_members',
        keys: [
          { field: 'members', direction: 1 },
          { field: 'lastAt', direction: -1 },
        ],
      },
      // The 消息 badge: a side's conversations with something unread.
      {
        name: 'by_poster_unread',
        keys: [
          { field: 'posterId', direction: 1 },
          { field: 'posterUnread', direction: 1 },
        ],
      },
      {
        name: 'by_asker_unread',
        keys: [
          { field: 'askerId', direction: 1 },
          { field: 'askerUnread', direction: 1 },
        ],
      },
    ],
  },
  conversation_messages: {
    clientRule: ADMIN_ONLY,
    indexes: [
      {
        name: 'by_conversation',
        keys: [
          { field: 'conversationId', direction: 1 },
          { field: 'createdAt', direction: -1 },
        ],
      },
      // A member's own messages, for export, account deletion and taking back an unread card.
      {
        name: 'by_sender',
        keys: [
          { field: 'senderId', direction: 1 },
          { field: 'createdAt', direction: -1 },
        ],
      },
    ],
  },
  // One per (member who blocks, member blocked); found again by its derived id.
  member_blocks: {
    clientRule: ADMIN_ONLY,
    indexes: [
      { name: 'by_blocker', keys: [{ field: 'blockerId', direction: 1 }] },
      { name: 'by_blocked', keys: [{ field: 'blockedId', direction: 1 }] },
    ],
  },
  // One per listing whose poster turned inquiries off; the id is the listing's.
  inquiry_settings: {
    clientRule: ADMIN_ONLY,
    indexes: [{ name: 'by_poster', keys: [{ field: 'posterId', direction: 1 }] }],
  },
}

const READ_STATE = { personal: false } as const

/** What each collection holds, for whom and why (common/personal-data.ts); merged into the data inventory. */
export const messagesPersonalData = definePersonalData([
  {
    collection: Collections.conversations,
    category: 'interaction',
    about: '留言会话：哪条信息、发布者和咨询者、最近一条消息的时间和已读状态',
    purpose: '让咨询者和发布者就一条信息私下沟通；被举报的会话由审核人员查看并处理',
    basis: 'contract',
    retention: { kind: 'account' },
    owners: ['posterId', 'askerId'],
    sharedWith: [],
    onDelete: {
      action: 'none',
      why: '会话属于双方：注销时会话中你的身份被去除，对方看到「已注销用户」；双方都注销后会话删除',
    },
    fields: {
      _id: SYSTEM.id,
      listingId: { label: '信息编号' },
      listingTitle: { label: '会话开始时的信息标题' },
      posterId: { label: '发布者', export: 'member' },
      askerId: { label: '咨询者', export: 'member' },
      members: { label: '会话双方（查询用）', export: 'omit' },
      createdAt: { label: '会话开始时间' },
      lastAt: { label: '最近一条消息的时间' },
      posterUnread: { label: '发布者是否有未读', ...READ_STATE },
      askerUnread: { label: '咨询者是否有未读', ...READ_STATE },
      posterReadAt: { label: '发布者读到的时间' },
      askerReadAt: { label: '咨询者读到的时间' },
      closedAt: { label: '被平台关闭的时间', personal: false },
    },
  },
  {
    collection: Collections.conversationMessages,
    category: 'interaction',
    about: '留言消息：你在会话中发出的文字和你选择发送的名片内容',
    purpose: '把你的消息送达会话的另一方；被举报的会话由审核人员查看',
    basis: 'contract',
    retention: { kind: 'account' },
    owners: ['senderId'],
    sharedWith: [
      {
        to: 'wechat',
        what: '在微信中发送消息时：消息文字和你的微信用户标识（OpenID）',
        purpose: '内容安全检测（微信内容安全接口）',
      },
    ],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      conversationId: { label: '会话编号' },
      senderId: { label: '发送者', export: 'member' },
      text: { label: '消息内容' },
      card: { label: '随消息发送的名片（仅你选择的项目）', category: 'contact', basis: 'consent' },
      createdAt: { label: '发送时间' },
    },
  },
  {
    collection: Collections.memberBlocks,
    category: 'interaction',
    about: '屏蔽记录：谁屏蔽了谁、何时',
    purpose: '不再向你送达被你屏蔽的用户的消息',
    basis: 'contract',
    retention: { kind: 'until-removed' },
    owners: ['blockerId', 'blockedId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: SYSTEM.id,
      blockerId: { label: '屏蔽者', export: 'member' },
      blockedId: { label: '被屏蔽者', export: 'member' },
      createdAt: { label: '屏蔽时间' },
    },
  },
  {
    collection: Collections.inquirySettings,
    category: 'content',
    about: '留言设置：你关闭了留言咨询的信息',
    purpose: '按你的选择不再接受对这条信息的留言',
    basis: 'contract',
    retention: { kind: 'until-removed' },
    owners: ['posterId'],
    sharedWith: [],
    onDelete: { action: 'delete' },
    fields: {
      _id: { label: '信息编号' },
      posterId: { label: '发布者', export: 'member' },
      updatedAt: { label: '设置时间' },
    },
  },
])
