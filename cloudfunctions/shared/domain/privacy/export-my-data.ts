import {
  EXPORT_SCHEMA_VERSION,
  type ExportAnswer,
  type ExportSection,
  type PersonalDataExport,
} from '../../contracts/privacy'
import type { ActionContext } from '../../core/action-context'
import { AppError, ErrorCode } from '../../core/app-error'
import type { StoredDocument } from '../../ports/document-store'
import { GONE_MEMBER, memberId, ownPhoneNumber, publicProfiles } from '../accounts'
import { chinaDay, nextChinaMidnight } from '../common/china-time'
import { DATA_CATEGORIES, LEGAL_BASES, type CollectionData, type FieldUse } from '../common/personal-data'
import { claimQuota, releaseQuota } from '../common/quotas'
import { basisIn, CATEGORY_ORDER, categoriesOf, DEVICE_DATA, fieldsIn, joinDistinct, retentionText } from './inventory'
import { myRecords, type HeldRecords } from './my-records'
import { exportSummary } from './export-summary'

/** CloudBase answers at most 6 MB; the export stops short of it with room for the envelope. */
export const EXPORT_MAX_BYTES = 5_500_000

/** Where an exported phone number goes: the field holds ciphertext, the export the number. */
const PHONE_KEY = 'phone'

/**
 * Everything held about the caller, in every collection the inventory names, as one JSON document and a
 * readable summary. Complete by construction: every field of every record goes out under the rule its
 * declaration gives (a field the inventory does not know still goes out, as stored). Other members appear
 * only as the product already shows them.
 */
export async function exportMyData(ctx: ActionContext): Promise<ExportAnswer> {
  const { deps } = ctx
  const now = deps.clock.now()
  const quota = {
    kind: 'export' as const,
    subject: memberId(ctx),
    window: chinaDay(now),
    limit: deps.limits.exportsPerDay,
  }
  await claimQuota(deps, {
    ...quota,
    retainUntil: nextChinaMidnight(now),
    message: `每天最多导出 ${deps.limits.exportsPerDay} 次，请明天再试`,
  })
  try {
    const data = await buildExport(ctx, await myRecords(ctx), now)
    const answer: ExportAnswer = {
      export: data,
      summary: exportSummary(data),
      fileName: `质能视界-个人信息-${chinaDay(now)}.json`,
    }
    if (Buffer.byteLength(JSON.stringify(answer)) > EXPORT_MAX_BYTES) {
      throw new AppError(ErrorCode.Internal, '你的数据量超出了在线导出的上限，请通过隐私政策中的邮箱联系我们获取')
    }
    return answer
  } catch (error) {
    // An export that did not reach the member does not use up the day's allowance.
    await releaseQuota(deps, quota)
    throw error
  }
}

async function buildExport(
  ctx: ActionContext,
  { userId, held }: HeldRecords,
  now: number,
): Promise<PersonalDataExport> {
  const members = await otherMembers(ctx, userId, held)
  const showMember = (value: unknown) => {
    if (value === userId) return '本人'
    if (typeof value !== 'string') return value
    const profile = members.get(value)
    // Not a member id (a counter's client hash): nothing to show of anyone.
    return profile ? { nickname: profile.nickname, companyName: profile.companyName } : '其他用户'
  }
  const exportField = (use: FieldUse | undefined, value: unknown) =>
    use?.export === 'member' ? showMember(value) : value

  const sections: ExportSection[] = []
  for (const category of CATEGORY_ORDER) {
    const collections = held
      .filter(({ data }) => categoriesOf(data).includes(category))
      .map(({ data, records }) => {
        const names = fieldsIn(data, category)
        const own = data.category === category
        return {
          collection: data.collection,
          about: data.about,
          purpose: data.purpose,
          legalBasis: LEGAL_BASES[basisIn(data, category)],
          retention: retentionText(data.retention),
          fields: legend(data, names),
          records: records
            .map((record) => {
              // The record's id ties its parts in different sections together, unless it is itself a derived hash.
              const out: Record<string, unknown> = data.fields._id?.export === 'omit' ? {} : { _id: record._id }
              for (const [field, value] of Object.entries(record)) {
                const use = data.fields[field]
                // Fields of another category go out in that category's section; undeclared ones in the record's own.
                if (field === '_id' || (use ? !names.includes(field) : !own)) continue
                if (use?.export === 'omit') continue
                if (use?.export === 'phone') out[PHONE_KEY] = ownPhoneNumber(ctx.deps, value)
                else out[field] = exportField(use, value)
              }
              return out
            })
            .filter((record) => own || Object.keys(record).some((field) => field !== '_id')),
        }
      })
      .filter((c) => c.records.length > 0)
    if (collections.length === 0) continue
    sections.push({
      key: category,
      name: DATA_CATEGORIES[category],
      purpose: joinDistinct(collections.map((c) => c.purpose)),
      legalBasis: joinDistinct(collections.map((c) => c.legalBasis)),
      retention: joinDistinct(collections.map((c) => c.retention)),
      collections,
    })
  }
  return {
    schema: 'zhineng.personal-data-export',
    schemaVersion: EXPORT_SCHEMA_VERSION,
    generatedAt: new Date(now).toISOString(),
    userId,
    sections,
    onDevice: DEVICE_DATA.map(({ label, purpose, retention }) => ({ label, purpose, retention })),
  }
}

/** Field → label, with why a field is left out; the exported phone under its own name. */
function legend(data: CollectionData, names: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of names) {
    const use = data.fields[name]
    if (use.export === 'phone') out[PHONE_KEY] = '手机号'
    else if (use.export === 'omit') out[name] = `${use.label}（不导出：由其他数据计算得出或仅供系统使用）`
    else out[name] = use.label
  }
  return out
}

/** The other members the records name (a reveal's viewer, a reported comment's author). */
async function otherMembers(ctx: ActionContext, userId: string, held: HeldRecords['held']) {
  const ids = new Set<string>()
  for (const { data, records } of held) {
    const memberFields = Object.entries(data.fields)
      .filter(([, use]) => use.export === 'member')
      .map(([name]) => name)
    for (const record of records as StoredDocument[]) {
      for (const field of memberFields) {
        const value = record[field]
        if (typeof value === 'string' && value !== userId) ids.add(value)
      }
    }
  }
  const profiles = await publicProfiles(ctx.deps, [...ids])
  // publicProfiles answers GONE_MEMBER for an id with no account: a client hash is not a member.
  for (const [id, profile] of profiles) if (profile === GONE_MEMBER) profiles.delete(id)
  return profiles
}
