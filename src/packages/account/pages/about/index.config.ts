export default definePageConfig({
  navigationBarTitleText: '关于质能视界',
})
