import { useCallback, useState } from 'react'
import type { FavouriteItem } from '@shared/contracts'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'
import { usePagedList, type PagedList } from './paged-list'

export interface Favourites extends PagedList<FavouriteItem> {
  actionError: ApiError | null
  remove(listingId: string): Promise<void>
  clear(): Promise<void>
}

/** The member's favourites, kept on the server; a listing gone since stays listed as unavailable. */
export function useFavourites(): Favourites {
  const list = usePagedList<FavouriteItem>((cursor) => api.interactions.listFavourites({ cursor }), 'favourites', [
    'favourites',
    'listings',
  ])
  const [actionError, setActionError] = useState<ApiError | null>(null)
  const { update } = list

  const remove = useCallback(
    async (listingId: string) => {
      setActionError(null)
      try {
        await api.interactions.removeFavourite({ listingId })
        update((items) => items.filter((item) => item.listingId !== listingId))
      } catch (thrown) {
        setActionError(toApiError(thrown))
      }
    },
    [update],
  )

  const clear = useCallback(async () => {
    setActionError(null)
    try {
      await api.interactions.clearFavourites()
      update(() => [])
    } catch (thrown) {
      setActionError(toApiError(thrown))
    }
  }, [update])

  return { ...list, actionError, remove, clear }
}
