import type * as v from 'valibot'
import { Collections } from '../../collections'
import type { Category, ContactSchema, ListingField } from '../../contracts/listings'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { toCategory, type CategoryDoc } from './listing'

/**
 * Categories are data: each declares which listing fields it shows and requires, and fields of its own.
 * Publishing and editing check a listing against its category's declaration, so a category inserted into
 * the database (a new document, no code) is enforced the moment it exists.
 */
export async function listCategories(deps: Pick<Deps, 'store'>): Promise<Category[]> {
  const { items } = await deps.store.find<CategoryDoc>(Collections.categories, {
    orderBy: [{ field: 'order', direction: 'asc' }],
    limit: 100,
  })
  return items.map(toCategory)
}

export async function categoriesById(deps: Pick<Deps, 'store'>): Promise<Map<string, Category>> {
  return new Map((await listCategories(deps)).map((c) => [c.id, c]))
}

export async function loadCategory(deps: Pick<Deps, 'store'>, id: string): Promise<Category> {
  const doc = await deps.store.get<CategoryDoc>(Collections.categories, id)
  if (!doc) throw new AppError(ErrorCode.InvalidInput, '请选择正确的分类', 'category')
  return toCategory(doc)
}

/** The listing content a category judges: what publish and edit both send. */
export interface CategorisedContent {
  region: { province: string; city: string } | null
  company: string
  brand: string
  images: string[]
  extra: Record<string, string>
  contact: v.InferOutput<typeof ContactSchema>
}

const FIELDS: Record<ListingField, { label: string; path: string }> = {
  company: { label: '公司名称', path: 'company' },
  brand: { label: '品牌名称', path: 'brand' },
  region: { label: '地区', path: 'region' },
  images: { label: '图片', path: 'images' },
  contactName: { label: '联系人', path: 'contact.name' },
  phone: { label: '手机号', path: 'contact.phone' },
  wechat: { label: '微信号', path: 'contact.wechat' },
  qq: { label: 'QQ 号', path: 'contact.qq' },
}

function isFilled(content: CategorisedContent, field: ListingField): boolean {
  switch (field) {
    case 'region':
      return content.region !== null
    case 'images':
      return content.images.length > 0
    case 'contactName':
      return content.contact.name !== ''
    case 'phone':
    case 'wechat':
    case 'qq':
      return content.contact[field] !== ''
    default:
      return content[field] !== ''
  }
}

/**
 * Refuses, naming the field, what the category does not collect (a foreign field) and what it requires
 * but is missing; checks the category's own fields the same way; and asks for at least one way to be
 * contacted. Returns the category's own fields with empty ones dropped.
 */
export function assertMatchesCategory(category: Category, content: CategorisedContent): Record<string, string> {
  for (const [field, { label, path }] of Object.entries(FIELDS) as Array<
    [ListingField, (typeof FIELDS)[ListingField]]
  >) {
    const rule = category.fields[field]
    const filled = isFilled(content, field)
    if (filled && !rule.shown) {
      throw new AppError(ErrorCode.InvalidInput, `「${category.name}」不填写${label}`, path)
    }
    if (!filled && rule.shown && rule.required) {
      const message = field === 'images' ? '请至少上传 1 张图片' : field === 'region' ? '请选择地区' : `请填写${label}`
      throw new AppError(ErrorCode.InvalidInput, message, path)
    }
  }
  const contactFields = (['phone', 'wechat', 'qq'] as const).filter((f) => category.fields[f].shown)
  if (contactFields.length > 0 && !contactFields.some((f) => isFilled(content, f))) {
    throw new AppError(ErrorCode.InvalidInput, '请至少填写一种联系方式', `contact.${contactFields[0]}`)
  }
  return assertExtraFields(category, content.extra)
}

function assertExtraFields(category: Category, extra: Record<string, string>): Record<string, string> {
  const declared = new Map(category.extraFields.map((f) => [f.key, f]))
  const kept = new Map<string, string>()
  for (const [key, value] of Object.entries(extra)) {
    const field = declared.get(key)
    if (!field) throw new AppError(ErrorCode.InvalidInput, `「${category.name}」不填写此项补充信息`, `extra.${key}`)
    if (value.length > field.maxLength) {
      throw new AppError(ErrorCode.InvalidInput, `${field.label}不能超过 ${field.maxLength} 个字`, `extra.${key}`)
    }
    if (value !== '') kept.set(key, value)
  }
  for (const field of category.extraFields) {
    if (field.required && !kept.has(field.key)) {
      throw new AppError(ErrorCode.InvalidInput, `请填写${field.label}`, `extra.${field.key}`)
    }
  }
  return Object.fromEntries(kept)
}
