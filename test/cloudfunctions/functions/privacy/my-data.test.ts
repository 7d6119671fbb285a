import { Collections } from '@shared/collections'
import type { ExportAnswer, Inventory, MyData, PersonalDataExport } from '@shared/contracts'
import { INVENTORY } from '@shared/domain/privacy/inventory'
import { eachBatch, type StoredDocument } from '@shared/ports/document-store'
import { countAll, functionHttp, type ActionOf } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { LIFE, liveMemberLife, type MemberLife } from '../../../support/member-life'

const DAY = 24 * 60 * 60 * 1000

/** Every stored document naming `value` in one of the collection's owner fields. */
async function ownedDocs(backend: EmbeddedBackend, collection: string, fields: string[], value: string) {
  const docs = new Map<string, StoredDocument>()
  const query = { where: {}, orderBy: [{ field: '_id', direction: 'asc' as const }] }
  for await (const batch of eachBatch(backend.store, collection, query, 200)) {
    for (const doc of batch) if (fields.some((f) => doc[f] === value)) docs.set(doc._id, doc)
  }
  return [...docs.values()]
}

const recordsOf = (data: PersonalDataExport, collection: string) =>
  data.sections.flatMap((s) => s.collections.filter((c) => c.collection === collection).flatMap((c) => c.records))

describe('privacy: 我的数据 and a complete copy of it', () => {
  let backend: EmbeddedBackend
  let life: MemberLife
  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    life = await liveMemberLife(backend)
  })
  afterEach(() => backend.dispose())

  const privacy = <T>(action: ActionOf<'privacy'>, payload: unknown = {}, token = life.session.token) =>
    functionHttp<T>(backend, 'privacy', action, payload, { token })

  it('a guest is asked to log in for 我的数据 and the export, but may read the collection and sharing lists', async () => {
    for (const action of ['getMyData', 'exportMyData']) {
      expect(await functionHttp(backend, 'privacy', action, {})).toMatchObject({
        ok: false,
        status: 401,
        error: { code: 'UNAUTHENTICATED' },
      })
    }
    const inventory = await functionHttp<Inventory>(backend, 'privacy', 'getInventory', {})
    expect(inventory).toMatchObject({ ok: true })
    if (inventory.ok) expect(inventory.data.shared.map((r) => r.name)).toContain('腾讯云短信')
  })

  it('我的数据 groups what is held by category with counts, and shows the phone only masked', async () => {
    const answer = await privacy<MyData>('getMyData')
    expect(answer.ok).toBe(true)
    if (!answer.ok) return
    const byKey = Object.fromEntries(answer.data.categories.map((c) => [c.key, c]))
    expect(byKey.account.preview).toBe('手机号 137****0001 · 已关联微信、支付宝')
    expect(byKey.profile.preview).toBe(`${LIFE.nickname} · ${LIFE.companyName} · ${LIFE.brandName}`)
    // One listing kept (the other was deleted), with its uploaded image, and its inquiries turned off.
    expect(byKey.content.count).toBe(3)
    // Favourite, comment, reveals as viewer and as poster, two reports; the image decision about them, their
    // appeal of it; eight notices (the decision, the appeal's outcome, the outcome of each report, the other
    // member's comment, the incident notice, the announcement, the expiry reminder) and their preferences;
    // the conversation they opened, the two messages they sent in it, the notice of the reply, and the other
    // member's block of them; their privacy request and the notice of its answer.
    expect(byKey.interaction.count).toBe(24)
    expect(byKey.consent.count).toBeGreaterThanOrEqual(9)
    expect(JSON.stringify(answer.data)).not.toContain(LIFE.phone)
    // Each public contact field of each listing, with its consent as it stands.
    expect(answer.data.contactConsents).toEqual([
      {
        listingId: life.listing.id,
        title: '砚池测绘诚招成都区域代理',
        fields: [
          { field: 'name', public: true },
          { field: 'phone', public: true },
          { field: 'wechat', public: true },
          { field: 'qq', public: true },
        ],
      },
    ])
    expect(answer.data.onDevice.map((d) => d.label)).toEqual(expect.arrayContaining(['浏览记录（最近看过的信息）']))
  })

  it('the export holds every stored record of the member, every field by its rule, and the phone in full', async () => {
    const answer = await privacy<ExportAnswer>('exportMyData')
    expect(answer.ok).toBe(true)
    if (!answer.ok) return
    const data = answer.data.export
    expect(data).toMatchObject({
      schema: 'zhineng.personal-data-export',
      schemaVersion: 1,
      userId: life.session.profile.userId,
    })

    // Complete: each record the store holds for the member is in the export, field by field.
    for (const declared of INVENTORY.filter((d) => d.owners.length > 0)) {
      const stored = await ownedDocs(backend, declared.collection, declared.owners, life.session.profile.userId)
      const exported = recordsOf(data, declared.collection)
      expect({ [declared.collection]: new Set(exported.map((r) => r._id)) }).toEqual({
        [declared.collection]: new Set(stored.map((d) => d._id)),
      })
      for (const doc of stored) {
        const parts = exported.filter((r) => r._id === doc._id)
        const merged = Object.assign({}, ...parts) as Record<string, unknown>
        for (const [field, use] of Object.entries(declared.fields)) {
          if (use.export === 'omit' || use.export === 'phone' || !(field in doc)) continue
          if (use.export === 'member') expect(merged[field]).toBeDefined()
          else
            expect({ [`${declared.collection}.${field}`]: merged[field] }).toEqual({
              [`${declared.collection}.${field}`]: doc[field],
            })
        }
      }
    }
    const [user] = recordsOf(data, Collections.users)
    expect(user).toMatchObject({ phone: LIFE.phone, wechatOpenId: LIFE.wechatOpenId, alipayUserId: LIFE.alipayUserId })
    expect(user).not.toHaveProperty('phoneHash')
    expect(recordsOf(data, Collections.users).find((r) => 'nickname' in r)).toMatchObject({ nickname: LIFE.nickname })

    // The listing with its image URLs and its contact in full; the comment; the favourite; the SMS record.
    const listing = recordsOf(data, Collections.listings).find((r) => r._id === life.listing.id)
    expect(listing).toMatchObject({ title: '砚池测绘诚招成都区域代理', posterId: '本人' })
    expect(String((listing?.images as string[])[0])).toMatch(/^\/files\/listings\//)
    expect(recordsOf(data, Collections.listings).find((r) => 'contact' in r)?.contact).toMatchObject({
      phone: LIFE.contactPhone,
      qq: LIFE.contactQq,
    })
    expect(recordsOf(data, Collections.comments).map((r) => r.content)).toEqual([LIFE.comment])
    expect(recordsOf(data, Collections.favourites).map((r) => r.listingId)).toEqual([life.otherListingId])
    expect(recordsOf(data, Collections.smsCodes).length).toBe(1)

    // Reveals both ways: the other member appears as the app shows them, never by id, phone or OPENID.
    const reveals = recordsOf(data, Collections.contactReveals)
    expect(reveals.map((r) => [r.viewerId, r.posterId])).toEqual(
      expect.arrayContaining([
        ['本人', { nickname: life.other.profile.nickname, companyName: '' }],
        [{ nickname: life.other.profile.nickname, companyName: '' }, '本人'],
      ]),
    )
    const text = JSON.stringify(answer.data)
    for (const secret of [
      LIFE.otherPhone,
      LIFE.otherNewPhone,
      LIFE.otherOpenId,
      life.other.profile.userId,
      'qinghe_zhang',
    ]) {
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false })
    }

    // The summary says the same in Chinese.
    expect(answer.data.summary).toContain('# 质能视界个人信息副本')
    expect(answer.data.summary).toContain(`手机号：${LIFE.phone}`)
    expect(answer.data.summary).toContain(LIFE.comment)
    expect(answer.data.fileName).toMatch(/^质能视界-个人信息-\d{4}-\d{2}-\d{2}\.json$/)
  })

  it('one export a day: the second is refused until the next China day', async () => {
    expect(await privacy('exportMyData')).toMatchObject({ ok: true })
    expect(await privacy('exportMyData')).toMatchObject({
      ok: false,
      status: 429,
      error: { code: 'RATE_LIMITED', message: '每天最多导出 1 次，请明天再试' },
    })
    backend.clock.advance(DAY)
    expect(await privacy('exportMyData')).toMatchObject({ ok: true })
  })

  it('input it does not take is refused, naming nothing changed', async () => {
    const before = await countAll(backend)
    for (const action of ['getMyData', 'exportMyData', 'getInventory'] as const) {
      expect(await privacy(action, { userId: life.other.profile.userId })).toMatchObject({
        ok: false,
        status: 400,
        error: { code: 'INVALID_INPUT', message: '请求参数包含不支持的字段' },
      })
    }
    expect(await countAll(backend)).toEqual(before)
  })
})
