import type { Category, ListingDetail, ListingStatus, ListingSummary } from '../../contracts/listings'
import type { StoredDocument } from '../../ports/document-store'
import { maskPhone } from '../common/mask-phone'

/** A listing as stored. Contact details sit in `contact`; only the listings function releases them. */
export interface ListingDoc extends StoredDocument {
  category: string
  title: string
  description: string
  province: string
  city: string
  company: string
  brand: string
  images: string[]
  contact: {
    name: string
    phone: string
    wechat: string
    qq: string
    /** The poster's separate consent (PIPL Art. 25) to make each field public. */
    public: { phone: boolean; wechat: boolean; qq: boolean }
  }
  posterId: string
  status: ListingStatus
  createdAt: number
  updatedAt: number
  publishedAt: number
  expiresAt: number
  viewCount: number
}

export interface CategoryDoc extends StoredDocument {
  name: string
  order: number
}

const SUMMARY_LENGTH = 60

export function isVisible(doc: ListingDoc, now: number): boolean {
  return doc.status === 'published' && doc.expiresAt > now
}

export function toSummary(doc: ListingDoc, categoryNames: Map<string, string>): ListingSummary {
  const description = doc.description.replace(/\s+/g, ' ').trim()
  return {
    id: doc._id,
    category: doc.category,
    categoryName: categoryNames.get(doc.category) ?? '其他',
    title: doc.title,
    summary: description.length > SUMMARY_LENGTH ? `${description.slice(0, SUMMARY_LENGTH)}…` : description,
    city: doc.city,
    province: doc.province,
    company: doc.company,
    brand: doc.brand,
    coverImage: doc.images[0] ?? null,
    viewCount: doc.viewCount,
    publishedAt: doc.publishedAt,
    expiresAt: doc.expiresAt,
  }
}

export function toDetail(doc: ListingDoc, categoryNames: Map<string, string>): ListingDetail {
  const { contact } = doc
  return {
    ...toSummary(doc, categoryNames),
    description: doc.description,
    images: doc.images,
    contactName: contact.name,
    maskedPhone: contact.public.phone && contact.phone ? maskPhone(contact.phone) : null,
    hasWechat: contact.public.wechat && contact.wechat.length > 0,
    hasQq: contact.public.qq && contact.qq.length > 0,
    posterId: doc.posterId,
  }
}

export function toCategory(doc: CategoryDoc): Category {
  return { id: doc._id, name: doc.name, order: doc.order }
}
