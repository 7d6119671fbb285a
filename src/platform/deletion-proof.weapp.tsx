import { Button, Text, View } from '@tarojs/components'
import { wechatRefusalMessage } from '@/features/auth/login'
import { UserNotice } from '@/features/auth/user-notice'
import type { DeletionProofProps } from './deletion-proof-types'

const REFUSAL_WORDS = { use: '微信手机号验证', again: '也可以改用短信验证码' }

/** WeChat: the getPhoneNumber button as the other proof; its one-time code goes to the server. */
export function DeletionProof({ busy, error, submitProof }: DeletionProofProps) {
  return (
    <View className="deletion-proof">
      <Text className="deletion-proof__or">或者</Text>
      <Button
        className="deletion-proof__button"
        openType="getPhoneNumber"
        disabled={busy || undefined}
        onGetPhoneNumber={(e) =>
          void submitProof('wechat', async () => {
            if (!e.detail.code) throw new UserNotice(wechatRefusalMessage(e.detail, REFUSAL_WORDS))
            return { wechatPhoneCode: e.detail.code }
          })
        }
      >
        用微信绑定的手机号验证
      </Button>
      {error ? <Text className="deletion-proof__error">{error}</Text> : null}
    </View>
  )
}
