import Taro from '@tarojs/taro'
import type { PhoneContact } from './contact-types'

export type { PhoneContact }

export const canSaveContact = true
export const canOpenSetting = true

/** `my.addPhoneContact` (same name on Alipay): the client asks for its permission on first use. */
export async function saveToPhoneContacts(contact: PhoneContact): Promise<void> {
  await Taro.addPhoneContact(contact)
}

export async function openAppSettings(): Promise<void> {
  await Taro.openSetting()
}
