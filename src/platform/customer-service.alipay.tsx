import { ContactButton, View, Text } from '@tarojs/components'
import type { CustomerServiceProps } from './customer-service'

export type { CustomerServiceProps }

const tntInstId = process.env.TARO_APP_ALIPAY_TNT_INST_ID ?? ''
const scene = process.env.TARO_APP_ALIPAY_CONTACT_SCENE ?? ''

/**
 * Alipay: 智能客服 (contact-button), when the build was given the enterprise and chat window codes from
 * 支付宝云客服; without them there is no button (the request form is on the same page).
 */
export function CustomerServiceButton({ className }: CustomerServiceProps) {
  if (!tntInstId || !scene) return null
  return (
    <View className={className}>
      <ContactButton tntInstId={tntInstId} scene={scene} size={40} />
      <Text>在线客服</Text>
    </View>
  )
}
