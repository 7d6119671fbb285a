import type { LoginAttempt } from '../../use-login-attempt'

/** What every platform's login control gets from the sheet. */
export type PhoneLoginProps = Pick<LoginAttempt, 'busy' | 'error' | 'run' | 'clearError'>
