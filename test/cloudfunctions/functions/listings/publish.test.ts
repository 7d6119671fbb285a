import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Collections } from '@shared/collections'
import type { Envelope, MyListingDetail, Session } from '@shared/contracts'
import { LISTING_IMAGE_MAX_BYTES } from '@shared/contracts'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { DEFAULT_LIMITS } from '@shared/core/limits'

const DEFAULT_DAILY_PUBLISH_LIMIT = DEFAULT_LIMITS.publishesPerDay
import { agreedConsents, countAll, dataOf } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { listingsHttp, validListing } from '../../../support/listings'
import { guest, member, type Member } from '../../../support/member'

const DAY = 24 * 60 * 60 * 1000
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)])
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(64, 7)])

describe('listings: publishing', () => {
  let backend: EmbeddedBackend
  let a: Member<'listings'>

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    a = await member(backend, '13800000001', 'listings')
  })
  afterEach(() => backend.dispose())

  const stored = (id: string) => backend.store.get<ListingDoc>(Collections.listings, id)
  const detail = (id: string) => guest(backend, 'listings').call('getListing', { id })
  const feedIds = async (payload: Record<string, unknown> = {}) =>
    dataOf(await guest(backend, 'listings').call('listListings', { pageSize: 50, ...payload })).items.map((i) => i.id)

  it('a member publishes a listing: it is stored with the full contact, shown in the feed with only what was consented', async () => {
    const created = await a.publish({
      contact: { name: '张经理', phone: '13912345678', wechat: 'qinghe_zhang', public: { name: true, phone: true } },
    })
    expect(created).toMatchObject({
      status: 'published',
      reviewReason: null,
      title: '智能门锁诚招成都区域代理',
      region: { province: '四川省', city: '成都' },
      validityDays: 30,
      viewCount: 0,
      contact: { phone: '13912345678', wechat: 'qinghe_zhang', public: { name: true, phone: true, wechat: false } },
    })
    expect(created.expiresAt - created.publishedAt).toBe(30 * DAY)

    const doc = await stored(created.id)
    expect(doc).toMatchObject({ posterId: a.userId, status: 'published', contact: { wechat: 'qinghe_zhang' } })
    expect(doc?.terms).toEqual(expect.arrayContaining(['门锁', '代理', '青禾', '成都']))

    expect(await feedIds()).toContain(created.id)
    const shown = dataOf(await detail(created.id))
    expect(shown).toMatchObject({ contactName: '张经理', maskedPhone: '139****5678', hasWechat: false, hasQq: false })
    expect(JSON.stringify(shown)).not.toMatch(/13912345678|qinghe_zhang|terms/)
  })

  it('every contact field stays private unless its own box was ticked (PIPL Art. 25: unticked by default)', async () => {
    const created = await a.publish({ contact: { name: '张经理', phone: '13912345678', wechat: 'qinghe_zhang' } })
    expect(created.contact.public).toEqual({ name: false, phone: false, wechat: false, qq: false })
    expect(dataOf(await detail(created.id))).toMatchObject({
      contactName: '',
      maskedPhone: null,
      hasWechat: false,
      hasQq: false,
    })
  })

  it('a guest cannot publish or upload: UNAUTHENTICATED, nothing stored', async () => {
    const before = await countAll(backend)
    const visitor = guest(backend, 'listings')
    expect(await visitor.call('createListing', validListing())).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'UNAUTHENTICATED' },
    })
    expect(
      await visitor.call('uploadListingImage', { mimeType: 'image/png', data: PNG.toString('base64') }),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await countAll(backend)).toEqual(before)
  })

  it('a member whose age confirmation says under 14 without a guardian cannot publish (CONSENT_REQUIRED)', async () => {
    await backend.store.update(Collections.users, a.userId, { age: 'minor' })
    const before = await countAll(backend)
    expect(await a.call('createListing', validListing())).toMatchObject({
      ok: false,
      error: { code: 'CONSENT_REQUIRED', field: 'age' },
    })
    expect(await countAll(backend)).toEqual(before)
    await backend.store.update(Collections.users, a.userId, { age: 'guardian' })
    expect((await a.publish()).status).toBe('published')
  })

  describe('idempotent submit', () => {
    it('a retry with the same request id returns the same listing and never stores a second one', async () => {
      const payload = validListing()
      const first = dataOf(await a.call('createListing', payload))
      const again = dataOf(await a.call('createListing', payload))
      expect(again.id).toBe(first.id)
      expect(await backend.store.count(Collections.listings, { posterId: a.userId })).toBe(1)
    })

    it('two submissions racing with the same request id make one listing', async () => {
      const payload = validListing()
      const results = await Promise.all([a.call('createListing', payload), a.call('createListing', payload)])
      const ids = results.map((r) => dataOf(r as never as { ok: true; data: MyListingDetail }).id)
      expect(ids[0]).toBe(ids[1])
      expect(await backend.store.count(Collections.listings, { posterId: a.userId })).toBe(1)
    })

    it('the same request id from another member is that member’s own, separate listing', async () => {
      const b = await member(backend, '13800000002', 'listings')
      const payload = validListing()
      const mine = dataOf(await a.call('createListing', payload))
      const theirs = dataOf(await b.call('createListing', { ...payload, contact: { phone: '13700000000' } }))
      expect(theirs.id).not.toBe(mine.id)
      expect((await stored(mine.id))?.posterId).toBe(a.userId)
      expect((await stored(theirs.id))?.posterId).toBe(b.userId)
    })
  })

  describe('the content check decides the status', () => {
    it('a reject word: stored as rejected with the reason naming it, never shown publicly', async () => {
      const created = await a.publish({ title: '代理加盟，另有赌博项目合作' })
      expect(created).toMatchObject({ status: 'rejected', reviewReason: '内容包含违规词「赌博」，请修改后再发布' })
      expect(await feedIds()).not.toContain(created.id)
      expect(await detail(created.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      const mine = dataOf(await a.call('listMyListings', {}))
      expect(mine.items[0]).toMatchObject({
        id: created.id,
        status: 'rejected',
        reviewReason: expect.stringContaining('赌博'),
      })
    })

    it('a word that needs a human: held as pending with its reason, not in the feed', async () => {
      const created = await a.publish({ description: '加盟项目投入少，高 回 报，欢迎有资源的伙伴洽谈合作。' })
      expect(created).toMatchObject({ status: 'pending', reviewReason: '内容包含需人工审核的词「高回报」' })
      expect(await feedIds()).not.toContain(created.id)
    })

    it('every text a reader sees is checked: company, brand, contact name and category fields too', async () => {
      expect((await a.publish({ company: '成都博彩科技有限公司' })).status).toBe('rejected')
      expect((await a.publish({ brand: '六合彩', title: '品牌代理招募成都合作伙伴' })).status).toBe('rejected')
      expect(
        (await a.publish({ contact: { name: '毒品王', phone: '13912340000' }, title: '代理招募：成都区域合作' }))
          .status,
      ).toBe('rejected')
      expect(
        (await a.publish({ extra: { firstOrder: '稳赚不赔' }, title: '成都区域代理：首批优惠进行中' })).status,
      ).toBe('pending')
    })

    it('control and bidi characters are removed, a bare < is kept, and markup is refused naming the field', async () => {
      const created = await a.publish({
        title: '门锁代理\u0000招募\u202e中',
        description: '第一行\r\n第二行\u0007，价格<100 元\u200b起',
      })
      expect(created.title).toBe('门锁代理招募中')
      expect(created.description).toBe('第一行\n第二行，价格<100 元起')
      const refused = await a.call(
        'createListing',
        validListing({ description: '详见 <script>alert(1)</script> 说明，欢迎来电咨询合作' }),
      )
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'description', message: '合作需求描述不能包含 HTML 标签' },
      })
    })

    it('WeChat’s check gets the author’s OPENID only for a call from WeChat; others are checked without one', async () => {
      const seen: Array<{ scene: string; openId?: string }> = []
      const recording = await createEmbeddedBackend({
        content: {
          async check(request) {
            seen.push({ scene: request.scene, openId: request.openId })
            return { verdict: 'pass' }
          },
        },
      })
      try {
        const openId = 'o-wechat-author'
        const login = await recording.callFunction(
          'auth',
          {
            action: 'loginWithWechat',
            payload: {
              phoneCode: recording.wechat.phoneCode('13800000005', openId),
              consents: agreedConsents(recording.clock.now(), 'weapp'),
            },
          },
          { openId },
        )
        const session = dataOf(login as Envelope<Session>)
        const viaCallFunction = await recording.callFunction(
          'listings',
          { action: 'createListing', payload: validListing() },
          { openId },
        )
        expect(viaCallFunction).toMatchObject({ ok: true, data: { status: 'published' } })
        // The same account over HTTPS from the WeChat app: the OPENID bound to it; from H5: none.
        const overHttps = (platform: string) =>
          recording.callHttp(
            'listings',
            { action: 'createListing', payload: validListing({ title: `来自 ${platform} 的门锁代理招募` }) },
            { authorization: `Bearer ${session.token}`, 'x-client-platform': platform },
          )
        expect((await overHttps('weapp')).statusCode).toBe(200)
        expect((await overHttps('h5')).statusCode).toBe(200)
        expect(seen).toEqual([
          { scene: 'forum', openId },
          { scene: 'forum', openId },
          { scene: 'forum', openId: undefined },
        ])
      } finally {
        await recording.dispose()
      }
    })

    it('the configured word list (CONTENT_BLOCKLIST) extends the defaults', async () => {
      const { localContentRulesFromEnv } = await import('@shared/drivers/local/local-content-rules')
      const custom = await createEmbeddedBackend({
        content: localContentRulesFromEnv({ CONTENT_BLOCKLIST: '山寨，仿冒' }),
      })
      try {
        const poster = await member(custom, '13800000009', 'listings')
        expect((await poster.publish({ title: '门锁代理：仿 冒 大牌低价' })).status).toBe('rejected')
      } finally {
        await custom.dispose()
      }
    })
  })

  describe('limits', () => {
    it(`at most ${DEFAULT_DAILY_PUBLISH_LIMIT} publishes per member per day; the next is RATE_LIMITED; the next day is fresh`, async () => {
      for (let i = 0; i < DEFAULT_DAILY_PUBLISH_LIMIT; i++) {
        await a.publish({ title: `门锁代理招募第 ${i + 1} 期` })
      }
      const before = await countAll(backend)
      expect(await a.call('createListing', validListing({ title: '门锁代理招募第 11 期' }))).toMatchObject({
        ok: false,
        status: 429,
        error: { code: 'RATE_LIMITED', message: `每天最多发布 ${DEFAULT_DAILY_PUBLISH_LIMIT} 条信息，请明天再试` },
      })
      expect(await countAll(backend)).toEqual(before)

      // Deleting one does not give its slot back.
      const mine = dataOf(await a.call('listMyListings', {}))
      dataOf(await a.call('deleteListing', { id: mine.items[0].id }))
      expect((await a.call('createListing', validListing({ title: '门锁代理招募第 12 期' }))).ok).toBe(false)

      backend.clock.advance(DAY)
      expect((await a.publish({ title: '门锁代理招募第 13 期' })).status).toBe('published')
    })

    it('another member’s limit is their own', async () => {
      for (let i = 0; i < DEFAULT_DAILY_PUBLISH_LIMIT; i++) await a.publish({ title: `门锁代理招募第 ${i + 1} 期` })
      const b = await member(backend, '13800000002', 'listings')
      expect((await b.publish()).status).toBe('published')
    })

    it('the same title with the same phone within 24 h is refused as a duplicate, naming the title', async () => {
      const first = await a.publish()
      const before = await countAll(backend)
      expect(await a.call('createListing', validListing({ title: ' 智能门锁诚招成都区域代理 ' }))).toMatchObject({
        ok: false,
        status: 409,
        error: { code: 'CONFLICT', message: '请勿重复发布相同信息', field: 'title' },
      })
      // No listing, no quota taken: only the refusal itself is noted, for the moderators' view of the poster.
      expect(await countAll(backend)).toEqual({ ...before, duplicate_attempts: before.duplicate_attempts + 1 })

      // Another phone, or another title, is another listing.
      expect((await a.publish({ contact: { phone: '13912340000' } })).id).not.toBe(first.id)
      expect((await a.publish({ title: '智能门锁诚招绵阳区域代理' })).status).toBe('published')

      backend.clock.advance(DAY + 1)
      expect((await a.publish()).status).toBe('published')
    })

    it('a rejected listing is no duplicate: its poster may try again', async () => {
      expect((await a.publish({ description: '门锁代理，附带赌博项目，欢迎合作洽谈。' })).status).toBe('rejected')
      expect((await a.publish()).status).toBe('published')
    })
  })

  describe('categories are data', () => {
    it('each category says which fields it shows and requires, and its own fields', async () => {
      const categories = dataOf(await guest(backend, 'listings').call('listCategories', {}))
      const purchasing = categories.find((c) => c.id === 'purchasing')
      expect(purchasing?.fields.brand).toEqual({ shown: false, required: false })
      expect(purchasing?.fields.region).toEqual({ shown: true, required: true })
      expect(purchasing?.extraFields.map((f) => f.key)).toEqual(['quantity', 'deadline'])
      for (const category of categories) {
        expect(Object.keys(category.fields).sort()).toEqual(
          ['brand', 'company', 'contactName', 'images', 'phone', 'qq', 'region', 'wechat'].sort(),
        )
      }
    })

    it('a field the category requires is missing, or one it does not collect is present: INVALID_INPUT naming it', async () => {
      const before = await countAll(backend)
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ company: '' }, 'company', '请填写公司名称'],
        [{ region: null }, 'region', '请选择地区'],
        [{ category: 'purchasing', title: '长期采购办公家具一批' }, 'brand', '「采购需求」不填写品牌名称'],
        [{ contact: { name: '张经理' } }, 'contact.phone', '请至少填写一种联系方式'],
        [{ extra: { franchiseFee: '5 万' } }, 'extra.franchiseFee', '「代理加盟」不填写此项补充信息'],
        [{ extra: { firstOrder: '很多'.repeat(16) } }, 'extra.firstOrder', '首批进货额不能超过 30 个字'],
        [{ category: 'no-such-category' }, 'category', '请选择正确的分类'],
      ]
      for (const [overrides, field, message] of cases) {
        expect(await a.call('createListing', validListing(overrides))).toMatchObject({
          ok: false,
          status: 400,
          error: { code: 'INVALID_INPUT', field, message },
        })
      }
      expect(await countAll(backend)).toEqual(before)
    })

    it('a category inserted into the database is offered and enforced at once, with no code change', async () => {
      await backend.store.insert(Collections.categories, {
        _id: 'exhibition',
        name: '展会合作',
        order: 9,
        fields: { images: { shown: true, required: true }, brand: { shown: false }, qq: { shown: false } },
        extraFields: [
          { key: 'boothSize', label: '展位面积', required: true, maxLength: 10, placeholder: '如：36 平方米' },
        ],
      })
      const categories = dataOf(await guest(backend, 'listings').call('listCategories', {}))
      expect(categories.map((c) => c.name)).toContain('展会合作')

      const image = dataOf(
        await a.call('uploadListingImage', {
          mimeType: 'image/png',
          data: PNG.toString('base64'),
        }),
      )
      const base = { category: 'exhibition', title: '成都糖酒会展位转让合作', brand: '' }
      const refusals: Array<[Record<string, unknown>, string]> = [
        [{ ...base, extra: { boothSize: '36 平方米' } }, 'images'],
        [{ ...base, images: [image.key] }, 'extra.boothSize'],
        [{ ...base, images: [image.key], extra: { boothSize: '36 平方米' }, brand: '青禾' }, 'brand'],
        [
          {
            ...base,
            images: [image.key],
            extra: { boothSize: '36 平方米' },
            contact: { phone: '13912345678', qq: '12345' },
          },
          'contact.qq',
        ],
      ]
      for (const [overrides, field] of refusals) {
        expect(await a.call('createListing', validListing(overrides))).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', field },
        })
      }
      const created = await a.publish({ ...base, images: [image.key], extra: { boothSize: '36 平方米' } })
      expect(created).toMatchObject({ status: 'published', categoryName: '展会合作' })
      expect(dataOf(await detail(created.id)).extra).toEqual([
        { key: 'boothSize', label: '展位面积', value: '36 平方米' },
      ])
    })
  })

  describe('hostile input is refused naming the field, and nothing is stored', () => {
    const raw = (json: string) =>
      backend.callHttp('listings', json, { authorization: `Bearer ${a.token}`, 'x-client-platform': 'h5' })
    const long = (n: number) => '招'.repeat(n)
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['a title over 40 characters', { title: long(41) }, 'title'],
      ['a title under 5 characters', { title: '招商' }, 'title'],
      ['a description over 2000 characters', { description: long(2001) }, 'description'],
      ['a company name over 50 characters', { company: long(51) }, 'company'],
      ['a contact name over 20 characters', { contact: { name: long(21), phone: '13912345678' } }, 'contact.name'],
      ['a phone number of the wrong shape', { contact: { phone: '12345678901' } }, 'contact.phone'],
      ['a WeChat ID starting with a digit', { contact: { wechat: '1abcdef' } }, 'contact.wechat'],
      ['a WeChat ID too short', { contact: { wechat: 'abc' } }, 'contact.wechat'],
      ['a QQ number starting with 0', { contact: { qq: '012345' } }, 'contact.qq'],
      ['an operator where a string belongs', { title: { $gt: '' } }, 'title'],
      ['an operator in a nested string', { contact: { phone: { $ne: null } } }, 'contact.phone'],
      ['an array where a string belongs', { title: ['门锁代理招募'] }, 'title'],
      ['a number where a string belongs', { description: 12345678901 }, 'description'],
      ['an unknown field', { featured: true }, 'featured'],
      ['an unknown contact field', { contact: { phone: '13912345678', email: 'a@b.cn' } }, 'contact.email'],
      [
        'a consent for an unknown field',
        { contact: { phone: '13912345678', public: { email: true } } },
        'contact.public.email',
      ],
      [
        'a consent that is not yes or no',
        { contact: { phone: '13912345678', public: { phone: 'yes' } } },
        'contact.public.phone',
      ],
      ['a city outside its province', { region: { province: '广东省', city: '成都' } }, 'region.city'],
      ['a province that does not exist', { region: { province: '火星省', city: '成都' } }, 'region.province'],
      ['a validity other than 7, 30 or 90 days', { validityDays: 365 }, 'validityDays'],
      ['a malformed request id', { clientRequestId: 'a b' }, 'clientRequestId'],
      [
        'more than 9 images',
        { images: Array.from({ length: 10 }, (_, i) => `listings/u/${String(i).padStart(24, '0')}.png`) },
        'images',
      ],
      ['an image that is an outside URL', { images: ['https://evil.example/x.png'] }, 'images.0'],
      [
        'an image key that was never uploaded',
        { images: ['listings/someone/0123456789abcdef01234567.png'] },
        'images.0',
      ],
      [
        'an image twice',
        { images: ['listings/u/0123456789abcdef01234567.png', 'listings/u/0123456789abcdef01234567.png'] },
        'images',
      ],
      ['a category field with an operator', { extra: { firstOrder: { $gt: '' } } }, 'extra.firstOrder'],
    ]

    it.each(cases)('%s', async (_name, overrides, field) => {
      const before = await countAll(backend)
      const result = await a.call('createListing', validListing(overrides))
      expect(result).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_INPUT', field } })
      if (!result.ok) expect(result.error.message).toMatch(/[\u4e00-\u9fa5]/)
      expect(await countAll(backend)).toEqual(before)
    })

    it.each([
      [
        '__proto__ at the top',
        (body: string) => body.replace('"category"', '"__proto__":{"status":"published"},"category"'),
        '__proto__',
      ],
      [
        'constructor at the top',
        (body: string) => body.replace('"category"', '"constructor":{"x":1},"category"'),
        'constructor',
      ],
      [
        '__proto__ in the contact',
        (body: string) => body.replace('"contact":{', '"contact":{"__proto__":{"phone":"1"},'),
        'contact.__proto__',
      ],
      [
        '__proto__ among the category fields',
        (body: string) => body.replace('"validityDays"', '"extra":{"__proto__":"x"},"validityDays"'),
        'extra.__proto__',
      ],
      [
        'constructor among the category fields',
        (body: string) => body.replace('"validityDays"', '"extra":{"constructor":"x"},"validityDays"'),
        'extra.constructor',
      ],
    ])('%s', async (_name, tamper, field) => {
      const before = await countAll(backend)
      const body = tamper(JSON.stringify({ action: 'createListing', payload: validListing() }))
      const result = await raw(body)
      expect(JSON.parse(result.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } })
      expect(await countAll(backend)).toEqual(before)
    })
  })

  describe('images', () => {
    const upload = (member: Member<'listings'>, bytes: Buffer, mimeType = 'image/png') =>
      member.call('uploadListingImage', { mimeType, data: bytes.toString('base64') })

    it('uploaded images are stored under the member’s folder and shown on the listing in order', async () => {
      // A poster with an approved listing: their uploads show at once (a newcomer's wait for a moderator,
      // test/cloudfunctions/functions/moderation/image-checks.test.ts).
      await a.publish({ title: '先发布的一条门锁代理信息' })
      const first = dataOf(await upload(a, PNG))
      const second = dataOf(await upload(a, JPEG, 'image/jpeg'))
      expect(first.key).toMatch(new RegExp(`^listings/${a.userId}/[0-9a-f]{24}\\.png$`))
      expect(second.url).toBe(`/files/${second.key}`)
      expect(existsSync(join(backend.filesDir, first.key))).toBe(true)

      const created = await a.publish({ images: [second.key, first.key] })
      expect(created.images).toEqual([second, first])
      const shown = dataOf(await detail(created.id))
      expect(shown.images).toEqual([second.url, first.url])
      expect(shown.coverImage).toBe(second.url)
    })

    it('another member’s upload cannot be put on one’s own listing', async () => {
      const b = await member(backend, '13800000002', 'listings')
      const theirs = dataOf(await upload(b, PNG))
      const mine = dataOf(await upload(a, PNG))
      expect(await a.call('createListing', validListing({ images: [mine.key, theirs.key] }))).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'images.1', message: '图片不存在或已失效，请重新上传' },
      })
    })

    it('an image shows on one listing only, so deleting that listing can delete the file', async () => {
      const image = dataOf(await upload(a, PNG))
      const first = await a.publish({ images: [image.key] })
      expect(
        await a.call('createListing', validListing({ title: '另一条门锁代理信息', images: [image.key] })),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'images.0', message: '这张图片已用于其他信息，请重新上传' },
      })
      // Its own listing keeps it through an edit.
      const { clientRequestId: _c, validityDays: _v, ...content } = validListing({ images: [image.key] })
      expect(await a.call('updateListing', { id: first.id, ...content })).toMatchObject({ ok: true })
    })

    it('the type comes from the bytes; a wrong label, a non-image and an oversize image are refused', async () => {
      const before = await countAll(backend)
      expect(await upload(a, PNG, 'image/jpeg')).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'mimeType' } })
      expect(await upload(a, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatchObject({
        error: { code: 'INVALID_INPUT', field: 'data', message: '图片仅支持 JPG、PNG 或 WebP 格式' },
      })
      expect(await upload(a, PNG, 'image/gif')).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'mimeType' } })
      const big = Buffer.concat([PNG, Buffer.alloc(LISTING_IMAGE_MAX_BYTES)])
      expect(await upload(a, big)).toMatchObject({
        error: { code: 'INVALID_INPUT', field: 'data', message: '图片不能超过 2 MB' },
      })
      expect(await countAll(backend)).toEqual(before)
    })

    it('only the upload takes a large body; every other action keeps the small limit', async () => {
      const big = Buffer.concat([PNG, Buffer.alloc(1_500_000)])
      expect((await upload(a, big)).ok).toBe(true)
      const feed = await listingsHttp(backend, 'listListings', { city: 'x'.repeat(300_000) })
      expect(feed).toMatchObject({ ok: false, status: 413, error: { code: 'PAYLOAD_TOO_LARGE' } })
    })

    describe('thumbnails: the device uploads a small version beside each image', () => {
      const cardOf = async (id: string) =>
        dataOf(await guest(backend, 'listings').call('listListings', { pageSize: 50 })).items.find((i) => i.id === id)

      beforeEach(async () => {
        // An approved poster: their uploads show at once (a newcomer's wait is in image-checks.test.ts).
        await a.publish({ title: '先发布的一条门锁代理信息' })
      })

      it('the feed card shows the thumbnail, the detail the images themselves; the listing stores both files', async () => {
        const photo = dataOf(await upload(a, JPEG, 'image/jpeg'))
        const small = dataOf(await upload(a, JPEG, 'image/jpeg'))
        const other = dataOf(await upload(a, PNG))
        const created = await a.publish({ images: [photo.key, other.key], thumbnails: [small.key, null] })

        expect(await cardOf(created.id)).toMatchObject({ coverImage: photo.url, coverThumbnail: small.url })
        expect(dataOf(await detail(created.id)).images).toEqual([photo.url, other.url])
        expect(created.images).toEqual([{ ...photo, thumbnailKey: small.key }, other])
        expect(await stored(created.id)).toMatchObject({
          imageKeys: [photo.key, other.key],
          thumbnails: [small.url, ''],
          thumbnailKeys: [small.key, ''],
        })
        const record = await backend.store.get(Collections.listingImages, small.key.split('/')[2].split('.')[0])
        expect(record).toMatchObject({ listingId: created.id, ownerId: a.userId })
      })

      it('a listing whose images have no thumbnail (published before them) shows the image on its card', async () => {
        const photo = dataOf(await upload(a, PNG))
        const created = await a.publish({ images: [photo.key] })
        expect(await cardOf(created.id)).toMatchObject({ coverImage: photo.url, coverThumbnail: photo.url })
      })

      it.each([
        ['another member’s upload', 'theirs', 'thumbnails.0', '图片不存在或已失效，请重新上传'],
        ['an upload already on another listing', 'used', 'thumbnails.0', '这张图片已用于其他信息，请重新上传'],
        ['the image itself', 'same', 'thumbnails.0', '缩略图不能与其他图片或缩略图相同'],
        ['a key that is no upload key', 'bad', 'thumbnails.0', '图片编号格式不正确'],
        ['more thumbnails than images', 'extra', 'thumbnails', '缩略图数量不能多于图片'],
      ])('a thumbnail that is %s is refused naming it, and nothing is stored', async (_story, kind, field, message) => {
        const photo = dataOf(await upload(a, PNG))
        const b = await member(backend, '13800000002', 'listings')
        const used = dataOf(await upload(a, PNG))
        await a.publish({ title: '用掉一张缩略图的门锁信息', images: [used.key] })
        const thumbnails = {
          theirs: [dataOf(await upload(b, PNG)).key],
          used: [used.key],
          same: [photo.key],
          bad: ['listings/../secret.png'],
          extra: [null, dataOf(await upload(a, PNG)).key],
        }[kind]
        const before = await countAll(backend)
        expect(
          await a.call(
            'createListing',
            validListing({ title: '带缩略图的门锁代理信息', images: [photo.key], thumbnails }),
          ),
        ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field, message } })
        expect(await countAll(backend)).toEqual(before)
      })

      it('deleting the listing deletes the thumbnails’ files; an edit that drops an image drops its thumbnail', async () => {
        const [photo, small, kept, keptSmall] = [
          dataOf(await upload(a, PNG)),
          dataOf(await upload(a, PNG)),
          dataOf(await upload(a, PNG)),
          dataOf(await upload(a, PNG)),
        ]
        const created = await a.publish({ images: [photo.key, kept.key], thumbnails: [small.key, keptSmall.key] })
        const {
          clientRequestId: _c,
          validityDays: _v,
          ...content
        } = validListing({
          images: [kept.key],
          thumbnails: [keptSmall.key],
        })
        expect(await a.call('updateListing', { listingId: created.id, ...content })).toMatchObject({ ok: true })
        expect(existsSync(join(backend.filesDir, small.key))).toBe(false)
        expect(existsSync(join(backend.filesDir, photo.key))).toBe(false)
        expect(existsSync(join(backend.filesDir, keptSmall.key))).toBe(true)

        dataOf(await a.call('deleteListing', { id: created.id }))
        expect(existsSync(join(backend.filesDir, kept.key))).toBe(false)
        expect(existsSync(join(backend.filesDir, keptSmall.key))).toBe(false)
        expect(await backend.store.get(Collections.listingImages, keptSmall.key.split('/')[2].split('.')[0])).toBeNull()
      })
    })

    it('deleting a listing deletes its image files', async () => {
      const image = dataOf(await upload(a, PNG))
      const created = await a.publish({ images: [image.key] })
      dataOf(await a.call('deleteListing', { id: created.id }))
      expect(existsSync(join(backend.filesDir, image.key))).toBe(false)
    })
  })
})
