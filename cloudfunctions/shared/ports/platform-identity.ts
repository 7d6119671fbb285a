/**
 * What WeChat and Alipay vouch for, behind ports so drivers can change (CloudBase open-API call,
 * HTTPS API with an access token, a wire-format double in tests). Drivers throw AppError with
 * INVALID_INPUT naming the code field for a rejected/expired/used code, and plain errors for outages.
 */
export interface WechatApi {
  /** `wx.login` code → OPENID (jscode2session). Only needed when the call did not come with an OPENID. */
  openIdFromLoginCode(loginCode: string): Promise<{ openId: string; unionId?: string }>
  /** `getPhoneNumber` button code → the bound phone number (phonenumber.getPhoneNumber). */
  phoneFromCode(phoneCode: string, openId: string): Promise<{ phone: string }>
}

export interface AlipayApi {
  /** `my.getAuthCode` code → the user's Alipay id (alipay.system.oauth.token). */
  userIdFromAuthCode(authCode: string): Promise<{ userId: string }>
  /** `my.getPhoneNumber` response → verified (RSA2) and decrypted (AES) phone number. */
  phoneFromResponse(response: { response: string; sign: string }): Promise<{ phone: string }>
}
