import { Button, Input, Text, View } from '@tarojs/components'
import type { SmsCodeFieldsState } from '../../use-sms-code-fields'
import './index.scss'

export interface SmsCodeFieldsProps {
  fields: SmsCodeFieldsState
  phonePlaceholder?: string
}

/**
 * The number, the code and 「获取验证码」 with its wait, each refusal under its input (a refusal of no
 * input on its own line), and where the code went; with the account's own number (`ownNumber`) that number,
 * masked, instead of an input. The form around it adds its submit button.
 */
export function SmsCodeFields({ fields, phonePlaceholder = '手机号' }: SmsCodeFieldsProps) {
  const { shown, sentHere, wait, sending } = fields
  const fieldError = (field: string) => (shown?.field === field ? shown.message : null)
  const generalError = shown && shown.field !== 'phone' && shown.field !== 'code' ? shown.message : null

  return (
    <>
      {fields.ownNumber !== null ? (
        <Text className="sms-login__own-number">验证码将发送到本账号的手机号 {fields.ownNumber}</Text>
      ) : (
        <View className="sms-login__row">
          <Input
            className="sms-login__input sms-login__phone"
            type="number"
            maxlength={11}
            placeholder={phonePlaceholder}
            value={fields.phone}
            onInput={(e) => fields.setPhone(e.detail.value)}
          />
        </View>
      )}
      {fieldError('phone') ? (
        <Text className="sms-login__error sms-login__error--phone">{fieldError('phone')}</Text>
      ) : null}
      <View className="sms-login__row">
        <Input
          className="sms-login__input sms-login__code"
          type="number"
          maxlength={6}
          placeholder="6 位验证码"
          value={fields.code}
          onInput={(e) => fields.setCode(e.detail.value)}
        />
        <Button
          className="sms-login__send"
          disabled={sending || wait > 0 || undefined}
          onClick={() => void fields.requestCode()}
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
    </>
  )
}
