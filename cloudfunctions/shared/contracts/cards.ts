import * as v from 'valibot'
import { PhoneSchema } from './auth'
import { PlainText } from './text'

/**
 * Business cards (名片), shared by the contracts that send one: into a conversation (`messages`) and with a
 * contact reveal (`interactions`). The card itself is kept and edited through `messages`
 * (getMyCard / saveMyCard / deleteMyCard).
 */
const Strict = '请求参数包含不支持的字段'

export const CARD_FIELDS = ['name', 'company', 'title', 'phone', 'wechat'] as const
export type CardField = (typeof CARD_FIELDS)[number]
export const CARD_FIELD_LABELS: Record<CardField, string> = {
  name: '姓名',
  company: '公司',
  title: '职务',
  phone: '手机号',
  wechat: '微信号',
}

/** A member's own card: every field optional (empty means not filled in). */
export interface BusinessCard {
  name: string
  company: string
  title: string
  phone: string
  wechat: string
  updatedAt: number
}

/** What a sent card carries: only the fields its sender chose, as they were when sent. */
export type SentCard = Partial<Record<CardField, string>>

export const CardFieldsSchema = v.pipe(
  v.array(v.picklist(CARD_FIELDS, '名片字段不正确'), '名片字段必须是列表'),
  v.minLength(1, '请至少选择一项要发送的名片内容'),
  v.maxLength(CARD_FIELDS.length, '名片字段过多'),
  v.check((fields) => new Set(fields).size === fields.length, '名片字段重复'),
)

/** Sending a card: each field chosen on its own (a separate consent per field shared). */
export const CardChoiceSchema = v.strictObject({ fields: CardFieldsSchema }, Strict)

const Optional = (label: string, max: number) => v.optional(PlainText(label, 0, max), '')

export const SaveCardInput = v.strictObject(
  {
    name: Optional('姓名', 20),
    company: Optional('公司', 50),
    title: Optional('职务', 30),
    phone: v.optional(v.union([v.literal('', '手机号必须是文本'), PhoneSchema], '请输入正确的 11 位手机号'), ''),
    wechat: v.optional(
      v.union(
        [
          v.literal('', '微信号必须是文本'),
          v.pipe(v.string('微信号必须是文本'), v.regex(/^[A-Za-z][-_A-Za-z0-9]{5,19}$/, '微信号格式不正确')),
        ],
        '微信号格式不正确',
      ),
      '',
    ),
  },
  Strict,
)
