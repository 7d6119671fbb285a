export default definePageConfig({
  navigationBarTitleText: '分类管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
