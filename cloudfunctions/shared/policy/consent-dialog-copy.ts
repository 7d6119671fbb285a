/**
 * The words of the consent dialog's first screen (a first-time visitor's), in one place: the app's
 * ConsentDialog renders them, and the self-hosted server's pre-paint of that screen (server/first-screen.ts,
 * shown in the H5 page until the app's own dialog mounts) is built from the same strings, so the two cannot
 * say different things.
 */
export const FIRST_CONSENT_COPY = {
  title: '欢迎使用质能视界',
  intro: '在你使用之前，请了解我们如何处理你的个人信息：',
  // The short version of the privacy policy: what a user should know before choosing.
  points: [
    '浏览和搜索合作信息无需登录，我们不会为游客建立档案。',
    '登录只需要手机号；昵称、头像、公司和品牌由你选填。',
    '公开联系方式需要你逐项单独同意，并可随时撤回。',
    '权限只在你使用相关功能时申请；我们不接入统计分析或广告 SDK。',
  ],
  note: '选择“不同意”，你仍可以浏览和搜索合作信息。',
} as const

/** What every mode of the dialog shows around its body: the policy links and the two buttons. */
export const CONSENT_DIALOG_FRAME = {
  read: '请阅读',
  and: '和',
  privacy: '《隐私政策》',
  terms: '《用户协议》',
  decline: '不同意',
  agree: '同意',
} as const
