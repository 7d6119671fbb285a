import { SmsLoginForm } from '@/features/auth/components/SmsLoginForm'
import type { PhoneLoginProps } from '@/features/auth/components/LoginSheet/phone-login-props'

/** H5 / self-hosted: no platform vouches for a phone number, so an SMS code proves it. */
export function PhoneLogin(props: PhoneLoginProps) {
  return <SmsLoginForm {...props} />
}
