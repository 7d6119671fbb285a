export default defineAppConfig({
  // Main package: what a visitor needs first (the feed, and the detail a shared card opens).
  // Secondary areas (publish, my data, moderation) go into `subPackages` as they arrive.
  pages: ['pages/index/index', 'pages/detail/index'],
  window: {
    navigationBarTitleText: '质能视界',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
    // Mini-programs draw their own title bar; on H5 Taro draws one (with a back button) only when asked.
    navigationStyle: 'default',
  },
  // WeChat injects only the components a page renders; its code-quality check requires it.
  ...(process.env.TARO_ENV === 'weapp' ? { lazyCodeLoading: 'requiredComponents' } : {}),
})
