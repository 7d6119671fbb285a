import type { ReactNode } from 'react'
import { Button } from '@tarojs/components'

export interface AgreeButtonProps {
  className: string
  /** The user agreed; `buttonId` is set when the platform itself confirmed the tap. */
  onAgree(buttonId?: string): void
  children: ReactNode
}

/** H5 and Alipay: an ordinary button; nothing but our own dialog records the agreement. */
export function AgreeButton({ className, onAgree, children }: AgreeButtonProps) {
  return (
    <Button className={className} onClick={() => onAgree()}>
      {children}
    </Button>
  )
}
