export default definePageConfig({
  navigationBarTitleText: '政策版本',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
