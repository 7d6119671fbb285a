import { useEffect, useState } from 'react'
import * as v from 'valibot'
import { Button, Input, Text, View } from '@tarojs/components'
import { ErrorReason, PhoneSchema, type SmsCodeSent } from '@shared/contracts'
import { describeLoginError, type LoginError } from '../../login-errors'
import { loginWithSms, sendSmsCode } from '../../login'
import { useCountdowns } from '../../use-countdown'
import type { PhoneLoginProps } from '../LoginSheet/phone-login-props'
import './index.scss'

const RESEND_SECONDS = 60

/**
 * Phone number + SMS code, validated with the server's own schemas so both say the same thing. Asking
 * for a code first passes the server's human check, solved on the device (a moment's work, shown as
 * 「安全验证中」). The resend wait belongs to the number it was sent to.
 */
export function SmsLoginForm({ busy, error, run, clearError }: PhoneLoginProps) {
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [sending, setSending] = useState(false)
  const [sendError, setSendError] = useState<LoginError | null>(null)
  const [sent, setSent] = useState<(SmsCodeSent & { phone: string }) | null>(null)
  const countdowns = useCountdowns()
  const { clear: clearWait } = countdowns
  const wait = countdowns.remaining(phone)
  const sentHere = sent?.phone === phone ? sent : null

  // A dead code (too many wrong tries) may be replaced at once: the wait for that number is over.
  useEffect(() => {
    if (error?.reason === ErrorReason.SmsCodeDead) clearWait(phone)
  }, [error, phone, clearWait])

  const shown = sendError ?? error
  const fieldError = (field: string) => (shown?.field === field ? shown.message : null)
  const generalError = shown && shown.field !== 'phone' && shown.field !== 'code' ? shown.message : null

  const requestCode = async () => {
    if (sending || wait > 0) return
    clearError()
    const checked = v.safeParse(PhoneSchema, phone)
    if (!checked.success) {
      setSendError({ message: checked.issues[0].message, field: 'phone' })
      return
    }
    setSending(true)
    setSendError(null)
    try {
      const reply = await sendSmsCode(phone)
      setSent({ ...reply, phone })
      countdowns.start(phone, reply.resendAfterSeconds || RESEND_SECONDS)
    } catch (thrown) {
      // A refused human check (field `humanCheck`) is shown on its own line, like any non-form field.
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
            // What the server said about the previous number's code is not about this one.
            clearError()
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
          disabled={sending || wait > 0 || undefined}
          onClick={() => void requestCode()}
        >
          {sending ? '安全验证中…' : wait > 0 ? `${wait} 秒后重发` : sentHere ? '重新获取' : '获取验证码'}
        </Button>
      </View>
      {fieldError('code') ? (
        <Text className="sms-login__error sms-login__error--code">{fieldError('code')}</Text>
      ) : null}
      {sentHere && !shown ? (
        <Text className="sms-login__hint">
          {sentHere.delivery === 'outbox'
            ? `演示环境：验证码不会发到手机，请在运行服务的电脑上打开 /dev/sms-outbox 或查看服务日志，${sentHere.expiresInSeconds / 60} 分钟内有效`
            : `验证码已发送，${sentHere.expiresInSeconds / 60} 分钟内有效`}
        </Text>
      ) : null}
      {generalError ? <Text className="sms-login__error">{generalError}</Text> : null}
      {/* `|| undefined`: Taro's H5 button renders disabled="false", which its stylesheet greys out as [disabled]. */}
      <Button className="sms-login__submit" disabled={busy || undefined} loading={busy} onClick={submit}>
        登录
      </Button>
    </View>
  )
}
