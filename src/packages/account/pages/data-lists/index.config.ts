export default definePageConfig({
  navigationBarTitleText: '个人信息清单',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
