import Taro from '@tarojs/taro'
import * as v from 'valibot'
import { AlipayPhoneResponseSchema, type Session } from '@shared/contracts'
import { decisionsForLogin, markSynced, syncConsents } from '@/features/consent'
// The file itself, not the privacy feature's index (which imports this feature): it needs only the api.
import { checkPendingDeletion } from '@/features/privacy/pending-deletion'
import { api } from '@/services/api'
import { CLIENT_VERSION } from '@/services/client-info'
import { clearSessionIfToken, currentSession, sessionStore } from '@/services/session'
import { UserNotice } from './user-notice'

/** H5 / self-hosted: the phone number and the 6-digit code from the SMS. */
export async function loginWithSms(phone: string, code: string): Promise<Session> {
  const consents = decisionsForLogin()
  const session = await api.auth.loginWithSms({ phone, code, consents, clientVersion: CLIENT_VERSION })
  return finishLogin(session, consents)
}

/** What `<Button openType="getPhoneNumber">` hands back. */
export interface WechatPhoneDetail {
  code?: string
  errMsg?: string
  errno?: number
}

/**
 * WeChat: the one-time phone code from the button. Over CloudBase the call carries the OPENID; over
 * HTTPS the server needs a `wx.login` code to learn it, hence `getLoginCode`.
 */
export async function loginWithWechatPhone(
  detail: WechatPhoneDetail,
  getLoginCode?: () => Promise<string>,
): Promise<Session> {
  if (!detail.code) throw new UserNotice(wechatRefusalMessage(detail))
  const loginCode = getLoginCode ? await getLoginCode() : undefined
  const consents = decisionsForLogin()
  const session = await api.auth.loginWithWechat({
    phoneCode: detail.code,
    ...(loginCode ? { loginCode } : {}),
    consents,
    clientVersion: CLIENT_VERSION,
  })
  return finishLogin(session, consents)
}

/**
 * Why the getPhoneNumber button gave no code, in words for the user: `use` names what the button was for,
 * `again` how to retry (the login's by default; account deletion has its own).
 */
export function wechatRefusalMessage(
  detail: WechatPhoneDetail,
  { use, again }: { use: string; again: string } = { use: '手机号快捷登录', again: '需要时可以再次点击登录' },
): string {
  const errMsg = detail.errMsg ?? ''
  if (/privacy/i.test(errMsg)) return `需要先同意隐私政策，才能使用${use}`
  if (/deny|cancel/i.test(errMsg)) return `你已取消手机号授权，${again}`
  // e.g. errno 1400001: the mini-program's phone quota is used up; nothing the user can fix by retrying now.
  return '暂时无法获取手机号，请稍后再试'
}

/**
 * Alipay: after the user allowed the phone-number authorization, `my.getPhoneNumber` gives a signed,
 * encrypted response (a JSON text) that only the server can check and decrypt; `my.getAuthCode` (what
 * Taro.login calls on Alipay) identifies the user.
 */
export async function loginWithAlipayPhone(getPhoneResponse: () => Promise<{ response: string }>): Promise<Session> {
  let phone: v.InferOutput<typeof AlipayPhoneResponseSchema>
  try {
    phone = parseAlipayPhoneResponse((await getPhoneResponse()).response)
  } catch {
    throw new UserNotice('暂时无法获取手机号，请稍后再试')
  }
  const { code: authCode } = await Taro.login()
  const consents = decisionsForLogin()
  const session = await api.auth.loginWithAlipay({ authCode, phone, consents, clientVersion: CLIENT_VERSION })
  return finishLogin(session, consents)
}

/** Alipay's response text carries more fields than the server needs (e.g. charset); only these travel. */
export function parseAlipayPhoneResponse(text: string): v.InferOutput<typeof AlipayPhoneResponseSchema> {
  const parsed = JSON.parse(text) as Record<string, unknown>
  const picked = {
    response: parsed.response,
    sign: parsed.sign,
    ...(parsed.sign_type !== undefined ? { sign_type: parsed.sign_type } : {}),
    ...(parsed.encrypt_type !== undefined ? { encrypt_type: parsed.encrypt_type } : {}),
  }
  return v.parse(AlipayPhoneResponseSchema, picked)
}

function finishLogin(session: Session, consents: Parameters<typeof markSynced>[0]): Session {
  sessionStore.set(session)
  markSynced(consents)
  // Anything decided while the login was under way follows at once.
  void syncConsents()
  // An account pending deletion is offered 「撤销注销」 by the login that finds it, on every platform.
  void checkPendingDeletion()
  return session
}

/**
 * Logs out here whatever the server says: the device forgetting the token is what protects a shared
 * phone. The server revokes the session when it can be reached; a token it never heard back about still
 * expires on its own.
 */
export async function logout(): Promise<void> {
  const session = currentSession()
  if (!session) return
  try {
    await api.auth.logout()
  } catch {
    // An unreachable server or an already revoked session: either way the user has left this device.
  } finally {
    clearSessionIfToken(session.token)
  }
}
