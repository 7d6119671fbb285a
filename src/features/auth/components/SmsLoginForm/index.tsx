import { useState } from 'react'
import * as v from 'valibot'
import { Button, Input, Text, View } from '@tarojs/components'
import { PhoneSchema } from '@shared/contracts'
import { describeLoginError, type LoginError } from '../../login-errors'
import { loginWithSms, sendSmsCode } from '../../login'
import { useCountdown } from '../../use-countdown'
import type { PhoneLoginProps } from '../LoginSheet/phone-login-props'
import './index.scss'

const RESEND_SECONDS = 60

/** Phone number + SMS code, validated with the server's own schemas so both say the same thing. */
export function SmsLoginForm({ busy, error, run, clearError }: PhoneLoginProps) {
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [sending, setSending] = useState(false)
  const [sendError, setSendError] = useState<LoginError | null>(null)
  const [sentTo, setSentTo] = useState<string | null>(null)
  const countdown = useCountdown()

  const shown = sendError ?? error
  const fieldError = (field: string) => (shown?.field === field ? shown.message : null)
  const generalError = shown && shown.field !== 'phone' && shown.field !== 'code' ? shown.message : null

  const requestCode = async () => {
    if (sending || countdown.remaining > 0) return
    clearError()
    const checked = v.safeParse(PhoneSchema, phone)
    if (!checked.success) {
      setSendError({ message: checked.issues[0].message, field: 'phone' })
      return
    }
    setSending(true)
    setSendError(null)
    try {
      const sent = await sendSmsCode(phone)
      setSentTo(phone)
      countdown.start(sent.resendAfterSeconds || RESEND_SECONDS)
    } catch (thrown) {
      setSendError(describeLoginError(thrown))
    } finally {
      setSending(false)
    }
  }

  const submit = () => {
    setSendError(null)
    void run(() => loginWithSms(phone, code))
  }

  return (
    <View className="sms-login">
      <View className="sms-login__row">
        <Input
          className="sms-login__input sms-login__phone"
          type="number"
          maxlength={11}
          placeholder="手机号"
          value={phone}
          onInput={(e) => {
            setPhone(e.detail.value.trim())
            setSendError(null)
          }}
        />
      </View>
      {fieldError('phone') ? (
        <Text className="sms-login__error sms-login__error--phone">{fieldError('phone')}</Text>
      ) : null}
      <View className="sms-login__row">
        <Input
          className="sms-login__input sms-login__code"
          type="number"
          maxlength={6}
          placeholder="6 位验证码"
          value={code}
          onInput={(e) => setCode(e.detail.value.trim())}
        />
        <Button
          className="sms-login__send"
          disabled={sending || countdown.remaining > 0 || undefined}
          onClick={() => void requestCode()}
        >
          {countdown.remaining > 0 ? `${countdown.remaining} 秒后重发` : sentTo ? '重新获取' : '获取验证码'}
        </Button>
      </View>
      {fieldError('code') ? (
        <Text className="sms-login__error sms-login__error--code">{fieldError('code')}</Text>
      ) : null}
      {sentTo && !shown ? <Text className="sms-login__hint">验证码已发送，5 分钟内有效</Text> : null}
      {generalError ? <Text className="sms-login__error">{generalError}</Text> : null}
      {/* `|| undefined`: Taro's H5 button renders disabled="false", which its stylesheet greys out as [disabled]. */}
      <Button className="sms-login__submit" disabled={busy || undefined} loading={busy} onClick={submit}>
        登录
      </Button>
    </View>
  )
}
