import type { Contracts } from '@shared/contracts'

/**
 * What a page shows, by kind of data. A page declares the kinds it shows; an action that succeeded marks
 * the kinds it changed; a page shown again reloads when one of its kinds changed since it last loaded.
 * So going back after publishing, editing, taking down, favouriting, commenting or revealing shows the
 * change, on every platform, without each page knowing which other page did what.
 */
export type DataKind =
  /** Listings as anyone sees them: the feed, search, a detail, the poster's other listings, 我的发布. */
  | 'listings'
  /** The member's favourites (the list, and the heart on a detail). */
  | 'favourites'
  /** Comments under a listing. */
  | 'comments'
  /** Contacts revealed, by the member or of the member's listings (谁看过). */
  | 'reveals'
  /** The member's reports (我的举报). */
  | 'reports'
  /** The member's profile (nickname, avatar, number). */
  | 'profile'
  /** 消息: notices, their read state, their settings. */
  | 'notices'
  /** Moderation: the queues, decisions, appeals, penalties, the audit log. */
  | 'moderation'
  /** The account itself: a deletion request, what 我的数据 counts. */
  | 'account'
  /** 留言咨询: the member's conversations, their messages and unread counts, blocks. */
  | 'conversations'
  /** 意见反馈与隐私请求: the member's requests, and the operators' queue of them. */
  | 'requests'
  /** The categories: the feed tabs, the publish form's choice, 分类管理. */
  | 'categories'
  /** 政策版本: the published policy versions and their publications. */
  | 'policy'

/**
 * Every action of every function, and what it changes. Complete on purpose (the type requires each
 * action): a new action must say what it changes, or `[]` for a read, before the app compiles.
 */
export const CHANGES: { [F in keyof Contracts]: { [A in keyof Contracts[F]]: readonly DataKind[] } } = {
  listings: {
    listListings: [],
    getListing: [],
    getPosterCard: [],
    listCategories: [],
    uploadListingImage: [],
    createListing: ['listings', 'account'],
    listMyListings: [],
    getMyListing: [],
    // A favourite or a browse-history entry shows the listing's title and status as they are now.
    updateListing: ['listings', 'favourites'],
    takeDownListing: ['listings', 'favourites'],
    republishListing: ['listings', 'favourites'],
    refreshListing: ['listings'],
    renewListing: ['listings', 'notices'],
    setContactVisibility: ['listings'],
    deleteListing: ['listings', 'favourites', 'account'],
  },
  auth: {
    getSmsChallenge: [],
    sendSmsCode: [],
    // A login or logout changes the member, which every member's list already follows (its key).
    loginWithSms: [],
    loginWithWechat: [],
    loginWithAlipay: [],
    logout: [],
    getProfile: [],
    updateProfile: ['profile'],
    uploadAvatar: ['profile'],
    sendPhoneChangeCode: [],
    changePhone: ['profile'],
    recordConsents: ['account'],
    getPolicyVersions: [],
  },
  interactions: {
    revealContact: ['reveals', 'account'],
    listRevealLog: [],
    addFavourite: ['favourites', 'account'],
    removeFavourite: ['favourites', 'account'],
    listFavourites: [],
    clearFavourites: ['favourites', 'account'],
    getListingInteractions: [],
    postComment: ['comments', 'account'],
    listComments: [],
    deleteComment: ['comments', 'account'],
    reportListing: ['reports', 'account'],
    reportComment: ['reports', 'account'],
    listMyReports: [],
  },
  privacy: {
    getMyData: [],
    exportMyData: ['account'],
    getInventory: [],
    sendDeletionCode: [],
    requestAccountDeletion: ['account'],
    cancelAccountDeletion: ['account'],
    getAccountDeletion: [],
  },
  moderation: {
    listQueue: [],
    claim: ['moderation'],
    // A decision can take down or restore a listing or a comment, and tells its owner in 消息.
    decide: ['moderation', 'listings', 'comments', 'notices'],
    penalize: ['moderation', 'notices'],
    listAuditLog: [],
    decideAppeal: ['moderation', 'listings', 'comments', 'notices'],
    listRules: [],
    listPublicPenalties: [],
    appeal: ['moderation'],
    listMyDecisions: [],
    publishNotice: ['notices', 'moderation'],
    getMyRole: [],
    getStats: [],
    listAllCategories: [],
    saveCategory: ['categories', 'moderation'],
    moveCategory: ['categories', 'moderation'],
    setCategoryHidden: ['categories', 'moderation'],
    deleteCategory: ['categories', 'moderation'],
    listPolicyVersions: [],
    publishPolicyVersion: ['policy', 'moderation'],
  },
  notices: {
    listNotices: [],
    countUnread: [],
    markRead: ['notices'],
    getPreferences: [],
    setPreferences: ['notices'],
    acceptSubscriptions: ['notices'],
  },
  messages: {
    sendInquiry: ['conversations', 'notices'],
    replyToConversation: ['conversations'],
    sendCard: ['conversations'],
    listConversations: [],
    // Reading marks the other side's messages read, and the conversation's notice with them.
    listConversationMessages: ['conversations', 'notices'],
    countUnread: [],
    blockMember: ['conversations'],
    unblockMember: ['conversations'],
    reportConversation: ['reports'],
    getInquiryState: [],
    setListingInquiries: [],
    getMyCard: [],
    saveMyCard: [],
    deleteMyCard: ['conversations', 'reveals'],
  },
  support: {
    submitRequest: ['requests'],
    listMyRequests: [],
    listRequests: [],
    answerRequest: ['requests', 'moderation'],
  },
}

/** A logical clock: each change takes the next tick, so "changed since I loaded" is one comparison. */
let tick = 0
const changedAt = new Map<DataKind, number>()

/** The current tick: what a page records as "loaded at" when it starts a load. */
export function dataClock(): number {
  return tick
}

/** Marks kinds as changed now (the api client does this after each successful action). */
export function markChanged(kinds: readonly DataKind[]): void {
  if (kinds.length === 0) return
  tick++
  for (const kind of kinds) changedAt.set(kind, tick)
}

/** Whether any of `kinds` changed after the tick `since`. */
export function changedSince(kinds: readonly DataKind[], since: number): boolean {
  return kinds.some((kind) => (changedAt.get(kind) ?? 0) > since)
}

/** What a successful call of `functionName.action` changed ([] for an action the map does not know). */
export function changesOf(functionName: string, action: string): readonly DataKind[] {
  const actions = (CHANGES as Record<string, Record<string, readonly DataKind[]> | undefined>)[functionName]
  return actions?.[action] ?? []
}
