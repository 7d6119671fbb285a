import Taro from '@tarojs/taro'
import type { PhoneContact } from './contact-types'

export type { PhoneContact }

export const canSaveContact = true
export const canOpenSetting = true

/** Asks for `scope.addPhoneContact` the first time it is used, not before (MIIT: no early permission requests). */
export async function saveToPhoneContacts(contact: PhoneContact): Promise<void> {
  await Taro.addPhoneContact(contact)
}

/** The mini-program's own settings page, where a refused permission can be turned back on. */
export async function openAppSettings(): Promise<void> {
  await Taro.openSetting()
}
