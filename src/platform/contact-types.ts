/** What 存入通讯录 writes: WeChat needs `firstName`; the rest is optional on both platforms. */
export interface PhoneContact {
  firstName: string
  mobilePhoneNumber?: string
  weChatNumber?: string
  organization?: string
  remark?: string
}
