import { Button, Text, View } from '@tarojs/components'
import { parseAlipayPhoneResponse } from '@/features/auth/login'
import { UserNotice } from '@/features/auth/user-notice'
import type { DeletionProofProps } from './deletion-proof-types'
import { getPhoneResponse } from './phone-login.alipay'

/** Alipay: the phone-number authorization as the other proof, read and checked like the login's. */
export function DeletionProof({ busy, error, submitProof }: DeletionProofProps) {
  const prove = async () => {
    try {
      return { alipayPhone: parseAlipayPhoneResponse((await getPhoneResponse()).response) }
    } catch {
      throw new UserNotice('暂时无法获取手机号，请稍后再试或改用短信验证码')
    }
  }
  return (
    <View className="deletion-proof">
      <Text className="deletion-proof__or">或者</Text>
      <Button
        className="deletion-proof__button"
        openType="getAuthorize"
        scope="phoneNumber"
        disabled={busy || undefined}
        onGetAuthorize={() => void submitProof('alipay', prove)}
        onError={() =>
          void submitProof('alipay', async () => {
            throw new UserNotice('你已取消手机号授权，也可以改用短信验证码')
          })
        }
      >
        用支付宝绑定的手机号验证
      </Button>
      {error ? <Text className="deletion-proof__error">{error}</Text> : null}
    </View>
  )
}
