import { Button } from '@tarojs/components'
import type { CustomerServiceProps } from './customer-service'

export type { CustomerServiceProps }

/** WeChat: the built-in 客服 conversation (open-type="contact"), answered in the mini-program's 客服 console. */
export function CustomerServiceButton({ className }: CustomerServiceProps) {
  return (
    <Button className={className} openType="contact">
      在线客服
    </Button>
  )
}
