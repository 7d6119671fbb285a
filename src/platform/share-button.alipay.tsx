import { Button } from '@tarojs/components'
import type { ShareButtonProps } from './share-button'

export type { ShareButtonProps }

/** Alipay: the platform's share button; the card itself comes from the page's useShareAppMessage. */
export function ShareButton({ className, children }: ShareButtonProps) {
  return (
    <Button className={className} openType="share">
      {children}
    </Button>
  )
}
