import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PhoneLoginProps } from '@/features/auth/components/LoginSheet/phone-login-props'
import { loginWithWechatPhone } from '@/features/auth/login'

// Without a CloudBase env the app calls HTTPS, where no OPENID comes with the call: wx.login supplies it.
const getLoginCode = process.env.TARO_APP_CLOUD_ENV ? undefined : async () => (await Taro.login()).code

/** WeChat: the platform's own phone authorization; the button's one-time code goes to the server. */
export function PhoneLogin({ busy, error, run }: PhoneLoginProps) {
  return (
    <View className="phone-login">
      <Button
        className="phone-login__primary"
        openType="getPhoneNumber"
        disabled={busy}
        loading={busy}
        onGetPhoneNumber={(e) => void run(() => loginWithWechatPhone(e.detail, getLoginCode))}
      >
        手机号快捷登录
      </Button>
      {error ? <Text className="phone-login__error">{error.message}</Text> : null}
    </View>
  )
}
