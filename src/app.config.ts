export default defineAppConfig({
  // Main package: what a visitor needs first (the feed, and the detail a shared card opens).
  pages: ['pages/index/index', 'pages/detail/index'],
  // Everything else loads only when opened, keeping the main package small: the account, search, publishing,
  // the member's own lists (my listings, reveal log, favourites, browse history, 处理记录, 我的举报), and the
  // moderators' 审核台 and 审核日志.
  subPackages: [
    {
      root: 'packages/account',
      pages: [
        'pages/policy/index',
        'pages/profile/index',
        'pages/my-data/index',
        'pages/permissions/index',
        'pages/data-lists/index',
        'pages/cancel-account/index',
        'pages/penalties/index',
      ],
    },
    { root: 'packages/search', pages: ['pages/search/index'] },
    { root: 'packages/publish', pages: ['pages/edit/index'] },
    {
      root: 'packages/mine',
      pages: [
        'pages/listings/index',
        'pages/reveals/index',
        'pages/favourites/index',
        'pages/history/index',
        'pages/decisions/index',
        'pages/reports/index',
      ],
    },
    // Moderators only: never loaded by anyone else (the entry shows for a role; the server refuses the rest).
    { root: 'packages/moderation', pages: ['pages/queue/index', 'pages/audit-log/index'] },
  ],
  window: {
    navigationBarTitleText: '质能视界',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
    // Mini-programs draw their own title bar; on H5 Taro draws one (with a back button) only when asked.
    navigationStyle: 'default',
  },
  ...(process.env.TARO_ENV === 'weapp'
    ? {
        // WeChat injects only the components a page renders; its code-quality check requires it.
        lazyCodeLoading: 'requiredComponents',
        // WeChat then asks us (onNeedPrivacyAuthorization) before any privacy API runs, and we show our own
        // dialog. Taro copies keys it does not know into app.json unchanged.
        __usePrivacyCheck__: true,
      }
    : {}),
})
