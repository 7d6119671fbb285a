import { useCallback, useEffect, useRef, useState } from 'react'
import { ErrorCode, type ListingDetail } from '@shared/contracts'
import { useNetworkAllowed } from '@/features/consent'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'
import { useReloadWhenChanged } from '@/features/paging'

export interface ListingState {
  listing: ListingDetail | null
  loading: boolean
  error: ApiError | null
  /** Deleted, taken down, expired — or a mangled link whose id is not even valid. */
  notFound: boolean
  reload(): Promise<void>
}

/**
 * The detail of one listing; fetched once the user has answered the consent dialog, not before, and again
 * when its page shows after a change to listings elsewhere (edited, taken down from 我的发布).
 */
export function useListing(id: string | undefined): ListingState {
  const allowed = useNetworkAllowed()
  const [listing, setListing] = useState<ListingDetail | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ApiError | null>(null)
  const latest = useRef(0)
  const loadRef = useRef<() => Promise<void>>(() => Promise.resolve())
  const fresh = useReloadWhenChanged(['listings'], () => loadRef.current())

  const load = useCallback(async () => {
    if (!allowed) return
    const call = ++latest.current
    fresh.markLoaded()
    setLoading(true)
    setError(null)
    try {
      // An absent id is sent through validation like any other: it fails on the device as INVALID_INPUT.
      const detail = await api.listings.getListing({ listingId: id ?? '' })
      if (call !== latest.current) return
      setListing(detail)
    } catch (e) {
      if (call !== latest.current) return
      setListing(null)
      setError(toApiError(e))
    } finally {
      if (call === latest.current) setLoading(false)
    }
  }, [id, allowed, fresh])
  loadRef.current = load

  useEffect(() => {
    void load()
    return () => {
      // A counter, not a DOM node: reading it at cleanup time is the point.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      latest.current++
    }
  }, [load])

  const notFound = error !== null && (error.code === ErrorCode.NotFound || error.code === ErrorCode.InvalidInput)
  return { listing, loading, error, notFound, reload: load }
}
