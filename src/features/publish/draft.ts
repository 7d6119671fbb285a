import * as v from 'valibot'
import { categoryIssues, type CategorisedContent } from '@shared/contracts/listing-rules'
import {
  CONTACT_FIELDS,
  CreateListingInput,
  VALIDITY_DAYS,
  type Category,
  type ContactField,
  type InputOf,
  type Contracts,
  type ListingField,
  type ListingImage,
  type MyListingDetail,
  type Region,
  type ValidityDays,
} from '@shared/contracts'

/**
 * The publish form as a plain value: what the member typed, kept on the device between visits (a draft),
 * turned into the contract's input on submit, and checked with the contract's own schema plus the
 * category's rules (which fields it shows and requires). Pure: no storage, no React, no platform.
 */

export type StepId = 'category' | 'content' | 'images' | 'contact' | 'validity' | 'preview'

export const STEP_TITLES: Record<StepId, string> = {
  category: '选择分类',
  content: '填写信息',
  images: '上传图片',
  contact: '联系方式',
  validity: '有效期',
  preview: '预览',
}

export interface ContactDraft {
  name: string
  phone: string
  wechat: string
  qq: string
  /** The poster's separate consent per field (PIPL Art. 25): false until they tick it themselves. */
  public: Record<ContactField, boolean>
}

export interface PublishDraft {
  /** A draft belongs to the member who wrote it: another member on this device never sees it. */
  userId: string
  /**
   * Made once per draft and kept with it (also across app restarts): every retry of the same submission
   * carries it, so the server never creates a second listing.
   */
  clientRequestId: string
  step: StepId
  category: string
  title: string
  description: string
  company: string
  brand: string
  region: Region | null
  extra: Record<string, string>
  images: ListingImage[]
  contact: ContactDraft
  validityDays: ValidityDays
  updatedAt: number
}

export type CreateInput = InputOf<Contracts['listings']['createListing']>
export type UpdateInput = InputOf<Contracts['listings']['updateListing']>
type ContentInput = Omit<CreateInput, 'clientRequestId' | 'validityDays'>

/** Which listing field each contact value is governed by in a category's field rules. */
const CONTACT_RULE: Record<ContactField, ListingField> = {
  name: 'contactName',
  phone: 'phone',
  wechat: 'wechat',
  qq: 'qq',
}

export const CONTACT_LABELS: Record<ContactField, string> = {
  name: '联系人',
  phone: '手机号',
  wechat: '微信号',
  qq: 'QQ 号',
}

export function newClientRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  let suffix = ''
  for (let i = 0; i < 12; i++) suffix += Math.floor(random() * 36).toString(36)
  return `pub-${now.toString(36)}-${suffix}`
}

export function emptyDraft(userId: string, now: number = Date.now()): PublishDraft {
  return {
    userId,
    clientRequestId: newClientRequestId(now),
    step: 'category',
    category: '',
    title: '',
    description: '',
    company: '',
    brand: '',
    region: null,
    extra: {},
    images: [],
    contact: {
      name: '',
      phone: '',
      wechat: '',
      qq: '',
      public: { name: false, phone: false, wechat: false, qq: false },
    },
    validityDays: 30,
    updatedAt: now,
  }
}

/** The edit form starts from the listing as the server has it (the poster's own, unmasked). */
export function draftFromListing(listing: MyListingDetail, userId: string): PublishDraft {
  return {
    ...emptyDraft(userId),
    step: 'content',
    category: listing.category,
    title: listing.title,
    description: listing.description,
    company: listing.company,
    brand: listing.brand,
    region: listing.region,
    extra: { ...listing.extra },
    images: listing.images,
    contact: {
      name: listing.contact.name,
      phone: listing.contact.phone,
      wechat: listing.contact.wechat,
      qq: listing.contact.qq,
      public: { ...listing.contact.public },
    },
    validityDays: listing.validityDays,
  }
}

export function shows(category: Category | null, field: ListingField): boolean {
  return category?.fields[field]?.shown ?? false
}

/** The steps this category needs, in order: no images step for a category that shows none. */
export function stepsFor(category: Category | null, mode: 'create' | 'edit'): StepId[] {
  const steps: StepId[] = mode === 'create' ? ['category', 'content'] : ['content']
  if (shows(category, 'images')) steps.push('images')
  steps.push('contact')
  if (mode === 'create') steps.push('validity')
  steps.push('preview')
  return steps
}

/**
 * How many steps the form has, when that is known for good: the same for every category the member can
 * pick (or, when editing, for the listing's category). Null when picking a category could change it — then
 * steps are shown by name only, so the count never jumps (1/5 → 2/6) once a category is chosen.
 */
export function stepTotal(categories: Category[], category: Category | null, mode: 'create' | 'edit'): number | null {
  if (mode === 'edit') return stepsFor(category, mode).length
  if (categories.length === 0) return null
  const counts = new Set(categories.map((c) => stepsFor(c, mode).length))
  return counts.size === 1 ? [...counts][0] : null
}

/** The listing's content as the contract takes it: only what the category shows is sent (no foreign field). */
function contentInput(draft: PublishDraft, category: Category): ContentInput {
  const contact: ContentInput['contact'] = { public: {} }
  for (const field of CONTACT_FIELDS) {
    if (!shows(category, CONTACT_RULE[field])) continue
    const value = draft.contact[field]
    contact[field] = value
    // A tick on an empty field would publish nothing: only a filled, ticked field is made public.
    contact.public![field] = draft.contact.public[field] && value.trim().length > 0
  }
  const extra: Record<string, string> = {}
  for (const field of category.extraFields) {
    const value = draft.extra[field.key]
    if (value !== undefined && value.trim() !== '') extra[field.key] = value
  }
  return {
    category: category.id,
    title: draft.title,
    description: draft.description,
    ...(shows(category, 'company') ? { company: draft.company } : {}),
    ...(shows(category, 'brand') ? { brand: draft.brand } : {}),
    ...(shows(category, 'region') && draft.region ? { region: draft.region } : {}),
    ...(shows(category, 'images')
      ? {
          images: draft.images.map((image) => image.key),
          thumbnails: draft.images.map((image) => image.thumbnailKey ?? null),
        }
      : {}),
    extra,
    contact,
  }
}

export function createInput(draft: PublishDraft, category: Category): CreateInput {
  return { clientRequestId: draft.clientRequestId, ...contentInput(draft, category), validityDays: draft.validityDays }
}

export function updateInput(listingId: string, draft: PublishDraft, category: Category): UpdateInput {
  return { listingId, ...contentInput(draft, category) }
}

/** What the category rules judge: the fields this category shows, trimmed as the server will see them. */
function categorisedContent(draft: PublishDraft, category: Category): CategorisedContent {
  const input = contentInput(draft, category)
  const text = (value: string | undefined) => (value ?? '').trim()
  return {
    region: input.region ?? null,
    company: text(input.company),
    brand: text(input.brand),
    images: input.images ?? [],
    extra: Object.fromEntries(Object.entries(input.extra ?? {}).map(([key, value]) => [key, value.trim()])),
    contact: {
      name: text(input.contact.name),
      phone: text(input.contact.phone),
      wechat: text(input.contact.wechat),
      qq: text(input.contact.qq),
    },
  }
}

/** Field path → the first message for it, as the form shows them (`title`, `contact.phone`, `extra.fee` …). */
export type FieldErrors = Record<string, string>

/**
 * Everything wrong with the draft: the contract's schema (the server's own limits and messages), then
 * the category's requirements, which live in the category data rather than the schema.
 */
export function validateDraft(draft: PublishDraft, category: Category | null): FieldErrors {
  if (!category) return { category: '请选择分类' }
  const errors: FieldErrors = {}
  const add = (path: string, message: string) => {
    if (!(path in errors)) errors[path] = message
  }
  const parsed = v.safeParse(CreateListingInput, createInput(draft, category))
  if (!parsed.success) {
    for (const issue of parsed.issues) add(v.getDotPath(issue) ?? 'form', issue.message)
  }
  for (const issue of categoryIssues(category, categorisedContent(draft, category))) add(issue.field, issue.message)
  if (!(VALIDITY_DAYS as readonly number[]).includes(draft.validityDays)) add('validityDays', '请选择有效期')
  return errors
}

/** The step a field is filled in on, to send the member back to it when the server refuses it. */
export function stepOf(path: string): StepId {
  if (path === 'category') return 'category'
  if (path.startsWith('images')) return 'images'
  if (path.startsWith('contact')) return 'contact'
  if (path === 'validityDays') return 'validity'
  return 'content'
}

/** The errors that belong on one step. */
export function errorsOn(step: StepId, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => stepOf(path) === step))
}

/** Whatever is in storage is checked before it is trusted: a damaged or foreign draft is dropped. */
export function parseDraft(stored: unknown): PublishDraft | null {
  if (typeof stored !== 'object' || stored === null) return null
  const d = stored as Partial<PublishDraft>
  const strings = ['userId', 'clientRequestId', 'category', 'title', 'description', 'company', 'brand'] as const
  if (strings.some((key) => typeof d[key] !== 'string')) return null
  if (!d.contact || typeof d.contact !== 'object' || !d.contact.public) return null
  if (!Array.isArray(d.images) || typeof d.step !== 'string' || !(d.step in STEP_TITLES)) return null
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(d.clientRequestId!)) return null
  const base = emptyDraft(d.userId!)
  return {
    ...base,
    ...d,
    extra: typeof d.extra === 'object' && d.extra !== null ? d.extra : {},
    images: d.images
      .filter((i): i is ListingImage => typeof i?.key === 'string' && typeof i?.url === 'string')
      .map((i) => ({
        key: i.key,
        url: i.url,
        thumbnailKey: typeof i.thumbnailKey === 'string' ? i.thumbnailKey : null,
      })),
    contact: { ...base.contact, ...d.contact, public: { ...base.contact.public, ...d.contact.public } },
    validityDays: (VALIDITY_DAYS as readonly number[]).includes(d.validityDays ?? 0) ? d.validityDays! : 30,
  } as PublishDraft
}
