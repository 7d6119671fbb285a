import { Button, View } from '@tarojs/components'
import { loginWithSms } from '../../login'
import { sendSmsCode } from '../../sms-codes'
import { useSmsCodeFields } from '../../use-sms-code-fields'
import type { PhoneLoginProps } from '../LoginSheet/phone-login-props'
import { SmsCodeFields } from '../SmsCodeFields'

/**
 * Phone number + SMS code, validated with the server's own schemas so both say the same thing. Asking
 * for a code first passes the server's human check, solved on the device (a moment's work, shown as
 * 「安全验证中」). The resend wait belongs to the number it was sent to.
 */
export function SmsLoginForm({ busy, error, run, clearError }: PhoneLoginProps) {
  const fields = useSmsCodeFields({ send: sendSmsCode, error, clearError })

  const submit = () => {
    fields.clearSendError()
    void run(() => loginWithSms(fields.phone, fields.code))
  }

  return (
    <View className="sms-login">
      <SmsCodeFields fields={fields} />
      {/* `|| undefined`: Taro's H5 button renders disabled="false", which its stylesheet greys out as [disabled]. */}
      <Button className="sms-login__submit" disabled={busy || undefined} loading={busy} onClick={submit}>
        登录
      </Button>
    </View>
  )
}
