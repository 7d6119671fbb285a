import { useCallback, useEffect, useRef, useState } from 'react'
import { describeLoginError } from '@/features/auth'
import { useNetworkAllowed } from '@/features/consent'
import { useReloadWhenChanged } from '@/features/paging'
import type { DataKind } from '@/services/data-changes'

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
 * network use yet) loads nothing. Shown again after a kind of data in `shows` changed, it loads again.
 */
export function useLoaded<T>(load: () => Promise<T>, enabled: boolean, shows: readonly DataKind[] = []): Loaded<T> {
  const allowed = useNetworkAllowed()
  const [data, setData] = useState<T | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(0)
  const loader = useRef(load)
  loader.current = load
  const active = enabled && allowed
  const refreshRef = useRef<() => Promise<void>>(() => Promise.resolve())
  const fresh = useReloadWhenChanged(shows, () => refreshRef.current())

  const refresh = useCallback(async () => {
    if (!active) return
    const request = ++latest.current
    fresh.markLoaded()
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
  }, [active, fresh])
  refreshRef.current = refresh

  useEffect(() => {
    if (active) void refresh()
    else setData(null)
  }, [active, refresh])

  return { data, loading, error, refresh }
}
