/**
 * Every page of the app, main package and subpackages alike: the one place a page path is written
 * (app.config.ts lists the same pages for the build; a test holds the two together).
 */
export const Routes = {
  feed: '/pages/index/index',
  detail: '/pages/detail/index',
  // The tab bar's pages (Taro.switchTab only: navigateTo refuses a tab page).
  publishTab: '/pages/publish/index',
  messages: '/pages/messages/index',
  mine: '/pages/mine/index',
  policy: '/packages/account/pages/policy/index',
  profile: '/packages/account/pages/profile/index',
  myData: '/packages/account/pages/my-data/index',
  permissions: '/packages/account/pages/permissions/index',
  dataLists: '/packages/account/pages/data-lists/index',
  cancelAccount: '/packages/account/pages/cancel-account/index',
  penalties: '/packages/account/pages/penalties/index',
  noticeSettings: '/packages/account/pages/notice-settings/index',
  about: '/packages/account/pages/about/index',
  search: '/packages/search/pages/search/index',
  publish: '/packages/publish/pages/edit/index',
  myListings: '/packages/mine/pages/listings/index',
  revealLog: '/packages/mine/pages/reveals/index',
  favourites: '/packages/mine/pages/favourites/index',
  history: '/packages/mine/pages/history/index',
  myDecisions: '/packages/mine/pages/decisions/index',
  myReports: '/packages/mine/pages/reports/index',
  moderation: '/packages/moderation/pages/queue/index',
  auditLog: '/packages/moderation/pages/audit-log/index',
  dashboard: '/packages/moderation/pages/dashboard/index',
  categoryConsole: '/packages/moderation/pages/categories/index',
  policyVersions: '/packages/moderation/pages/policy-versions/index',
  conversation: '/packages/messages/pages/conversation/index',
  businessCard: '/packages/messages/pages/card/index',
  supportRequests: '/packages/support/pages/requests/index',
  requestQueue: '/packages/moderation/pages/requests/index',
} as const
