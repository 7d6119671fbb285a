import { Button } from '@tarojs/components'
import { platformAuthorizationPending } from '@/features/consent/platform-authorization'
import type { AgreeButtonProps } from './agree-button'

export type { AgreeButtonProps }

export const AGREE_BUTTON_ID = 'zn-privacy-agree'

/**
 * WeChat: `agreePrivacyAuthorization` makes the same tap WeChat's privacy agreement. While a privacy API
 * is paused, WeChat must see its agree event before we answer (it checks that this button was tapped), so
 * that event, not the tap, completes the agreement then; otherwise the tap does.
 */
export function AgreeButton({ className, onAgree, children }: AgreeButtonProps) {
  return (
    <Button
      id={AGREE_BUTTON_ID}
      className={className}
      openType="agreePrivacyAuthorization"
      onClick={() => {
        if (!platformAuthorizationPending()) onAgree()
      }}
      onAgreePrivacyAuthorization={() => {
        if (platformAuthorizationPending()) onAgree(AGREE_BUTTON_ID)
      }}
    >
      {children}
    </Button>
  )
}
