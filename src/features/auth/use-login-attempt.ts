import { useCallback, useEffect, useRef, useState } from 'react'
import { settlePrompt } from '@/features/consent'
import { describeLoginError, type LoginError } from './login-errors'
import { reportConsentRefusal } from './login-flow'

export interface LoginAttempt {
  busy: boolean
  error: LoginError | null
  /** Runs one login; success closes the sheet, a failure is shown in it. One at a time. */
  run(attempt: () => Promise<unknown>): Promise<void>
  clearError(): void
}

export function useLoginAttempt(retried: boolean): LoginAttempt {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<LoginError | null>(null)
  const running = useRef(false)
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(
    async (attempt: () => Promise<unknown>) => {
      if (running.current) return
      running.current = true
      setBusy(true)
      setError(null)
      try {
        await attempt()
        settlePrompt(true)
      } catch (thrown) {
        const described = describeLoginError(thrown)
        if (described.consent && !retried) reportConsentRefusal(described.consent)
        else if (mounted.current) setError(described)
      } finally {
        running.current = false
        if (mounted.current) setBusy(false)
      }
    },
    [retried],
  )

  const clearError = useCallback(() => setError(null), [])
  return { busy, error, run, clearError }
}
