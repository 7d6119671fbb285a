export default definePageConfig({
  navigationBarTitleText: '合作详情',
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
