export default definePageConfig({
  navigationBarTitleText: '审核日志',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
