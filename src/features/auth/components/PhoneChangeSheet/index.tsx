import { useCallback, useEffect, useRef, useState } from 'react'
import * as v from 'valibot'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ChangePhoneInput, type Profile } from '@shared/contracts'
import { BottomSheet } from '@/components/BottomSheet'
import { describeLoginError, type LoginError } from '../../login-errors'
import { changePhone } from '../../phone-change'
import { sendPhoneChangeCode } from '../../sms-codes'
import { useSmsCodeFields } from '../../use-sms-code-fields'
import { SmsCodeFields } from '../SmsCodeFields'
import './index.scss'

export interface PhoneChangeSheetProps {
  /** The account's number as the profile shows it. */
  maskedPhone: string
  onClose(): void
  /** The server's profile after the change. */
  onChanged(profile: Profile): void
}

/**
 * 更换手机号: the new number, a code sent to it (after the human check, like the SMS login), and a
 * confirmation before the account moves. Every refusal is shown under its input, in the server's words.
 */
export function PhoneChangeSheet({ maskedPhone, onClose, onChanged }: PhoneChangeSheetProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<LoginError | null>(null)
  const clearError = useCallback(() => setError(null), [])
  const fields = useSmsCodeFields({ send: sendPhoneChangeCode, error, clearError })
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const submit = async () => {
    if (busy) return
    fields.clearSendError()
    setError(null)
    const checked = v.safeParse(ChangePhoneInput, { phone: fields.phone, code: fields.code })
    if (!checked.success) {
      const issue = checked.issues[0]
      setError({ message: issue.message, field: v.getDotPath(issue) ?? undefined })
      return
    }
    const { confirm } = await Taro.showModal({
      title: '更换手机号',
      content: `确定将账号的手机号从 ${maskedPhone} 更换为 ${checked.output.phone} 吗？更换后请用新手机号登录，原手机号将不能再登录此账号。`,
      confirmText: '确认更换',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy(true)
    try {
      onChanged(await changePhone(checked.output.phone, checked.output.code))
    } catch (thrown) {
      if (mounted.current) setError(describeLoginError(thrown))
    } finally {
      if (mounted.current) setBusy(false)
    }
  }

  return (
    <BottomSheet
      title="更换手机号"
      className="phone-change"
      onClose={() => {
        if (!busy) onClose()
      }}
      footer={
        // `|| undefined`: Taro's H5 button renders disabled="false", which its stylesheet greys out as [disabled].
        <Button className="phone-change__submit" disabled={busy || undefined} loading={busy} onClick={submit}>
          确认更换
        </Button>
      }
    >
      <View className="sms-login">
        <Text className="phone-change__current">当前手机号 {maskedPhone}，验证码将发送到新手机号。</Text>
        <SmsCodeFields fields={fields} phonePlaceholder="新手机号" />
      </View>
    </BottomSheet>
  )
}
