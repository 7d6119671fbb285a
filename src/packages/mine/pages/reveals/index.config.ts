export default definePageConfig({
  navigationBarTitleText: '谁看过我的联系方式',
})
