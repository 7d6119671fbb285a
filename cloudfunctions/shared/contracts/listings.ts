import * as v from 'valibot'
import { action, CursorSchema, IdSchema, PageSizeSchema, type Page } from './common'

export type ListingStatus = 'draft' | 'pending' | 'published' | 'rejected' | 'takenDown' | 'expired'

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
  viewCount: number
  publishedAt: number
  expiresAt: number
}

/** The public detail. Contact details are masked here; revealing them is its own logged action. */
export interface ListingDetail extends ListingSummary {
  description: string
  images: string[]
  contactName: string
  /** e.g. 138****1234, or null when the poster did not publish a phone. */
  maskedPhone: string | null
  hasWechat: boolean
  hasQq: boolean
  posterId: string
}

export interface Category {
  id: string
  name: string
  order: number
}

const CategoryIdSchema = v.pipe(
  v.string('分类必须是文本'),
  v.maxLength(32, '分类编号过长'),
  v.regex(/^[a-z][a-z0-9-]*$/, '分类编号格式不正确'),
)

const CitySchema = v.pipe(v.string('城市必须是文本'), v.minLength(1, '城市不能为空'), v.maxLength(20, '城市名称过长'))

export const ListListingsInput = v.strictObject(
  {
    category: v.optional(CategoryIdSchema),
    city: v.optional(CitySchema),
    cursor: CursorSchema,
    pageSize: PageSizeSchema,
  },
  '请求参数包含不支持的字段',
)

export const GetListingInput = v.strictObject({ id: IdSchema }, '请求参数包含不支持的字段')

export const ListCategoriesInput = v.optional(v.strictObject({}, '请求参数包含不支持的字段'), {})

export const listingsContract = {
  listListings: action<Page<ListingSummary>>()(ListListingsInput, 'guest'),
  getListing: action<ListingDetail>()(GetListingInput, 'guest'),
  listCategories: action<Category[]>()(ListCategoriesInput, 'guest'),
}
