import { useCallback, useEffect, useRef, useState } from 'react'
import { describeLoginError } from '@/features/auth'
import { useNetworkAllowed } from '@/features/consent'

export interface Loaded<T> {
  data: T | null
  loading: boolean
  error: string | null
  /** Loads again (pull-to-refresh, 重试, after a change); resolves when done. */
  refresh(): Promise<void>
}

/**
 * One answer from the server for a page: loading, then the data or a Chinese error with a retry. An
 * answer that arrives after a newer request started is dropped. `enabled` false (a guest, no consent to
 * network use yet) loads nothing.
 */
export function useLoaded<T>(load: () => Promise<T>, enabled: boolean): Loaded<T> {
  const allowed = useNetworkAllowed()
  const [data, setData] = useState<T | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(0)
  const loader = useRef(load)
  loader.current = load
  const active = enabled && allowed

  const refresh = useCallback(async () => {
    if (!active) return
    const request = ++latest.current
    setLoading(true)
    setError(null)
    try {
      const answer = await loader.current()
      if (request === latest.current) setData(answer)
    } catch (thrown) {
      if (request === latest.current) setError(describeLoginError(thrown).message)
    } finally {
      if (request === latest.current) setLoading(false)
    }
  }, [active])

  useEffect(() => {
    if (active) void refresh()
    else setData(null)
  }, [active, refresh])

  return { data, loading, error, refresh }
}
