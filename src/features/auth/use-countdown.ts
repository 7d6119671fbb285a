import { useCallback, useEffect, useState } from 'react'

export interface Countdowns {
  /** Seconds left before `key` may do it again (resend a code to this number); 0 when it may. */
  remaining(key: string): number
  start(key: string, seconds: number): void
  /** The wait is over early (the server said the code is dead and a new one may be sent now). */
  clear(key: string): void
}

/**
 * One countdown per key: the resend wait belongs to a phone number, not to the form, so typing another
 * number may ask for its code at once and going back shows the first number's wait.
 */
export function useCountdowns(): Countdowns {
  const [until, setUntil] = useState<Record<string, number>>({})
  const [now, setNow] = useState(() => Date.now())
  const latest = Math.max(0, ...Object.values(until))

  useEffect(() => {
    if (latest <= now) return
    // Measured against the clock, not counted in ticks: a backgrounded page that missed ticks stays right.
    const timer = setTimeout(() => setNow(Date.now()), 1000)
    return () => clearTimeout(timer)
  }, [latest, now])

  const start = useCallback((key: string, seconds: number) => {
    const started = Date.now()
    setNow(started)
    setUntil((current) => ({ ...current, [key]: started + seconds * 1000 }))
  }, [])

  const clear = useCallback((key: string) => {
    setUntil(({ [key]: _cleared, ...rest }) => rest)
  }, [])

  const remaining = useCallback((key: string) => Math.max(0, Math.ceil(((until[key] ?? 0) - now) / 1000)), [until, now])

  return { remaining, start, clear }
}
