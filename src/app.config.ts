export default defineAppConfig({ pages: ['pages/index/index'], window: { navigationBarTitleText: '质能视界' } })
