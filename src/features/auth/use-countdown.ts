import { useCallback, useEffect, useState } from 'react'

/** Seconds left before something may happen again (resending a code); 0 when it may. */
export function useCountdown(): { remaining: number; start(seconds: number): void } {
  const [until, setUntil] = useState(0)
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => {
    if (until <= now) return
    // Measured against the clock, not counted in ticks: a backgrounded page that missed ticks stays right.
    const timer = setTimeout(() => setNow(Date.now()), 1000)
    return () => clearTimeout(timer)
  }, [until, now])

  const start = useCallback((seconds: number) => {
    const started = Date.now()
    setNow(started)
    setUntil(started + seconds * 1000)
  }, [])

  return { remaining: Math.max(0, Math.ceil((until - now) / 1000)), start }
}
