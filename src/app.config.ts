export default defineAppConfig({
  // Main package: what a visitor needs first (the feed, and the detail a shared card opens), and the tab
  // bar's pages, which WeChat requires there: each a thin shell (发布 opens the publish flow in its
  // subpackage, 我的 links into the account's). 消息 is at NOTICE_PAGE, the page subscription messages open.
  pages: ['pages/index/index', 'pages/detail/index', 'pages/publish/index', 'pages/messages/index', 'pages/mine/index'],
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
        'pages/notice-settings/index',
        'pages/about/index',
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
    {
      root: 'packages/moderation',
      pages: [
        'pages/queue/index',
        'pages/audit-log/index',
        'pages/requests/index',
        'pages/dashboard/index',
        'pages/categories/index',
        'pages/policy-versions/index',
      ],
    },
    // 留言咨询: a conversation and the member's business card.
    { root: 'packages/messages', pages: ['pages/conversation/index', 'pages/card/index'] },
    // 意见反馈与隐私请求, open to guests too.
    { root: 'packages/support', pages: ['pages/requests/index'] },
  ],
  // 首页 · 发布 · 消息 · 我的 on all three platforms (Taro draws it on H5). 消息's unread count is its badge
  // (features/notices/unread-badge.ts); the index 2 there is this list's.
  tabBar: {
    color: '#646a73',
    selectedColor: '#1a5fd0',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/publish/index',
        text: '发布',
        iconPath: 'assets/tabbar/publish.png',
        selectedIconPath: 'assets/tabbar/publish-active.png',
      },
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tabbar/messages.png',
        selectedIconPath: 'assets/tabbar/messages-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tabbar/mine.png',
        selectedIconPath: 'assets/tabbar/mine-active.png',
      },
    ],
  },
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
