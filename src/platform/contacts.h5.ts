import type { PhoneContact } from './contact-types'

export type { PhoneContact }

/** Browsers cannot write to the phone's address book, and have no app settings page to send people to. */
export const canSaveContact = false
export const canOpenSetting = false

export function saveToPhoneContacts(_contact: PhoneContact): Promise<void> {
  return Promise.reject(new Error('addPhoneContact:fail not supported'))
}

export function openAppSettings(): Promise<void> {
  return Promise.resolve()
}
