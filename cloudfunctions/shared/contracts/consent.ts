import * as v from 'valibot'

/**
 * A consent decision as the device records it and the ledger keeps it. Documents: the privacy policy,
 * the user agreement, and the age confirmation (PIPL Art. 31: 14 or older, or a guardian's consent).
 */
export const PolicyDocumentIdSchema = v.picklist(['privacy', 'terms'], '协议类型不正确')
export type PolicyDocumentId = v.InferOutput<typeof PolicyDocumentIdSchema>

export const PlatformSchema = v.picklist(['weapp', 'alipay', 'h5'], '平台不正确')
export type Platform = v.InferOutput<typeof PlatformSchema>

const VersionSchema = v.pipe(v.string('版本号必须是文本'), v.regex(/^\d+\.\d+\.\d+$/, '版本号格式不正确'))
const TimeSchema = v.pipe(
  v.number('时间必须是数字'),
  v.integer('时间必须是整数'),
  v.minValue(1_600_000_000_000, '时间不正确'),
)

/** Said for a decision that is not an object of these fields (or lacks one): fixed, never the input. */
const DECISION_SHAPE = '同意记录格式不正确'

export const ConsentDecisionSchema = v.variant(
  'document',
  [
    v.strictObject(
      {
        document: PolicyDocumentIdSchema,
        version: VersionSchema,
        choice: v.picklist(['agree', 'disagree'], '选择不正确'),
        at: TimeSchema,
        platform: PlatformSchema,
      },
      DECISION_SHAPE,
    ),
    v.strictObject(
      {
        document: v.literal('age', '协议类型不正确'),
        version: VersionSchema,
        /** adult: 14 or older; guardian: under 14 with a guardian's consent; minor: under 14 without it. */
        choice: v.picklist(['adult', 'guardian', 'minor'], '年龄确认选项不正确'),
        at: TimeSchema,
        platform: PlatformSchema,
      },
      DECISION_SHAPE,
    ),
  ],
  DECISION_SHAPE,
)
export type ConsentDecision = v.InferOutput<typeof ConsentDecisionSchema>

export const ConsentDecisionsSchema = v.pipe(
  v.array(ConsentDecisionSchema, DECISION_SHAPE),
  v.maxLength(50, '同意记录过多'),
)
