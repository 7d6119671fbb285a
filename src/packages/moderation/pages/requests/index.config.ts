export default definePageConfig({
  navigationBarTitleText: '反馈与请求',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
