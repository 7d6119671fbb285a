import type { ListingDetail } from '@shared/contracts'
import { detailPath } from './routes'

export interface ShareCard {
  title: string
  path: string
  imageUrl?: string
}

const FALLBACK_TITLE = '质能视界 · 合作信息'

/**
 * What a share card of a listing carries: its title, the path to its detail (the id only) and its first
 * picture. Built from the public listing alone — never from a revealed contact — so no phone number,
 * WeChat ID, QQ or contact name can end up in a chat or on 朋友圈, whatever the page has revealed.
 */
export function shareCard(id: string | undefined, listing: ListingDetail | null): ShareCard {
  const card: ShareCard = { title: listing?.title ?? FALLBACK_TITLE, path: detailPath(id ?? '') }
  if (listing?.images[0]) card.imageUrl = listing.images[0]
  return card
}

/** 朋友圈 takes a query, not a path: the detail page reads the same `id` from it. */
export function timelineCard(id: string | undefined, listing: ListingDetail | null) {
  const card: { title: string; query: string; imageUrl?: string } = {
    title: listing?.title ?? FALLBACK_TITLE,
    query: `id=${encodeURIComponent(id ?? '')}`,
  }
  if (listing?.images[0]) card.imageUrl = listing.images[0]
  return card
}
