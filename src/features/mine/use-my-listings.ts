import { useCallback, useState } from 'react'
import type { ContactField, MyListing, MyListingDetail, ValidityDays } from '@shared/contracts'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'
import { usePagedList, type PagedList } from './paged-list'

export type MyListingAction = 'takeDown' | 'republish' | 'refresh' | 'delete'

export interface MyListings extends PagedList<MyListing> {
  /** The listing an action is running for, to show its buttons as busy. */
  busyId: string | null
  actionError: ApiError | null
  run(id: string, action: MyListingAction): Promise<boolean>
  renew(id: string, days: ValidityDays): Promise<boolean>
  /** The poster's own full listing (contacts unmasked), for 「撤回公开」. */
  details: Record<string, MyListingDetail>
  loadDetail(id: string): Promise<void>
  /** Withdraws the separate consent for one contact field: hidden everywhere at once (PIPL Art. 15). */
  withdrawContact(id: string, field: ContactField): Promise<boolean>
}

/** 「我的发布」: every listing of the member, whatever its status, and what they can do with each. */
export function useMyListings(): MyListings {
  const list = usePagedList<MyListing>((cursor) => api.listings.listMyListings({ cursor }), 'mine', ['listings'])
  const [busyId, setBusyId] = useState<string | null>(null)
  const [actionError, setActionError] = useState<ApiError | null>(null)
  const [details, setDetails] = useState<Record<string, MyListingDetail>>({})
  const { update } = list

  const apply = useCallback(
    (saved: MyListingDetail) => {
      update((items) => items.map((item) => (item.id === saved.id ? { ...item, ...summaryOf(saved) } : item)))
      setDetails((d) => (d[saved.id] ? { ...d, [saved.id]: saved } : d))
    },
    [update],
  )

  const attempt = useCallback(async (id: string, call: () => Promise<void>) => {
    setBusyId(id)
    setActionError(null)
    try {
      await call()
      return true
    } catch (thrown) {
      setActionError(toApiError(thrown))
      return false
    } finally {
      setBusyId(null)
    }
  }, [])

  const run = useCallback(
    (id: string, action: MyListingAction) =>
      attempt(id, async () => {
        if (action === 'delete') {
          await api.listings.deleteListing({ listingId: id })
          update((items) => items.filter((item) => item.id !== id))
          return
        }
        const call =
          action === 'takeDown'
            ? api.listings.takeDownListing
            : action === 'republish'
              ? api.listings.republishListing
              : api.listings.refreshListing
        apply(await call({ listingId: id }))
      }),
    [attempt, apply, update],
  )

  const renew = useCallback(
    (id: string, days: ValidityDays) =>
      attempt(id, async () => apply(await api.listings.renewListing({ listingId: id, validityDays: days }))),
    [attempt, apply],
  )

  const loadDetail = useCallback(
    async (id: string) => {
      await attempt(id, async () => {
        const detail = await api.listings.getMyListing({ listingId: id })
        setDetails((d) => ({ ...d, [id]: detail }))
      })
    },
    [attempt],
  )

  const withdrawContact = useCallback(
    (id: string, field: ContactField) =>
      attempt(id, async () => {
        const saved = await api.listings.setContactVisibility({ listingId: id, field, public: false })
        setDetails((d) => ({ ...d, [id]: saved }))
        apply(saved)
      }),
    [attempt, apply],
  )

  return { ...list, busyId, actionError, run, renew, details, loadDetail, withdrawContact }
}

/** A saved listing as the list shows it (the detail carries more than the card needs). */
function summaryOf(saved: MyListingDetail): MyListing {
  const { description: _d, images: _i, region: _r, extra: _e, contact: _c, ...summary } = saved
  return summary
}
