export default definePageConfig({
  navigationBarTitleText: '消息设置',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
