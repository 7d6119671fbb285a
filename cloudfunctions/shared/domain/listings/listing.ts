import type {
  Category,
  ContactField,
  ExtraField,
  FieldRule,
  ListingDetail,
  ListingField,
  ListingStatus,
  ListingSummary,
  MyListing,
  MyListingDetail,
  ValidityDays,
} from '../../contracts/listings'
import type { StoredDocument } from '../../ports/document-store'
import { maskPhone } from '../../core/mask-phone'
import { UNKNOWN_REGION } from '../../ports/ip-region'

/** A listing as stored. Contact details sit in `contact`; only the listings function releases them. */
export interface ListingDoc extends StoredDocument {
  category: string
  title: string
  description: string
  /** Empty when the poster chose no region (不限地区). */
  province: string
  city: string
  company: string
  brand: string
  /** IP属地 when it was published or last edited (accounts' notePostingRegion); absent on older listings. */
  ipRegion?: string
  /** URLs to show, in order. */
  images: string[]
  /** The storage keys of `images`, same order; absent on demo data, whose images are not ours to delete. */
  imageKeys?: string[]
  /**
   * URLs of the images' small versions, same order as `images`; '' where an image has none. Absent on
   * listings from before thumbnails (and on demo data): the cards then show the images themselves.
   */
  thumbnails?: string[]
  /** The storage keys of `thumbnails`, same order; '' where there is none. */
  thumbnailKeys?: string[]
  /** Keys of images an image check or a moderator keeps off the listing for now (moderated-images.ts). */
  hiddenImages?: string[]
  /** The category's own fields (`Category.extraFields`), by key. */
  extra?: Record<string, string>
  contact: {
    name: string
    phone: string
    wechat: string
    qq: string
    /** The poster's separate consent (PIPL Art. 25) to make each field public; absent means not given. */
    public: { name?: boolean; phone: boolean; wechat: boolean; qq: boolean }
  }
  posterId: string
  /** Stored: pending, published, rejected or takenDown. Expiry is read from `expiresAt`, never stored. */
  status: ListingStatus
  /** While `withheld`: the status to go back to if the poster keeps their account. */
  withheldFrom?: ListingStatus | null
  /** While `hidden` (reported by enough members): the status to go back to if the reports do not hold. */
  hiddenFrom?: ListingStatus | null
  createdAt: number
  updatedAt: number
  publishedAt: number
  expiresAt: number
  viewCount: number
  /** Keyword index (search-terms.ts); never leaves the server. */
  terms?: string[]
  validityDays?: ValidityDays
  /** Why the content check held or rejected it; null once it passed. */
  reviewReason?: string | null
  /** The last refresh (or the creation), for the once-a-day refresh limit. */
  refreshedAt?: number
  /** The device's idempotency key of the submission that created it. */
  clientRequestId?: string
  /** The end date the poster was last reminded of (expiry-reminders.ts). */
  remindedFor?: number | null
  /** Write counter: the precondition of every change, so concurrent edits cannot silently overwrite. */
  rev?: number
}

/**
 * A category as data. `fields` and `extraFields` are optional in storage so a category added by hand
 * with only a name works with the defaults below.
 */
export interface CategoryDoc extends StoredDocument {
  name: string
  order: number
  fields?: Partial<Record<ListingField, Partial<FieldRule>>>
  extraFields?: ExtraField[]
  /** Hidden by an admin (分类管理); absent means shown. */
  hidden?: boolean
}

const SUMMARY_LENGTH = 60
const DAY_MS = 24 * 60 * 60 * 1000
export const REFRESH_INTERVAL_MS = DAY_MS

/** What a category that declares nothing shows: every field, none required beyond the always-required. */
export const DEFAULT_FIELD_RULES: Record<ListingField, FieldRule> = {
  company: { shown: true, required: false },
  brand: { shown: true, required: false },
  region: { shown: true, required: false },
  images: { shown: true, required: false },
  contactName: { shown: true, required: false },
  phone: { shown: true, required: false },
  wechat: { shown: true, required: false },
  qq: { shown: true, required: false },
}

export function isVisible(doc: ListingDoc, now: number): boolean {
  return doc.status === 'published' && doc.expiresAt > now
}

/** The places in `images` others see: all but those a check or a moderator holds back. */
function shownPlaces(doc: ListingDoc): number[] {
  const hidden = new Set(doc.hiddenImages ?? [])
  const keys = doc.imageKeys ?? []
  return doc.images.map((_url, i) => i).filter((i) => !hidden.has(keys[i] ?? ''))
}

/** The images others see: all but those a check or a moderator holds back. */
export function shownImages(doc: ListingDoc): string[] {
  return shownPlaces(doc).map((i) => doc.images[i]!)
}

/**
 * The small version of the image at place `i`: its thumbnail when there is one that no check or
 * moderator holds back (a thumbnail is an upload of its own, checked like the image), else the image.
 */
function thumbnailAt(doc: ListingDoc, i: number): string {
  const key = doc.thumbnailKeys?.[i] ?? ''
  const url = doc.thumbnails?.[i] ?? ''
  if (key === '' || url === '' || (doc.hiddenImages ?? []).includes(key)) return doc.images[i]!
  return url
}

/** Every file a listing names: its images and their thumbnails (what deleting or editing it discards). */
export function fileKeysOf(doc: Pick<ListingDoc, 'imageKeys' | 'thumbnailKeys'>): string[] {
  return [...(doc.imageKeys ?? []), ...(doc.thumbnailKeys ?? []).filter((key) => key !== '')]
}

function cover(doc: ListingDoc, place: number | undefined): Pick<ListingSummary, 'coverImage' | 'coverThumbnail'> {
  if (place === undefined) return { coverImage: null, coverThumbnail: null }
  return { coverImage: doc.images[place]!, coverThumbnail: thumbnailAt(doc, place) }
}

export function isPublic(doc: ListingDoc, field: ContactField): boolean {
  return doc.contact.public[field] === true && doc.contact[field].length > 0
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
    ...cover(doc, shownPlaces(doc)[0]),
    viewCount: doc.viewCount,
    publishedAt: doc.publishedAt,
    expiresAt: doc.expiresAt,
  }
}

/**
 * The public detail. Each contact field shows only with the poster's consent, read at the moment of the
 * request: withdrawing a consent hides the field on the next read everywhere.
 */
export function toDetail(doc: ListingDoc, categories: Map<string, Category>): ListingDetail {
  const { contact } = doc
  const category = categories.get(doc.category)
  const stored = new Map(Object.entries(doc.extra ?? {}))
  const extra = (category?.extraFields ?? [])
    .filter((field) => (stored.get(field.key) ?? '') !== '')
    .map((field) => ({ key: field.key, label: field.label, value: stored.get(field.key) as string }))
  return {
    ...toSummary(doc, namesOf(categories)),
    description: doc.description,
    images: shownImages(doc),
    contactName: isPublic(doc, 'name') ? contact.name : '',
    maskedPhone: isPublic(doc, 'phone') ? maskPhone(contact.phone) : null,
    hasWechat: isPublic(doc, 'wechat'),
    hasQq: isPublic(doc, 'qq'),
    posterId: doc.posterId,
    ipRegion: doc.ipRegion ?? UNKNOWN_REGION,
    extra,
  }
}

/** The status the poster sees: a listing past its validity reads 'expired' whatever it was. */
export function effectiveStatus(doc: ListingDoc, now: number): MyListing['status'] {
  if (doc.expiresAt <= now && doc.status !== 'rejected' && doc.status !== 'removed') return 'expired'
  return doc.status === 'draft' || doc.status === 'expired' ? 'takenDown' : doc.status
}

export function toMyListing(doc: ListingDoc, categoryNames: Map<string, string>, now: number): MyListing {
  return {
    ...toSummary(doc, categoryNames),
    // The poster sees their own images, those a check still holds back from others included.
    ...cover(doc, doc.images.length > 0 ? 0 : undefined),
    status: effectiveStatus(doc, now),
    reviewReason: doc.reviewReason ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    refreshableAt: (doc.refreshedAt ?? doc.createdAt) + REFRESH_INTERVAL_MS,
    validityDays: doc.validityDays ?? 30,
  }
}

/** Everything the edit form needs. Only ever for the poster: it carries the contact in full. */
export function toMyListingDetail(doc: ListingDoc, categoryNames: Map<string, string>, now: number): MyListingDetail {
  const keys = doc.imageKeys ?? []
  const { contact } = doc
  return {
    ...toMyListing(doc, categoryNames, now),
    description: doc.description,
    images: doc.images.map((url, i) => {
      const thumbnailKey = doc.thumbnailKeys?.[i] ?? ''
      return { key: keys[i] ?? '', url, ...(thumbnailKey ? { thumbnailKey } : {}) }
    }),
    region: doc.province && doc.city ? { province: doc.province, city: doc.city } : null,
    extra: { ...(doc.extra ?? {}) },
    contact: {
      name: contact.name,
      phone: contact.phone,
      wechat: contact.wechat,
      qq: contact.qq,
      public: {
        name: contact.public.name === true,
        phone: contact.public.phone === true,
        wechat: contact.public.wechat === true,
        qq: contact.public.qq === true,
      },
    },
  }
}

export function toCategory(doc: CategoryDoc): Category {
  const fields = Object.fromEntries(
    (Object.keys(DEFAULT_FIELD_RULES) as ListingField[]).map((key) => {
      const declared = doc.fields?.[key]
      const shown = declared?.shown ?? DEFAULT_FIELD_RULES[key].shown
      return [key, { shown, required: shown && (declared?.required ?? DEFAULT_FIELD_RULES[key].required) }]
    }),
  ) as Record<ListingField, FieldRule>
  return {
    id: doc._id,
    name: doc.name,
    order: doc.order,
    fields,
    extraFields: doc.extraFields ?? [],
    hidden: doc.hidden === true,
  }
}

export function namesOf(categories: Map<string, Category>): Map<string, string> {
  return new Map([...categories.values()].map((c) => [c.id, c.name]))
}
