export default definePageConfig({
  navigationBarTitleText: '审核台',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
