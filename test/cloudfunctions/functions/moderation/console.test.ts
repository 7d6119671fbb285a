import { Collections } from '@shared/collections'
import type { CategorySpec, ConsoleCategory } from '@shared/contracts'
import { policyEditions } from '@shared/policy/editions'
import { agreedConsents, authHttp, requestSmsCode } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { validListing as validOf } from '../../../support/listings'
import { guest, member, type ActionOf, type Caller, type Member } from '../../../support/member'
import { withNewPrivacy } from '../../../support/policy-editions'

const DAY = 24 * 60 * 60 * 1000

const ALL_HIDDEN = {
  company: { shown: false, required: false },
  brand: { shown: false, required: false },
  region: { shown: true, required: false },
  images: { shown: true, required: false },
  contactName: { shown: true, required: false },
  phone: { shown: true, required: false },
  wechat: { shown: true, required: false },
  qq: { shown: false, required: false },
}

/** A new category: no company or brand, its own required 展位面积. */
const exhibition = (overrides: Partial<CategorySpec> = {}) => ({
  name: '展会合作',
  fields: ALL_HIDDEN,
  extraFields: [{ key: 'boothArea', label: '展位面积', required: true, maxLength: 10, placeholder: '如：36 平方米' }],
  ...overrides,
})

/** A listing in `category` that says nothing of company or brand. */
const exhibitionListing = (category: string, extra: Record<string, string> = { boothArea: '36 平方米' }) => ({
  category,
  company: '',
  brand: '',
  extra,
  title: '春季建材展会诚邀参展企业',
  contact: { name: '李女士', phone: '13912345678', wechat: '', public: { name: true, phone: true } },
})

/** Every console action with a payload the contract accepts. */
const consoleCalls = [
  ['listAllCategories', {}],
  ['saveCategory', exhibition()],
  ['moveCategory', { id: 'agency', direction: 'up' }],
  ['setCategoryHidden', { id: 'agency', hidden: true }],
  ['deleteCategory', { id: 'agency' }],
  ['listPolicyVersions', {}],
  ['publishPolicyVersion', { document: 'privacy', version: policyEditions.privacy.version }],
] as const

/** What an edit sends: the content, without a new listing's request id and validity. */
const editOf = ({ clientRequestId: _id, validityDays: _days, ...rest }: Record<string, unknown>) => rest

const WRITES = new Set(['saveCategory', 'moveCategory', 'setCategoryHidden', 'deleteCategory', 'publishPolicyVersion'])

/** A member of the moderation function holding `role` (as `npm run moderator` grants it). */
async function withRole(backend: EmbeddedBackend, phone: string, role: 'admin' | 'moderator') {
  const someone = await member(backend, phone, 'moderation')
  await backend.store.insert(Collections.moderatorRoles, { _id: someone.userId, role, grantedAt: 0 })
  return someone
}

describe('the console: categories and policy versions', () => {
  let backend: EmbeddedBackend
  let admin: Member<'moderation'>
  let moderator: Member<'moderation'>
  let poster: Member<'moderation'>

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    ;[admin, moderator, poster] = await Promise.all([
      withRole(backend, '13800000201', 'admin'),
      withRole(backend, '13800000202', 'moderator'),
      member(backend, '13800000203', 'moderation'),
    ])
  })
  afterEach(() => backend.dispose())

  const publicNames = async () => (await guest(backend, 'listings').ok('listCategories', {})).map((c) => c.name)
  const audit = (action: string) =>
    backend.store.find(Collections.auditLog, {
      where: { action },
      orderBy: [{ field: 'at', direction: 'asc' }],
      limit: 50,
    })

  it('guests are asked to log in, members refused, moderators may look but not change; nothing is written', async () => {
    const before = await backend.store.count(Collections.auditLog)
    const outcome = async (who: Caller<'moderation'>, action: ActionOf<'moderation'>, payload: unknown) => {
      const answer = await who.call(action, payload)
      return answer.ok ? 'ok' : answer.error.code
    }
    for (const [action, payload] of consoleCalls) {
      const outcomes = [guest(backend, 'moderation'), poster, moderator].map((who) => outcome(who, action, payload))
      expect({ action, outcomes: await Promise.all(outcomes) }).toEqual({
        action,
        outcomes: ['UNAUTHENTICATED', 'NOT_ALLOWED', WRITES.has(action) ? 'NOT_ALLOWED' : 'ok'],
      })
    }
    expect(await backend.store.count(Collections.auditLog)).toBe(before)
    expect(await publicNames()).toContain('代理加盟')
    expect(await backend.store.get(Collections.categories, 'agency')).toMatchObject({ order: 2 })
  })

  it('an added category is in the public list and takes listings by its own field spec', async () => {
    const added = await admin.ok('saveCategory', exhibition())
    expect(added).toMatchObject({ name: '展会合作', hidden: false, listingCount: 0 })
    expect((await publicNames()).at(-1)).toBe('展会合作')
    const listings = poster.on('listings')
    // Its own required field, and a field it does not collect, are enforced on publish.
    expect(await listings.call('createListing', { ...validOf(exhibitionListing(added.id, {})) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'extra.boothArea' },
    })
    expect(
      await listings.call('createListing', validOf({ ...exhibitionListing(added.id), company: '某公司' })),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'company' } })
    const listing = await poster.publish(exhibitionListing(added.id))
    expect(listing.category).toBe(added.id)

    backend.clock.advance(1000)
    // Editing the spec: 展位面积 now at most 4 characters, and a new required 展会日期.
    const edited = await admin.ok('saveCategory', {
      ...exhibition(),
      id: added.id,
      name: '展会招展',
      extraFields: [
        { key: 'boothArea', label: '展位面积', required: true, maxLength: 4, placeholder: '' },
        { key: 'showDate', label: '展会日期', required: true, maxLength: 20, placeholder: '如：3 月 8 日' },
      ],
    })
    expect(edited).toMatchObject({ name: '展会招展', listingCount: 1 })
    expect(await publicNames()).toContain('展会招展')
    expect(await listings.call('createListing', validOf(exhibitionListing(added.id)))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'extra.boothArea' },
    })
    expect(
      await listings.call(
        'createListing',
        validOf({
          ...exhibitionListing(added.id, { boothArea: '36', showDate: '3 月 8 日' }),
          title: '秋季建材展会诚邀参展企业',
        }),
      ),
    ).toMatchObject({ ok: true })

    const saved = (await audit('saveCategory')).items
    expect(saved).toHaveLength(2)
    expect(saved[0]).toMatchObject({ targetKind: 'category', targetId: added.id, before: null, note: '展会合作' })
    expect(JSON.parse(saved[1]!.before as string)).toMatchObject({ name: '展会合作' })
    expect(JSON.parse(saved[1]!.after as string)).toMatchObject({ name: '展会招展' })
  })

  it('reordering and hiding show in the feed tabs and the publish check; a hidden category keeps its listings', async () => {
    const listing = await poster.publish()
    const moved = await admin.ok('moveCategory', { id: 'agency', direction: 'up' })
    expect(moved.slice(0, 2).map((c) => c.id)).toEqual(['agency', 'brand-franchise'])
    expect((await publicNames()).slice(0, 2)).toEqual(['代理加盟', '品牌招商'])
    // At the top, up again changes nothing and is not audited.
    await admin.ok('moveCategory', { id: 'agency', direction: 'up' })
    expect((await audit('moveCategory')).items).toHaveLength(1)

    const hidden = await admin.ok('setCategoryHidden', { id: 'agency', hidden: true })
    expect(hidden).toMatchObject({
      hidden: true,
      listingCount: await backend.store.count(Collections.listings, { category: 'agency' }),
    })
    expect(await publicNames()).not.toContain('代理加盟')
    // No new listings in it; the one there is still shown, named, and can be edited.
    expect(await poster.on('listings').call('createListing', validOf({}))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'category' },
    })
    const detail = await guest(backend, 'listings').ok('getListing', { id: listing.id })
    expect(detail).toMatchObject({ categoryName: '代理加盟' })
    expect(
      await poster.on('listings').call('updateListing', {
        ...editOf(validOf({ title: '智能门锁诚招重庆区域代理' })),
        listingId: listing.id,
      }),
    ).toMatchObject({ ok: true })
    expect((await admin.ok('listAllCategories', {})).find((c: ConsoleCategory) => c.id === 'agency')).toMatchObject({
      hidden: true,
    })

    backend.clock.advance(1000)
    await admin.ok('setCategoryHidden', { id: 'agency', hidden: false })
    expect(await publicNames()).toContain('代理加盟')
    expect((await audit('hideCategory')).items.map((e) => e.after && JSON.parse(e.after as string).hidden)).toEqual([
      true,
      false,
    ])
  })

  it('a category in use cannot be deleted, only hidden; an unused one goes', async () => {
    await poster.publish()
    expect(await admin.call('deleteCategory', { id: 'agency' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('隐藏') },
    })
    expect(await backend.store.get(Collections.categories, 'agency')).not.toBeNull()
    const unused = await admin.ok('saveCategory', exhibition())
    expect(await admin.ok('deleteCategory', { id: unused.id })).toEqual({ deleted: true })
    expect(await backend.store.get(Collections.categories, unused.id)).toBeNull()
    expect(await publicNames()).not.toContain('展会合作')
    expect(await admin.call('deleteCategory', { id: unused.id })).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect((await audit('deleteCategory')).items).toEqual([
      expect.objectContaining({ targetId: unused.id, after: null, note: '展会合作' }),
    ])
  })

  it('a bad field spec is refused naming the field, and nothing changes', async () => {
    const extra = exhibition().extraFields[0]!
    const cases: Array<[unknown, string]> = [
      [exhibition({ name: '' }), 'name'],
      [exhibition({ name: '<b>展会</b>' }), 'name'],
      [exhibition({ name: '代理加盟' }), 'name'],
      [exhibition({ extraFields: [extra, { ...extra, label: '面积' }] }), 'extraFields.1.key'],
      [exhibition({ extraFields: [extra, { ...extra, key: 'area' }] }), 'extraFields.1.label'],
      [exhibition({ extraFields: [{ ...extra, label: '' }] }), 'extraFields.0.label'],
      [exhibition({ extraFields: [{ ...extra, label: '<i>面积</i>' }] }), 'extraFields.0.label'],
      [exhibition({ extraFields: [{ ...extra, key: 'Booth area' }] }), 'extraFields.0.key'],
      [exhibition({ extraFields: [{ ...extra, key: 'constructor' }] }), 'extraFields.0.key'],
      [exhibition({ extraFields: [{ ...extra, maxLength: 0 }] }), 'extraFields.0.maxLength'],
      [exhibition({ extraFields: [{ ...extra, maxLength: 201 }] }), 'extraFields.0.maxLength'],
      [exhibition({ fields: { ...ALL_HIDDEN, company: { shown: false, required: true } } }), 'fields.company.required'],
      [{ ...exhibition(), fields: { ...ALL_HIDDEN, fax: { shown: true, required: false } } }, 'fields.fax'],
      [{ ...exhibition(), id: 'agency', fields: { region: ALL_HIDDEN.region } }, 'fields.company'],
    ]
    const before = await backend.store.count(Collections.categories)
    for (const [payload, field] of cases) {
      expect({ field, ...(await admin.call('saveCategory', payload)) }).toMatchObject({
        field,
        ok: false,
        error: { code: 'INVALID_INPUT', field },
      })
    }
    expect(await admin.call('saveCategory', { ...exhibition(), id: 'nothing-here' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    })
    expect(await backend.store.count(Collections.categories)).toBe(before)
    expect((await audit('saveCategory')).items).toHaveLength(0)
  })
})

describe('the console: publishing policy versions', () => {
  let backend: EmbeddedBackend
  let admin: Member<'moderation'>

  const current = policyEditions.privacy.version

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    admin = await withRole(backend, '13800000301', 'admin')
  })
  afterEach(() => backend.dispose())

  const login = async (phone: string, privacyVersion: string) => {
    // Past the wait between two codes for one number.
    backend.clock.advance(61_000)
    const code = await requestSmsCode(backend, phone)
    const consents = agreedConsents(backend.clock.now()).map((d) =>
      d.document === 'privacy' ? { ...d, version: privacyVersion } : d,
    )
    return authHttp(backend, 'loginWithSms', { phone, code, consents })
  }

  it('a fresh database requires the newest edition in code, recorded as the system’s publication', async () => {
    expect(await guest(backend, 'auth').ok('getPolicyVersions', {})).toEqual({
      privacy: policyEditions.privacy.version,
      terms: policyEditions.terms.version,
    })
    const [privacy, terms] = await admin.ok('listPolicyVersions', {})
    expect(privacy).toMatchObject({ document: 'privacy', published: current, publishable: null })
    expect(privacy!.publications).toEqual([
      expect.objectContaining({ version: current, publishedBy: 'system', publisher: null }),
    ])
    expect(privacy!.versions[0]).toMatchObject({ version: current, publishedAt: expect.any(Number) })
    expect(terms).toMatchObject({ document: 'terms', published: policyEditions.terms.version })
    // Publishing what is published is idempotent: the same record, no audit entry.
    expect(await admin.ok('publishPolicyVersion', { document: 'privacy', version: current })).toMatchObject({
      id: privacy!.publications[0]!.id,
      publishedBy: 'system',
    })
    expect(await backend.store.count(Collections.auditLog, { action: 'publishPolicy' })).toBe(0)
  })

  it('an edition in code waits for an admin; once published, logins need consent to it', async () => {
    backend.deps.policyEditions = withNewPrivacy
    await admin.ok('listPolicyVersions', {})
    // In code but not published: logins still need the published version.
    expect(await guest(backend, 'auth').ok('getPolicyVersions', {})).toMatchObject({ privacy: current })
    expect(await login('13800000302', current)).toMatchObject({ ok: true })
    const [privacy] = await admin.ok('listPolicyVersions', {})
    expect(privacy).toMatchObject({ published: current, publishable: '9.0.0' })
    expect(privacy!.versions[0]).toMatchObject({ version: '9.0.0', publishedAt: null })

    const publication = await admin.ok('publishPolicyVersion', { document: 'privacy', version: '9.0.0' })
    expect(publication).toMatchObject({
      id: 'privacy@9.0.0',
      version: '9.0.0',
      summary: ['测试用的新版本：新增一项说明。'],
      publishedBy: 'admin',
      publisher: expect.any(String),
    })
    expect(await guest(backend, 'auth').ok('getPolicyVersions', {})).toMatchObject({ privacy: '9.0.0' })
    // The member who agreed to the old version is refused until they agree to the new one.
    expect(await login('13800000302', current)).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } })
    expect(await login('13800000302', '9.0.0')).toMatchObject({ ok: true })
    expect(
      await backend.store.find(Collections.auditLog, {
        where: { action: 'publishPolicy' },
        orderBy: [{ field: 'at', direction: 'asc' }],
        limit: 5,
      }),
    ).toMatchObject({
      items: [
        { targetKind: 'policy', targetId: 'privacy@9.0.0', before: `privacy:${current}`, after: 'privacy:9.0.0' },
      ],
    })
    // Again: idempotent, no second record or entry.
    expect(await admin.ok('publishPolicyVersion', { document: 'privacy', version: '9.0.0' })).toMatchObject({
      publishedAt: publication.publishedAt,
      publisher: publication.publisher,
    })
    expect(await backend.store.count(Collections.policyPublications, { document: 'privacy' })).toBe(2)
    expect(await backend.store.count(Collections.auditLog, { action: 'publishPolicy' })).toBe(1)
  })

  it('refuses a version not in code and one older than the published', async () => {
    backend.deps.policyEditions = withNewPrivacy
    expect(await admin.call('publishPolicyVersion', { document: 'privacy', version: '9.9.9' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'version' },
    })
    expect(await admin.call('publishPolicyVersion', { document: 'privacy', version: 'latest' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'version' },
    })
    await admin.ok('publishPolicyVersion', { document: 'privacy', version: '9.0.0' })
    expect(await admin.call('publishPolicyVersion', { document: 'privacy', version: '1.0.0' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'version' },
    })
    expect(await guest(backend, 'auth').ok('getPolicyVersions', {})).toMatchObject({ privacy: '9.0.0' })
  })

  it('shows which version the members active in the last 30 days agreed to', async () => {
    backend.deps.policyEditions = withNewPrivacy
    await admin.ok('listPolicyVersions', {})
    await login('13800000303', current)
    await login('13800000304', current)
    const inactive = await login('13800000305', current)
    await admin.ok('publishPolicyVersion', { document: 'privacy', version: '9.0.0' })
    backend.clock.advance(60_000)
    await login('13800000303', '9.0.0')
    // Last logged in 31 days ago: not counted.
    const { userId } = (inactive as { data: { profile: { userId: string } } }).data.profile
    await backend.store.update(Collections.users, userId, { lastLoginAt: backend.clock.now() - 31 * DAY })
    const [privacy, terms] = await admin.ok('listPolicyVersions', {})
    expect(privacy!.activeMembers).toBe(3)
    expect(privacy!.shares).toEqual([
      { version: '9.0.0', count: 1, percent: 33.3 },
      { version: current, count: 2, percent: 66.7 },
    ])
    expect(terms!.shares).toEqual([{ version: policyEditions.terms.version, count: 3, percent: 100 }])
  })
})
