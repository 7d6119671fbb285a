export default definePageConfig({
  navigationBarTitleText: '质能视界',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
  enableShareAppMessage: true,
})
