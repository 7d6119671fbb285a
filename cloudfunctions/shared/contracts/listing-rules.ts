import type { Category, ListingField } from './listings'

/**
 * What a category demands of a listing, as a pure check both sides run: the server refuses with the
 * first issue, the publish form shows every issue under its field. Categories are data, so these rules
 * cannot live in the static schema; keeping them here keeps the two sides' messages identical.
 */
export interface CategorisedContent {
  region: { province: string; city: string } | null
  company: string
  brand: string
  images: string[]
  extra: Record<string, string>
  contact: { name: string; phone: string; wechat: string; qq: string }
}

export interface FieldIssue {
  /** Form path, as INVALID_INPUT names it: `company`, `contact.phone`, `extra.fee` … */
  field: string
  message: string
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
 * Every way the content breaks its category's declaration: a field the category does not collect (a
 * foreign field), a required field left empty, no way at all to be contacted, and the category's own
 * extra fields (unknown key, too long, required).
 */
export function categoryIssues(category: Category, content: CategorisedContent): FieldIssue[] {
  const issues: FieldIssue[] = []
  for (const [field, { label, path }] of Object.entries(FIELDS) as Array<
    [ListingField, { label: string; path: string }]
  >) {
    const rule = category.fields[field]
    const filled = isFilled(content, field)
    if (filled && !rule.shown) issues.push({ field: path, message: `「${category.name}」不填写${label}` })
    if (!filled && rule.shown && rule.required) {
      const message = field === 'images' ? '请至少上传 1 张图片' : field === 'region' ? '请选择地区' : `请填写${label}`
      issues.push({ field: path, message })
    }
  }
  // Someone interested must be able to reach the poster somehow; the message goes to the first way of
  // reaching them that this category collects.
  const reachable = (['phone', 'wechat', 'qq'] as const).filter((f) => category.fields[f].shown)
  if (reachable.length > 0 && !reachable.some((f) => isFilled(content, f))) {
    issues.push({ field: `contact.${reachable[0]}`, message: '请至少填写一种联系方式' })
  }
  const declared = new Map(category.extraFields.map((f) => [f.key, f]))
  for (const [key, value] of Object.entries(content.extra)) {
    const field = declared.get(key)
    if (!field) issues.push({ field: `extra.${key}`, message: `「${category.name}」不填写此项补充信息` })
    else if (value.length > field.maxLength) {
      issues.push({ field: `extra.${key}`, message: `${field.label}不能超过 ${field.maxLength} 个字` })
    }
  }
  for (const field of category.extraFields) {
    if (field.required && !content.extra[field.key]) {
      issues.push({ field: `extra.${field.key}`, message: `请填写${field.label}` })
    }
  }
  return issues
}
