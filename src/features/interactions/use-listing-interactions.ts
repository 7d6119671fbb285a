import { useCallback, useEffect, useRef, useState } from 'react'
import type { ListingInteractions, MyReport, ReportReason } from '@shared/contracts'
import { ensureLoggedIn, useSession } from '@/features/auth'
import { useNetworkAllowed } from '@/features/consent'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'
import { useReloadWhenChanged } from '@/features/paging'

export interface InteractionsState {
  /** null until loaded (or when loading failed: the buttons still work, they log in and ask). */
  interactions: ListingInteractions | null
  favouriting: boolean
  /** Of the last favourite/report attempt, for a toast. */
  error: ApiError | null
  toggleFavourite(): Promise<void>
  /**
   * Resolves the stored report, or null when the user cancelled the login; a refusal rejects with an
   * ApiError carrying the message to show.
   */
  report(reason: ReportReason, note: string): Promise<MyReport | null>
  reload(): Promise<void>
}

/**
 * The caller's relation to one listing (favourited? reported? poster?), asked again whenever the
 * member changes (a login on this page, a logout elsewhere).
 */
export function useListingInteractions(listingId: string | undefined, enabled = true): InteractionsState {
  const allowed = useNetworkAllowed() && enabled
  const session = useSession()
  const userId = session?.profile.userId ?? null
  const [interactions, setInteractions] = useState<ListingInteractions | null>(null)
  const [favouriting, setFavouriting] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const latest = useRef(0)
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const loadRef = useRef<() => Promise<void>>(() => Promise.resolve())
  // Favourited or revealed on another page (another detail, 我的收藏): asked again when shown again.
  const fresh = useReloadWhenChanged(['favourites', 'reveals'], () => loadRef.current())

  const load = useCallback(async () => {
    if (!allowed || !listingId) return
    const call = ++latest.current
    fresh.markLoaded()
    try {
      const answer = await api.interactions.getListingInteractions({ listingId })
      if (call === latest.current && mounted.current) setInteractions(answer)
    } catch {
      // Not fatal: the listing still shows; the buttons work from a blank state.
      if (call === latest.current && mounted.current) setInteractions(null)
    }
    // userId: a login or logout changes every answer.
  }, [allowed, listingId, userId]) // eslint-disable-line react-hooks/exhaustive-deps
  loadRef.current = load

  useEffect(() => {
    void load()
  }, [load])

  const toggleFavourite = useCallback(async () => {
    if (!listingId || favouriting) return
    if (!(await ensureLoggedIn('收藏'))) return
    setFavouriting(true)
    setError(null)
    // The answer to getListingInteractions may predate the login: ask the server what is true now.
    const wasFavourited = interactions?.loggedIn ? interactions.favourited : await currentlyFavourited(listingId)
    try {
      if (wasFavourited) await api.interactions.removeFavourite({ listingId })
      else await api.interactions.addFavourite({ listingId })
      if (mounted.current) {
        setInteractions((s) => (s ? { ...s, loggedIn: true, favourited: !wasFavourited } : s))
      }
    } catch (thrown) {
      if (mounted.current) setError(toApiError(thrown))
    } finally {
      if (mounted.current) setFavouriting(false)
    }
  }, [listingId, favouriting, interactions])

  const report = useCallback(
    async (reason: ReportReason, note: string) => {
      if (!listingId) return null
      if (!(await ensureLoggedIn('举报'))) return null
      setError(null)
      try {
        const stored = await api.interactions.reportListing({ listingId, reason, note })
        if (mounted.current) {
          setInteractions((s) =>
            s ? { ...s, myReport: { id: stored.id, status: stored.status, statusLabel: stored.statusLabel } } : s,
          )
        }
        return stored
      } catch (thrown) {
        // Always an ApiError, whose message is meant for the user: the sheet shows it as it is.
        const error = toApiError(thrown)
        if (mounted.current) setError(error)
        throw error
      }
    },
    [listingId],
  )

  return { interactions, favouriting, error, toggleFavourite, report, reload: load }
}

async function currentlyFavourited(listingId: string): Promise<boolean> {
  try {
    return (await api.interactions.getListingInteractions({ listingId })).favourited
  } catch {
    return false
  }
}
