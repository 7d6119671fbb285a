import { Button, Text, View } from '@tarojs/components'
import type { PhoneLoginProps } from '@/features/auth/components/LoginSheet/phone-login-props'
import { loginWithAlipayPhone } from '@/features/auth/login'
import { UserNotice } from '@/features/auth/user-notice'

declare const my: {
  getPhoneNumber(options: { success(res: { response: string }): void; fail(err: unknown): void }): void
}

/** The signed, encrypted phone response; only after the user allowed the authorization (also account deletion's). */
export const getPhoneResponse = () =>
  new Promise<{ response: string }>((resolve, reject) => my.getPhoneNumber({ success: resolve, fail: reject }))

/** Alipay: the phone-number authorization button; my.getPhoneNumber may only be called after it. */
export function PhoneLogin({ busy, error, run }: PhoneLoginProps) {
  return (
    <View className="phone-login">
      <Button
        className="phone-login__primary"
        openType="getAuthorize"
        scope="phoneNumber"
        disabled={busy}
        loading={busy}
        onGetAuthorize={() => void run(() => loginWithAlipayPhone(getPhoneResponse))}
        onError={() =>
          void run(async () => {
            throw new UserNotice('你已取消手机号授权，需要时可以再次点击登录')
          })
        }
      >
        支付宝手机号登录
      </Button>
      {error ? <Text className="phone-login__error">{error.message}</Text> : null}
    </View>
  )
}
