export default definePageConfig({
  navigationBarTitleText: '处罚公示',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
