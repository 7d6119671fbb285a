import * as v from 'valibot'
import { action } from './common'
import { PlainText } from './text'
import { ConsentDecisionsSchema, type PolicyDocumentId } from './consent'

/** What a member sees of their own account. The phone number only ever leaves the server masked. */
export interface Profile {
  userId: string
  nickname: string
  avatarUrl: string | null
  companyName: string
  brandName: string
  maskedPhone: string
  createdAt: number
}

/** A login: the session token is what HTTP transports send as `Authorization: Bearer`. */
export interface Session {
  token: string
  expiresAt: number
  profile: Profile
}

export const PhoneSchema = v.pipe(v.string('手机号必须是文本'), v.regex(/^1[3-9]\d{9}$/, '请输入正确的 11 位手机号'))

export const SmsCodeSchema = v.pipe(v.string('验证码必须是文本'), v.regex(/^\d{6}$/, '请输入 6 位数字验证码'))

const ClientVersionSchema = v.optional(
  v.pipe(
    v.string('客户端版本必须是文本'),
    v.maxLength(32, '客户端版本过长'),
    v.regex(/^[\w.+-]*$/, '客户端版本格式不正确'),
  ),
)

const OneTimeCodeSchema = (label: string) =>
  v.pipe(v.string(`${label}必须是文本`), v.minLength(1, `${label}不能为空`), v.maxLength(512, `${label}过长`))

/** Consents held on the device until login: the login carries them to the ledger. */
const LoginConsents = { consents: ConsentDecisionsSchema, clientVersion: ClientVersionSchema }

/**
 * The human check asked before an SMS code is sent over HTTP (`getSmsChallenge`, then `sendSmsCode`'s
 * `humanCheck`). These names are part of the wire contract and stay stable across releases.
 */
export const HUMAN_CHECK_FIELD = 'humanCheck'

/** An ALTCHA v2 proof-of-work challenge as the server signed it (the client finds the counter). */
export interface PowChallenge {
  parameters: {
    algorithm: string
    nonce: string
    salt: string
    cost: number
    keyLength: number
    keyPrefix: string
    keySignature?: string
    expiresAt?: number
    data?: Record<string, string | number | boolean | null>
  }
  signature?: string
}

export type HumanChallenge = { kind: 'none' } | { kind: 'pow'; challenge: PowChallenge }

export const SendSmsCodeInput = v.strictObject(
  {
    phone: PhoneSchema,
    /** The solved challenge, opaque to the contract (its driver reads it). Not needed over callFunction. */
    [HUMAN_CHECK_FIELD]: v.optional(v.pipe(v.string('人机验证数据必须是文本'), v.maxLength(4096, '人机验证数据过长'))),
  },
  '请求参数包含不支持的字段',
)

/** A member asks for a code to the number they want to move their account to: the same shape as login's. */
export const SendPhoneChangeCodeInput = SendSmsCodeInput

/** How a code was delivered: `outbox` is the self-hosted demo, where codes are shown, not sent. */
export interface SmsCodeSent {
  resendAfterSeconds: number
  expiresInSeconds: number
  delivery: 'sms' | 'outbox'
}

export const LoginWithSmsInput = v.strictObject(
  { phone: PhoneSchema, code: SmsCodeSchema, ...LoginConsents },
  '请求参数包含不支持的字段',
)

/** The new number and the code sent to it by `sendPhoneChangeCode` (a login code does not do). */
export const ChangePhoneInput = v.strictObject({ phone: PhoneSchema, code: SmsCodeSchema }, '请求参数包含不支持的字段')

export const LoginWithWechatInput = v.strictObject(
  {
    /** From `<Button openType="getPhoneNumber">`: single use, 5 minutes. */
    phoneCode: OneTimeCodeSchema('手机号授权码'),
    /** From `wx.login`; needed only over HTTPS, where no OPENID comes with the call. */
    loginCode: v.optional(OneTimeCodeSchema('登录凭证')),
    ...LoginConsents,
  },
  '请求参数包含不支持的字段',
)

export const AlipayPhoneResponseSchema = v.strictObject(
  {
    response: v.pipe(
      v.string('手机号密文必须是文本'),
      v.minLength(1, '手机号密文不能为空'),
      v.maxLength(4096, '手机号密文过长'),
    ),
    sign: v.pipe(v.string('签名必须是文本'), v.minLength(1, '签名不能为空'), v.maxLength(2048, '签名过长')),
    sign_type: v.optional(v.literal('RSA2', '仅支持 RSA2 签名')),
    encrypt_type: v.optional(v.literal('AES', '仅支持 AES 加密')),
  },
  '手机号授权数据格式不正确',
)

export const LoginWithAlipayInput = v.strictObject(
  { authCode: OneTimeCodeSchema('授权码'), phone: AlipayPhoneResponseSchema, ...LoginConsents },
  '请求参数包含不支持的字段',
)

const Empty = v.optional(v.strictObject({}, '请求参数包含不支持的字段'), {})

const ProfileText = (label: string, max: number) => v.optional(PlainText(label, 0, max))

export const UpdateProfileInput = v.strictObject(
  {
    nickname: ProfileText('昵称', 20),
    companyName: ProfileText('公司名称', 50),
    brandName: ProfileText('品牌名称', 30),
  },
  '请求参数包含不支持的字段',
)

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024
export const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

export const UploadAvatarInput = v.strictObject(
  {
    mimeType: v.picklist(AVATAR_TYPES, '头像仅支持 JPG、PNG 或 WebP 图片'),
    /** Base64 of the image bytes; the server checks the real type from the bytes, not from this label. */
    data: v.pipe(
      v.string('头像数据必须是文本'),
      v.minLength(1, '头像数据不能为空'),
      v.maxLength(Math.ceil((AVATAR_MAX_BYTES * 4) / 3) + 4, '头像不能超过 2 MB'),
      v.regex(/^[A-Za-z0-9+/]+={0,2}$/, '头像数据格式不正确'),
    ),
  },
  '请求参数包含不支持的字段',
)

export const RecordConsentsInput = v.strictObject({ decisions: ConsentDecisionsSchema }, '请求参数包含不支持的字段')

export const authContract = {
  getSmsChallenge: action<HumanChallenge>()(Empty, 'guest'),
  sendSmsCode: action<SmsCodeSent>()(SendSmsCodeInput, 'guest'),
  loginWithSms: action<Session>()(LoginWithSmsInput, 'guest'),
  loginWithWechat: action<Session>()(LoginWithWechatInput, 'guest'),
  loginWithAlipay: action<Session>()(LoginWithAlipayInput, 'guest'),
  logout: action<{ loggedOut: true }>()(Empty, 'member'),
  getProfile: action<Profile>()(Empty, 'member'),
  updateProfile: action<Profile>()(UpdateProfileInput, 'member'),
  uploadAvatar: action<Profile>()(UploadAvatarInput, 'member'),
  sendPhoneChangeCode: action<SmsCodeSent>()(SendPhoneChangeCodeInput, 'member'),
  changePhone: action<Profile>()(ChangePhoneInput, 'member'),
  recordConsents: action<{ recorded: number }>()(RecordConsentsInput, 'member'),
  /**
   * Guest. The policy versions a login must carry consent to (published in the console). The app asks
   * only after the first consent, and asks again for consent when the device's is older.
   */
  getPolicyVersions: action<Record<PolicyDocumentId, string>>()(Empty, 'guest'),
}
