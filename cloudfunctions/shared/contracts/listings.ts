import * as v from 'valibot'
import { cleanSingleLine, PlainText } from './text'
import { isCityOf, PROVINCE_NAMES } from '../data/regions'
import { action, CursorSchema, IdOf, IdSchema, PageSizeSchema, type Page } from './common'

/** `withheld`: the poster asked to cancel their account; shown to no one until they undo it or the purge runs. */
export type ListingStatus =
  | 'draft'
  | 'pending'
  | 'published'
  | 'rejected'
  | 'takenDown'
  | 'expired'
  | 'withheld'
  /** Reported by enough members: shown to nobody until a moderator looks. */
  | 'hidden'
  /** Taken down by a moderator: only an appeal or a moderator brings it back. */
  | 'removed'

/** What a feed card shows. Never carries contact details. */
export interface ListingSummary {
  id: string
  category: string
  categoryName: string
  title: string
  summary: string
  city: string
  province: string
  company: string
  brand: string
  coverImage: string | null
  /** The cover's small version for the card; the cover itself where the upload has none (older listings). */
  coverThumbnail: string | null
  viewCount: number
  publishedAt: number
  expiresAt: number
}

/** A category-specific field's value on the detail page, labelled as its category names it. */
export interface ExtraFieldValue {
  key: string
  label: string
  value: string
}

/** The public detail. Contact details are masked here; revealing them is its own logged action. */
export interface ListingDetail extends ListingSummary {
  description: string
  images: string[]
  /** Empty unless the poster consented to publish it (PIPL Art. 25). */
  contactName: string
  /** e.g. 138****1234, or null when the poster did not publish a phone. */
  maskedPhone: string | null
  hasWechat: boolean
  hasQq: boolean
  posterId: string
  /** IP属地: the province (abroad: the country) it was posted from, 「未知」 when unknown. */
  ipRegion: string
  /** The category's own fields (e.g. 投资金额), in the category's order; only those filled in. */
  extra: ExtraFieldValue[]
}

/** The fields every category may show or require; title and description are always shown and required. */
export const LISTING_FIELDS = ['company', 'brand', 'region', 'images', 'contactName', 'phone', 'wechat', 'qq'] as const
export type ListingField = (typeof LISTING_FIELDS)[number]

export interface FieldRule {
  shown: boolean
  /** Only meaningful when shown. */
  required: boolean
}

/** A text field only this category collects, e.g. 品牌招商 → 加盟费用. */
export interface ExtraField {
  key: string
  label: string
  required: boolean
  maxLength: number
  placeholder: string
}

/**
 * A category as data (the policy: different categories collect different information). The publish form
 * shows exactly `fields` marked shown and `extraFields`; the server refuses anything else.
 */
export interface Category {
  id: string
  name: string
  order: number
  fields: Record<ListingField, FieldRule>
  extraFields: ExtraField[]
  /**
   * Hidden by an admin (分类管理): gone from the feed tabs and the publish form; its listings stay as they
   * are and can still be edited. The public list never contains a hidden category.
   */
  hidden: boolean
}

export const LISTING_LIMITS = {
  titleMin: 5,
  titleMax: 40,
  descriptionMin: 10,
  descriptionMax: 2000,
  company: 50,
  brand: 30,
  contactName: 20,
  images: 9,
  extraMax: 200,
  keywordMax: 30,
} as const

export const VALIDITY_DAYS = [7, 30, 90] as const
export type ValidityDays = (typeof VALIDITY_DAYS)[number]

export const LISTING_IMAGE_MAX_BYTES = 2 * 1024 * 1024
export const LISTING_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

export const CONTACT_FIELDS = ['name', 'phone', 'wechat', 'qq'] as const
export type ContactField = (typeof CONTACT_FIELDS)[number]

export interface ListingImage {
  /** What publish and edit send back: the key `uploadListingImage` returned. */
  key: string
  url: string
  /** The key of its small version (uploaded beside it, a listing image of its own), when there is one. */
  thumbnailKey?: string | null
}

export interface ListingContact {
  name: string
  phone: string
  wechat: string
  qq: string
  /** The poster's separate consent (PIPL Art. 25) to make each field public; false unless ticked. */
  public: Record<ContactField, boolean>
}

export interface Region {
  province: string
  city: string
}

/**
 * One of the member's own listings as「我的发布」lists it. `status` is what the member sees: a listing
 * whose validity ran out reads 'expired' whatever it was; `reviewReason` says why it was rejected or held.
 */
export interface MyListing extends ListingSummary {
  status: Exclude<ListingStatus, 'draft'>
  reviewReason: string | null
  createdAt: number
  updatedAt: number
  /** When refreshListing is next allowed (≤ once per 24 h). */
  refreshableAt: number
  validityDays: ValidityDays
}

/** Everything the edit form needs, unmasked: only ever returned to the poster. */
export interface MyListingDetail extends MyListing {
  description: string
  images: ListingImage[]
  region: Region | null
  extra: Record<string, string>
  contact: ListingContact
}

/** A single-line text field of a listing (the one text policy, contracts/text.ts). */
export const TextSchema = (label: string, min: number, max: number) => PlainText(label, min, max)

const OptionalText = (label: string, max: number) => v.optional(TextSchema(label, 0, max), '')

const DescriptionSchema = PlainText('合作需求描述', LISTING_LIMITS.descriptionMin, LISTING_LIMITS.descriptionMax, {
  multiline: true,
})

/** An optional contact value: empty, or in its format. */
const ContactValue = (label: string, pattern: RegExp, message: string) =>
  v.optional(
    v.pipe(
      v.string(`${label}必须是文本`),
      v.trim(),
      v.check((s) => s === '' || pattern.test(s), message),
    ),
    '',
  )

export const CONTACT_PATTERNS = {
  phone: /^1[3-9]\d{9}$/,
  wechat: /^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/,
  qq: /^[1-9]\d{4,11}$/,
} as const

const ConsentFlag = (label: string) => v.optional(v.boolean(`${label}的公开选项必须是是或否`), false)

export const ContactSchema = v.strictObject(
  {
    name: OptionalText('联系人', LISTING_LIMITS.contactName),
    phone: ContactValue('手机号', CONTACT_PATTERNS.phone, '请输入正确的 11 位手机号'),
    wechat: ContactValue('微信号', CONTACT_PATTERNS.wechat, '微信号须以字母开头，6–20 位字母、数字、- 或 _'),
    qq: ContactValue('QQ 号', CONTACT_PATTERNS.qq, '请输入正确的 QQ 号（5–12 位数字）'),
    public: v.optional(
      v.strictObject(
        {
          name: ConsentFlag('联系人'),
          phone: ConsentFlag('手机号'),
          wechat: ConsentFlag('微信号'),
          qq: ConsentFlag('QQ 号'),
        },
        '联系方式公开选项包含不支持的字段',
      ),
      {},
    ),
  },
  '联系方式包含不支持的字段',
)

export const CategoryIdSchema = v.pipe(
  v.string('分类必须是文本'),
  v.maxLength(32, '分类编号过长'),
  v.regex(/^[a-z][a-z0-9-]*$/, '分类编号格式不正确'),
)

const CitySchema = v.pipe(v.string('城市必须是文本'), v.minLength(1, '城市不能为空'), v.maxLength(20, '城市名称过长'))

export const RegionSchema = v.pipe(
  v.strictObject(
    {
      province: v.picklist(PROVINCE_NAMES, '请选择正确的省份'),
      city: CitySchema,
    },
    '地区包含不支持的字段',
  ),
  v.forward(
    v.partialCheck([['province'], ['city']], (r) => isCityOf(r.province, r.city), '请选择该省份下的城市'),
    ['city'],
  ),
)

/** A key `uploadListingImage` handed out: the server also checks it is the caller's own upload. */
export const ImageKeySchema = v.pipe(
  v.string('图片必须是上传后返回的编号'),
  v.regex(/^listings\/[A-Za-z0-9_-]{1,64}\/[0-9a-f]{24}\.(jpg|png|webp)$/, '图片编号格式不正确'),
)

const ImagesSchema = v.optional(
  v.pipe(
    v.array(ImageKeySchema, '图片必须是列表'),
    v.maxLength(LISTING_LIMITS.images, `最多上传 ${LISTING_LIMITS.images} 张图片`),
    v.check((keys) => new Set(keys).size === keys.length, '同一张图片不能重复添加'),
  ),
  [],
)

/**
 * The small version of each image, same order as `images`: a key `uploadListingImage` handed out for the
 * device's second, smaller encoding, or null where there is none (the card then shows the image itself).
 */
const ThumbnailsSchema = v.optional(
  v.pipe(
    v.array(v.nullable(ImageKeySchema), '缩略图必须是列表'),
    v.maxLength(LISTING_LIMITS.images, `最多上传 ${LISTING_LIMITS.images} 张缩略图`),
  ),
  [],
)

const EXTRA_KEY = /^[a-z][a-zA-Z0-9]{0,31}$/
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Whether `key` may name a category's own field (and so a key of a listing's `extra`). */
export const isExtraFieldKey = (key: string): boolean => !FORBIDDEN_KEYS.has(key) && EXTRA_KEY.test(key)

/**
 * The category's own fields as `{ key: value }`. Which keys are allowed is the category's business
 * (checked on the server against the category document); here only their shape. `v.record` alone would
 * drop a `__proto__` key silently, so such keys are refused first, naming them.
 */
const ExtraSchema = v.optional(
  v.pipe(
    v.unknown(),
    v.rawCheck(({ dataset, addIssue }) => {
      const value = dataset.value
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return
      for (const key of Object.keys(value)) {
        if (!isExtraFieldKey(key)) {
          addIssue({
            message: '补充信息包含不支持的字段',
            path: [{ type: 'object', origin: 'value', input: value as Record<string, unknown>, key, value: null }],
          })
        }
      }
    }),
    v.record(v.string(), TextSchema('补充信息', 0, LISTING_LIMITS.extraMax), '补充信息格式不正确'),
  ),
  {},
)

const ValiditySchema = v.picklist(VALIDITY_DAYS, '有效期只能是 7、30 或 90 天')

/** Idempotency key made on the device per submission: a retry with it never creates a second listing. */
export const ClientRequestIdSchema = v.pipe(
  v.string('请求编号必须是文本'),
  v.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确'),
)

/** The content of a listing, as publish and edit send it; the category decides what must be there. */
const ListingContentEntries = {
  category: CategoryIdSchema,
  title: TextSchema('标题', LISTING_LIMITS.titleMin, LISTING_LIMITS.titleMax),
  description: DescriptionSchema,
  region: v.optional(v.nullable(RegionSchema), null),
  company: OptionalText('公司名称', LISTING_LIMITS.company),
  brand: OptionalText('品牌名称', LISTING_LIMITS.brand),
  images: ImagesSchema,
  thumbnails: ThumbnailsSchema,
  extra: ExtraSchema,
  contact: ContactSchema,
}

const UNSUPPORTED = '请求参数包含不支持的字段'

export const CreateListingInput = v.strictObject(
  { clientRequestId: ClientRequestIdSchema, ...ListingContentEntries, validityDays: ValiditySchema },
  UNSUPPORTED,
)

const ListingIdSchema = IdOf('信息编号')

/**
 * A request about one listing: `{ listingId, … }`, the name every function uses. Installed mini-program
 * versions still send the old `{ id, … }` for one release; it is accepted and read as `listingId`.
 */
function ListingRef<E extends v.ObjectEntries>(entries: E) {
  const current = v.strictObject({ listingId: ListingIdSchema, ...entries }, UNSUPPORTED)
  type Current = v.InferInput<typeof current>
  /** What older clients send: the same with `id` for `listingId`. */
  type Legacy = Omit<Current, 'listingId'> & { id: string }
  // Renamed first, then checked as the current shape, so every message names the field as it is now.
  return v.pipe(
    v.custom<Current | Legacy>(() => true),
    v.transform((input): Current => {
      const record = input as unknown
      // Anything but a plain object, or one that already names `listingId`, is checked as it came.
      if (typeof record !== 'object' || record === null || Array.isArray(record)) return input as Current
      if (!('id' in record) || 'listingId' in record) return input as Current
      const { id, ...rest } = record as Record<string, unknown>
      return { ...rest, listingId: id } as Current
    }),
    current,
  )
}

export const UpdateListingInput = ListingRef(ListingContentEntries)

export const ListingIdInput = ListingRef({})

export const RenewListingInput = ListingRef({ validityDays: ValiditySchema })

export const SetContactVisibilityInput = ListingRef({
  field: v.picklist(CONTACT_FIELDS, '联系方式字段不正确'),
  public: v.boolean('公开选项必须是是或否'),
})

export const ListMyListingsInput = v.optional(
  v.strictObject({ cursor: CursorSchema, pageSize: PageSizeSchema }, UNSUPPORTED),
  {},
)

export const UploadListingImageInput = v.strictObject(
  {
    mimeType: v.picklist(LISTING_IMAGE_TYPES, '图片仅支持 JPG、PNG 或 WebP 格式'),
    /** Base64 of the (already compressed, EXIF-stripped) bytes; the server checks the type from the bytes. */
    data: v.pipe(
      v.string('图片数据必须是文本'),
      v.minLength(1, '图片数据不能为空'),
      v.maxLength(Math.ceil((LISTING_IMAGE_MAX_BYTES * 4) / 3) + 4, '图片不能超过 2 MB'),
      v.regex(/^[A-Za-z0-9+/]+={0,2}$/, '图片数据格式不正确'),
    ),
  },
  UNSUPPORTED,
)

export const KeywordSchema = v.pipe(
  v.string('搜索关键词必须是文本'),
  v.transform(cleanSingleLine),
  v.trim(),
  v.minLength(1, '请输入搜索关键词'),
  v.maxLength(LISTING_LIMITS.keywordMax, `搜索关键词不能超过 ${LISTING_LIMITS.keywordMax} 个字`),
)

/** The feed's and search's orders: newest first (the default), or most viewed first, ties newest first. */
export const LISTING_ORDERS = ['latest', 'views'] as const
export type ListingOrder = (typeof LISTING_ORDERS)[number]

export const ListListingsInput = v.strictObject(
  {
    category: v.optional(CategoryIdSchema),
    province: v.optional(v.picklist(PROVINCE_NAMES, '请选择正确的省份')),
    city: v.optional(CitySchema),
    /** Words of title, description, company and brand; all of them must occur. */
    keyword: v.optional(KeywordSchema),
    /** The poster's other listings (detail page). */
    posterId: v.optional(IdSchema),
    /** 最新 (default) or 最多浏览; a cursor belongs to the order it was made in. */
    order: v.optional(v.picklist(LISTING_ORDERS, '排序方式（order）只能是「最新」或「最多浏览」')),
    cursor: CursorSchema,
    pageSize: PageSizeSchema,
  },
  UNSUPPORTED,
)

export const GetListingInput = ListingRef({})

/** The detail page's poster card: what other members already see of the poster, never a phone or an id. */
export interface PosterCard {
  nickname: string
  avatarUrl: string | null
  companyName: string
  /** When the poster's account was created; null for a demo listing without an account. */
  memberSince: number | null
  /** Listings of theirs showing now. */
  publishedCount: number
  /** IP属地 of their latest listing or comment, 「未知」 before any. */
  ipRegion: string
}

export const ListCategoriesInput = v.optional(v.strictObject({}, UNSUPPORTED), {})

export const listingsContract = {
  listListings: action<Page<ListingSummary>>()(ListListingsInput, 'guest'),
  /** Counts a view (members once a day each; guests anonymously). */
  getListing: action<ListingDetail>()(GetListingInput, 'guest'),
  /** Guest-readable like the listing: the poster's public name, avatar, company, member since, listing count. */
  getPosterCard: action<PosterCard>()(GetListingInput, 'guest'),
  listCategories: action<Category[]>()(ListCategoriesInput, 'guest'),

  uploadListingImage: action<ListingImage>()(UploadListingImageInput, 'member'),
  createListing: action<MyListingDetail>()(CreateListingInput, 'member'),
  listMyListings: action<Page<MyListing>>()(ListMyListingsInput, 'member'),
  getMyListing: action<MyListingDetail>()(ListingIdInput, 'member'),
  updateListing: action<MyListingDetail>()(UpdateListingInput, 'member'),
  takeDownListing: action<MyListingDetail>()(ListingIdInput, 'member'),
  republishListing: action<MyListingDetail>()(ListingIdInput, 'member'),
  refreshListing: action<MyListingDetail>()(ListingIdInput, 'member'),
  renewListing: action<MyListingDetail>()(RenewListingInput, 'member'),
  setContactVisibility: action<MyListingDetail>()(SetContactVisibilityInput, 'member'),
  deleteListing: action<{ deleted: true; id: string }>()(ListingIdInput, 'member'),
}

/**
 * 「广东 · 深圳」 (from 广东省 / 深圳); a municipality (北京市 / 北京) is named once; no region at all reads
 * 「全国」, which is what a listing without a region means for cooperation needs. The app's cards and the
 * server's first screen both write it.
 */
export function formatRegion(province: string, city: string): string {
  const p = province.trim()
  const c = city.trim()
  if (!p && !c) return '全国'
  if (!p || !c) return p || c
  const shortProvince = p.replace(/[省市]$/, '')
  if (shortProvince === c.replace(/[省市]$/, '')) return c
  return `${shortProvince} · ${c}`
}
