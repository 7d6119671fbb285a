import { AVATAR_MAX_BYTES, authContract } from '../contracts/auth'
import { defineFunction, MAX_BODY_BYTES } from '../core/handler'
import { uploadAvatar } from '../domain/accounts/avatar'
import { changePhone, sendPhoneChangeCode } from '../domain/accounts/change-phone'
import { loginWithAlipay } from '../domain/accounts/login-with-alipay'
import { loginWithSms } from '../domain/accounts/login-with-sms'
import { loginWithWechat } from '../domain/accounts/login-with-wechat'
import { logout } from '../domain/accounts/logout'
import { publishedPolicyVersions } from '../domain/accounts/policy-publications'
import { getProfile, updateProfile } from '../domain/accounts/profile'
import { recordConsents } from '../domain/accounts/record-consents'
import { sendSmsCode } from '../domain/accounts/sms-codes'

export const authFunction = defineFunction(
  'auth',
  authContract,
  {
    getSmsChallenge: (_input, { deps }) => deps.humanCheck.challenge(),
    sendSmsCode: (input, ctx) => sendSmsCode(ctx, input),
    loginWithSms: (input, ctx) => loginWithSms(ctx, input),
    loginWithWechat: (input, ctx) => loginWithWechat(ctx, input),
    loginWithAlipay: (input, ctx) => loginWithAlipay(ctx, input),
    logout: (_input, ctx) => logout(ctx),
    getProfile: (_input, ctx) => getProfile(ctx),
    updateProfile: (input, ctx) => updateProfile(ctx, input),
    uploadAvatar: (input, ctx) => uploadAvatar(ctx, input),
    sendPhoneChangeCode: (input, ctx) => sendPhoneChangeCode(ctx, input),
    changePhone: (input, ctx) => changePhone(ctx, input),
    recordConsents: (input, ctx) => recordConsents(ctx, input),
    getPolicyVersions: (_input, { deps }) => publishedPolicyVersions(deps),
  },
  // An avatar travels as base64 in the body (4/3 of its bytes), plus the rest of the request.
  { maxBodyBytes: Math.ceil((AVATAR_MAX_BYTES * 4) / 3) + MAX_BODY_BYTES },
)
