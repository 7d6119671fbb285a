export default definePageConfig({
  navigationBarTitleText: '发布合作信息',
})
