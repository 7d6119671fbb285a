import * as v from 'valibot'
import { PolicyDocumentIdSchema, type PolicyDocumentId } from './consent'
import { CategoryIdSchema, isExtraFieldKey, LISTING_FIELDS, LISTING_LIMITS, type Category } from './listings'
import { PlainText } from './text'

/**
 * The operator's console beyond the queues (part of the `moderation` function): categories edited as data
 * (分类管理) and policy versions published by an admin (政策版本). Moderators may read both pages; only
 * admins change anything.
 */

const Strict = '请求参数包含不支持的字段'

export const CATEGORY_NAME_MAX = 8
export const EXTRA_FIELDS_MAX = 8
export const EXTRA_LABEL_MAX = 12
export const EXTRA_PLACEHOLDER_MAX = 30

/** How 分类管理 names the fields a category may show or require. */
export const LISTING_FIELD_LABELS: Record<(typeof LISTING_FIELDS)[number], string> = {
  company: '公司名称',
  brand: '品牌',
  region: '所在地区',
  images: '图片',
  contactName: '联系人',
  phone: '手机号',
  wechat: '微信号',
  qq: 'QQ 号',
}

/** A category as the console shows it: hidden ones too, with how many listings (any state) use it. */
export interface ConsoleCategory extends Category {
  listingCount: number
}

const FieldRuleSchema = v.pipe(
  v.strictObject(
    { shown: v.boolean('是否显示必须是真或假'), required: v.boolean('是否必填必须是真或假') },
    '填写项设置包含不支持的字段',
  ),
  v.forward(
    v.check((rule) => rule.shown || !rule.required, '不显示的填写项不能设为必填'),
    ['required'],
  ),
)

const FieldsSchema = v.strictObject(
  Object.fromEntries(LISTING_FIELDS.map((field) => [field, FieldRuleSchema])) as Record<
    (typeof LISTING_FIELDS)[number],
    typeof FieldRuleSchema
  >,
  '填写项包含不支持的字段',
)

const ExtraFieldSchema = v.strictObject(
  {
    key: v.pipe(
      v.string('补充项编号必须是文本'),
      v.check(isExtraFieldKey, '补充项编号须以小写字母开头，只含字母和数字，最多 32 位'),
    ),
    label: PlainText('补充项名称', 1, EXTRA_LABEL_MAX),
    required: v.boolean('是否必填必须是真或假'),
    maxLength: v.pipe(
      v.number('字数上限必须是数字'),
      v.integer('字数上限必须是整数'),
      v.minValue(1, '字数上限至少为 1'),
      v.maxValue(LISTING_LIMITS.extraMax, `字数上限不能超过 ${LISTING_LIMITS.extraMax}`),
    ),
    placeholder: PlainText('提示文字', 0, EXTRA_PLACEHOLDER_MAX),
  },
  '补充项包含不支持的字段',
)

/** The category's own fields: at most EXTRA_FIELDS_MAX, keys and labels each used once. */
const ExtraFieldsSchema = v.pipe(
  v.array(ExtraFieldSchema, '补充项必须是列表'),
  v.maxLength(EXTRA_FIELDS_MAX, `补充项最多 ${EXTRA_FIELDS_MAX} 个`),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    for (const part of ['key', 'label'] as const) {
      const seen = new Set<string>()
      dataset.value.forEach((field, index) => {
        if (seen.has(field[part])) {
          addIssue({
            message: part === 'key' ? '补充项编号重复' : '补充项名称重复',
            path: [
              { type: 'array', origin: 'value', input: dataset.value, key: index, value: field },
              { type: 'object', origin: 'value', input: field, key: part, value: field[part] },
            ],
          })
        }
        seen.add(field[part])
      })
    }
  }),
)

/** A new category (no `id`) or the whole declaration of an existing one. */
export const SaveCategoryInput = v.strictObject(
  {
    id: v.optional(CategoryIdSchema),
    name: PlainText('分类名称', 2, CATEGORY_NAME_MAX),
    fields: FieldsSchema,
    extraFields: ExtraFieldsSchema,
  },
  Strict,
)
export type CategorySpec = v.InferOutput<typeof SaveCategoryInput>

export const MoveCategoryInput = v.strictObject(
  { id: CategoryIdSchema, direction: v.picklist(['up', 'down'] as const, '请选择上移或下移') },
  Strict,
)

export const SetCategoryHiddenInput = v.strictObject(
  { id: CategoryIdSchema, hidden: v.boolean('是否隐藏必须是真或假') },
  Strict,
)

export const DeleteCategoryInput = v.strictObject({ id: CategoryIdSchema }, Strict)

/** One edition of a document as the code has it, and whether (and when) it was published. */
export interface PolicyVersionInfo {
  version: string
  date: string
  material: boolean
  summary: string[]
  publishedAt: number | null
}

export interface PolicyPublication {
  id: string
  document: PolicyDocumentId
  version: string
  /** The change entries of the version as they read when it was published. */
  summary: string[]
  publishedAt: number
  /** 'system': recorded by the first start (the newest edition in code then); 'admin': an admin published it. */
  publishedBy: 'system' | 'admin'
  /** The publishing admin's pseudonymous reference (as in the audit log); null for the system's. */
  publisher: string | null
}

/** Which version the active members (logged in within ACTIVE_MEMBER_DAYS) last agreed to. */
export interface ConsentShare {
  /** null: no agreement on record (e.g. consent withdrawn). */
  version: string | null
  count: number
  /** Of the active members, 0–100, one decimal. */
  percent: number
}

export interface PolicyDocumentState {
  document: PolicyDocumentId
  title: string
  /** What the server requires a login to have agreed to. */
  published: string
  /** Newest first. */
  versions: PolicyVersionInfo[]
  /** Newest first. */
  publications: PolicyPublication[]
  /** Newer than the published version, in code, not published yet: what 发布 offers. */
  publishable: string | null
  activeMembers: number
  shares: ConsentShare[]
}

/** A member who logged in within this many days counts as active for the consent shares. */
export const ACTIVE_MEMBER_DAYS = 30

export const PublishPolicyVersionInput = v.strictObject(
  {
    document: PolicyDocumentIdSchema,
    version: v.pipe(v.string('版本号必须是文本'), v.regex(/^\d{1,3}\.\d{1,3}\.\d{1,3}$/, '版本号格式不正确')),
  },
  Strict,
)
