import Taro from '@tarojs/taro'
import {
  canOpenSetting,
  canSaveContact,
  openAppSettings,
  saveToPhoneContacts,
  type PhoneContact,
} from '@/platform/contacts'

export { canSaveContact }

/** How a platform API failed, from its errMsg (the only thing every platform reports). */
export type Refusal = 'cancelled' | 'denied' | 'privacy' | 'failed'

export function classifyFailure(error: unknown): Refusal {
  const message = String((error as { errMsg?: unknown })?.errMsg ?? (error as Error)?.message ?? error)
  // WeChat: "privacy permission is not authorized" when the user declined our privacy dialog for this API.
  if (/privacy/i.test(message)) return 'privacy'
  // WeChat "auth deny" / "auth denied" / "authorize no response"; Alipay error 11 / "用户拒绝".
  if (/auth\s*den|authorize|permission|拒绝|not authorized/i.test(message)) return 'denied'
  if (/cancel/i.test(message)) return 'cancelled'
  return 'failed'
}

/**
 * A refused permission is explained, with the way back: the app's settings page, where the platform has
 * one. Refusing never closes anything or blocks the rest of the page (MIIT: no quitting on refusal).
 */
async function explainRefusal(refusal: Refusal, what: string, permission: string): Promise<void> {
  if (refusal === 'cancelled') return
  if (refusal === 'privacy') {
    void Taro.showToast({ title: `需要同意隐私保护指引后才能${what}`, icon: 'none' })
    return
  }
  if (refusal === 'failed') {
    void Taro.showToast({ title: `${what}失败，请稍后再试`, icon: 'none' })
    return
  }
  const { confirm } = await Taro.showModal({
    title: `无法${what}`,
    content: canOpenSetting
      ? `你之前拒绝了「${permission}」权限。如需${what}，请在设置中开启后再试。`
      : `浏览器不允许${what}，你可以手动记下联系方式。`,
    confirmText: canOpenSetting ? '去设置' : '关闭',
    showCancel: canOpenSetting,
    cancelText: '暂不',
  })
  if (confirm && canOpenSetting) await openAppSettings().catch(() => undefined)
}

/** 拨打电话: the platform shows its own confirmation before dialling. */
export async function callPhone(phone: string): Promise<void> {
  try {
    await Taro.makePhoneCall({ phoneNumber: phone })
  } catch (error) {
    await explainRefusal(classifyFailure(error), '拨打电话', '拨打电话')
  }
}

/** 复制微信号 / 复制 QQ: the clipboard (declared in WeChat's privacy guide) is touched only on this tap. */
export async function copyText(text: string, label: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text })
    void Taro.showToast({ title: `${label}已复制`, icon: 'none' })
  } catch (error) {
    await explainRefusal(classifyFailure(error), `复制${label}`, '剪贴板')
  }
}

/** 存入通讯录 (WeChat and Alipay only): asks for the address-book permission the first time it is used. */
export async function saveContact(contact: PhoneContact): Promise<void> {
  try {
    await saveToPhoneContacts(contact)
  } catch (error) {
    await explainRefusal(classifyFailure(error), '存入通讯录', '添加到手机通讯录')
  }
}
