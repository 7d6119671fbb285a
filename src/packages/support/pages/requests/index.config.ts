export default definePageConfig({
  navigationBarTitleText: '意见反馈与隐私请求',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
