// 消息 and its badge: the tab pages import this index (hooks only, no styles: every tab page imports it, so
// a stylesheet here would be ordered differently in each). 消息 imports its NoticeCard itself, and the
// preferences page use-notice-preferences, which stays in the account subpackage.
export { MESSAGES_TAB_INDEX, refreshUnread, setUnread, unreadCount, useUnreadBadge } from './unread-badge'
export { useNotices, type NoticeCentre, type RenewedListing } from './use-notices'
