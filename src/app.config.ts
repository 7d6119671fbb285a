export default defineAppConfig({
  // Main package: what a visitor needs first (the feed, and the detail a shared card opens).
  pages: ['pages/index/index', 'pages/detail/index'],
  // Everything account-related loads only when opened, keeping the main package small.
  subPackages: [{ root: 'packages/account', pages: ['pages/policy/index', 'pages/profile/index'] }],
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
