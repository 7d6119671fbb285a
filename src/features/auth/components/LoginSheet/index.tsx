import { Button, Text, View } from '@tarojs/components'
import { settlePrompt } from '@/features/consent'
import { PhoneLogin } from '@/platform/phone-login'
import { useLoginAttempt } from '../../use-login-attempt'
import './index.scss'
import { dialog, DIALOG_CLOSE } from '@/platform/control-role'

export interface LoginSheetProps {
  reason: string | null
  retried: boolean
}

/**
 * The login sheet: opened only by an action that needs an account, and always with 「取消」 (WeChat's
 * rules for phone login: never at launch, never without a way out).
 */
export function LoginSheet({ reason, retried }: LoginSheetProps) {
  const attempt = useLoginAttempt(retried)
  const cancel = () => {
    if (!attempt.busy) settlePrompt(false)
  }

  return (
    <View className="login-sheet" catchMove>
      {/* Hidden from screen readers and the keyboard: the sheet closes by its own button too. */}
      <View className="login-sheet__mask" aria-hidden="true" onClick={cancel} />
      <View className="login-sheet__panel" {...dialog('登录')}>
        <Text className="login-sheet__title">手机号登录</Text>
        <Text className="login-sheet__reason">
          {reason && reason !== '登录' ? `${reason}需要先登录。` : ''}我们只用手机号为你注册和登录。
        </Text>
        <PhoneLogin busy={attempt.busy} error={attempt.error} run={attempt.run} clearError={attempt.clearError} />
        <Button className="login-sheet__cancel" {...DIALOG_CLOSE} onClick={cancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
