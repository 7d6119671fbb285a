export default definePageConfig({
  navigationBarTitleText: '处理记录',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
