import { useCallback, useMemo, useState } from 'react'
import type { NoticeItem } from '@shared/contracts'
import { usePagedList, type PagedList } from '@/features/mine/paged-list'
import { api } from '@/services/api'
import { toApiError } from '@/services/api-error'
import { refreshUnread, setUnread, unreadCount } from './unread-badge'

export interface RenewedListing {
  validityDays: number
  expiresAt: number
}

export interface NoticeCentre extends PagedList<NoticeItem> {
  /** Unread incident notices: shown above the list, in a card of their own, until read. */
  prominent: NoticeItem[]
  /** Everything else, newest first (a prominent notice joins it once read). */
  rest: NoticeItem[]
  /** The notice opened (expanded), if any. */
  openId: string | null
  /** Opens (or closes) a notice; opening an unread one marks it read. */
  toggle(notice: NoticeItem): Promise<void>
  markingAll: boolean
  markAllRead(): Promise<boolean>
  /** The listing being renewed from a reminder, and those renewed from here. */
  renewing: string | null
  renewed: Record<string, RenewedListing>
  /** Of the last mark or renew. */
  actionError: string | null
  renew(listingId: string): Promise<boolean>
}

/**
 * 消息: the member's notices, newest first, a page at a time. Marking read updates the list and 消息's
 * badge at once; the server's count is asked again afterwards, as other notices may have arrived.
 */
export function useNotices(): NoticeCentre {
  // No kinds: 消息 asks for the newest notices every time it shows (others' actions reach it too).
  const list = usePagedList<NoticeItem>((cursor) => api.notices.listNotices({ cursor }), 'notices', [])
  const { items, update } = list
  const [openId, setOpenId] = useState<string | null>(null)
  const [markingAll, setMarkingAll] = useState(false)
  const [renewing, setRenewing] = useState<string | null>(null)
  const [renewed, setRenewed] = useState<Record<string, RenewedListing>>({})
  const [actionError, setActionError] = useState<string | null>(null)

  const markedRead = useCallback(
    (ids: string[] | 'all') =>
      update((current) =>
        current.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true, prominent: false } : n)),
      ),
    [update],
  )

  const toggle = useCallback(
    async (notice: NoticeItem) => {
      if (openId === notice.id) {
        setOpenId(null)
        return
      }
      setOpenId(notice.id)
      if (notice.read) return
      setActionError(null)
      try {
        await api.notices.markRead({ ids: [notice.id] })
        markedRead([notice.id])
        setUnread(unreadCount() - 1)
        void refreshUnread()
      } catch (thrown) {
        setActionError(toApiError(thrown).message)
      }
    },
    [openId, markedRead],
  )

  const markAllRead = useCallback(async () => {
    setMarkingAll(true)
    setActionError(null)
    try {
      await api.notices.markRead({ all: true })
      markedRead('all')
      setUnread(0)
      return true
    } catch (thrown) {
      setActionError(toApiError(thrown).message)
      return false
    } finally {
      setMarkingAll(false)
    }
  }, [markedRead])

  // One tap: the listing is renewed for the validity it was published with.
  const renew = useCallback(async (listingId: string) => {
    setRenewing(listingId)
    setActionError(null)
    try {
      const { validityDays } = await api.listings.getMyListing({ listingId })
      const listing = await api.listings.renewListing({ listingId, validityDays })
      setRenewed((r) => ({ ...r, [listingId]: { validityDays, expiresAt: listing.expiresAt } }))
      return true
    } catch (thrown) {
      setActionError(toApiError(thrown).message)
      return false
    } finally {
      setRenewing(null)
    }
  }, [])

  const prominent = useMemo(() => items.filter((n) => n.prominent && !n.read), [items])
  const rest = useMemo(() => items.filter((n) => !(n.prominent && !n.read)), [items])

  return {
    ...list,
    prominent,
    rest,
    openId,
    toggle,
    markingAll,
    markAllRead,
    renewing,
    renewed,
    actionError,
    renew,
  }
}
