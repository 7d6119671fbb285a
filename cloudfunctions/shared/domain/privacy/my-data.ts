import type { MyData, MyDataCategory } from '../../contracts/privacy'
import type { ActionContext } from '../../core/action-context'
import { maskPhone } from '../../core/mask-phone'
import { DATA_CATEGORIES, type DataCategory } from '../common/personal-data'
import { ownPhoneNumber } from '../accounts'
import { contactConsentsOf } from '../listings'
import { CATEGORY_ORDER, categoriesOf, DEVICE_DATA, fieldsIn, joinDistinct, retentionText } from './inventory'
import { myRecords } from './my-records'

const filled = (value: unknown) =>
  value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)

/**
 * 我的数据: what is held about the caller, by category, from the inventory. A category of whole records
 * counts records; one carried in fields of other records (个人资料 on the account, 联系方式 on listings)
 * counts the fields filled in.
 */
export async function getMyData(ctx: ActionContext): Promise<MyData> {
  const { userId, held } = await myRecords(ctx)
  const categories: MyDataCategory[] = []
  for (const category of CATEGORY_ORDER) {
    const parts = held.filter(({ data }) => categoriesOf(data).includes(category))
    if (parts.length === 0) continue
    let count = 0
    for (const { data, records } of parts) {
      if (data.category === category) count += records.length
      else for (const record of records) count += fieldsIn(data, category).filter((f) => filled(record[f])).length
    }
    categories.push({
      key: category,
      name: DATA_CATEGORIES[category],
      purpose: joinDistinct(parts.map((p) => p.data.purpose)),
      retention: joinDistinct(parts.map((p) => retentionText(p.data.retention))),
      count,
      preview: preview(ctx, category, held) ?? (count > 0 ? `共 ${count} 条` : '暂无'),
    })
  }
  return {
    categories,
    contactConsents: await contactConsentsOf(ctx.deps, userId),
    onDevice: DEVICE_DATA.map(({ label, purpose, retention }) => ({ label, purpose, retention })),
  }
}

/** The account's own line: the masked phone and the platforms bound; the profile's: what is filled in. */
function preview(
  ctx: ActionContext,
  category: DataCategory,
  held: Awaited<ReturnType<typeof myRecords>>['held'],
): string | null {
  const user = held.find((h) => h.data.category === 'account')?.records[0]
  if (!user) return null
  if (category === 'account') {
    const phone = ownPhoneNumber(ctx.deps, user.phoneEnc)
    const bound = [user.wechatOpenId ? '微信' : null, user.alipayUserId ? '支付宝' : null].filter(Boolean)
    return [phone ? `手机号 ${maskPhone(phone)}` : null, bound.length ? `已关联${bound.join('、')}` : null]
      .filter(Boolean)
      .join(' · ')
  }
  if (category === 'profile') {
    const shown = [user.nickname, user.companyName, user.brandName].filter((v) => typeof v === 'string' && v)
    return shown.length ? shown.join(' · ') : '未填写'
  }
  return null
}
