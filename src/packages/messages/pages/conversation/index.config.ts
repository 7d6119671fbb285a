export default definePageConfig({
  navigationBarTitleText: '留言咨询',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
