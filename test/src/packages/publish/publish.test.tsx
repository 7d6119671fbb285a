import { act, configure, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Collections } from '@shared/collections'
import type { StoredDocument } from '@shared/ports/document-store'
import { PUBLISH_DRAFT_KEY, TitleCounter } from '@/features/publish'
import PublishPage from '@/packages/publish/pages/edit/index'
import FeedPage from '@/pages/index/index'
import { CAMERA_MODEL, indexOfText, jpegMarkers, jpegWithGps } from '../../../support/images'
import { tap, typeInto, typeIntoTextarea } from '../../../support/web/input'
import { logInOnDevice, sentActions } from '../../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../../support/web/network'
import { openRoute } from '../../../support/web/page'

const POSTER_PHONE = '13500135000'
const TITLE = '青禾净水华南区域招商'

// These stories chain several round trips through the real handlers; on a loaded 2-core CI machine one
// step can take longer than the default second.
configure({ asyncUtilTimeout: 4000 })

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork()
  // A category as data: what the form shows and requires comes from here, not from code.
  await network.backend.store.insert(Collections.categories, {
    _id: 'test-franchise',
    name: '测试招商',
    order: 0,
    fields: { company: { shown: true, required: true }, qq: { shown: false, required: false } },
    extraFields: [{ key: 'fee', label: '加盟费用', required: true, maxLength: 30, placeholder: '如：5 万元起' }],
  })
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'ok' })
  // jsdom has no 2D canvas and says so on the console; the image is still stripped byte by byte.
  jest.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(async () => {
  jest.restoreAllMocks()
  await network.restore()
})

const byText = (selector: string, text: string) =>
  Array.from(document.querySelectorAll(selector)).find((el) => el.textContent === text)
const fieldError = (name: string) => document.querySelector(`.publish-field__error--${name}`)?.textContent

async function openPublish(): Promise<void> {
  openRoute('/packages/publish/pages/edit/index')
  render(<PublishPage />)
  await waitFor(() => expect(byText('.publish-category__item', '测试招商')).toBeDefined())
}

async function fillContent(): Promise<void> {
  if (byText('.publish-category__item', '测试招商')) await tap(byText('.publish-category__item', '测试招商'))
  await typeInto('publish-input--title', TITLE)
  await typeIntoTextarea(
    'publish-input--description',
    '厂家直供净水设备，提供样品、培训与售后支持，欢迎有渠道的伙伴合作。',
  )
  await typeInto('publish-input--company', '深圳青禾商贸有限公司')
  await typeInto('publish-input--extra-fee', '5 万元起')
}

async function next(): Promise<void> {
  await tap(screen.getByText('下一步'))
}

function listingRequests(action: string) {
  return sentActions(network, 'listings', action)
}

async function storedListings() {
  const page = await network.backend.store.find<StoredDocument & Record<string, unknown>>(Collections.listings, {
    where: { title: TITLE },
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
    limit: 10,
  })
  return page.items
}

describe('publishing a listing', () => {
  it('a member publishes step by step; only the ticked contact field is public, the photo loses its GPS, and the feed shows it', async () => {
    const session = await logInOnDevice(network, POSTER_PHONE)
    await openPublish()

    // The category decides the fields: company and 加盟费用 are required; QQ is not collected at all.
    await tap(byText('.publish-category__item', '测试招商'))
    await next()
    expect(fieldError('title')).toBe('标题至少 5 个字')
    expect(fieldError('description')).toBe('合作需求描述至少 10 个字')
    expect(fieldError('company')).toBe('请填写公司名称')
    expect(fieldError('extra-fee')).toBe('请填写加盟费用')
    expect(listingRequests('createListing')).toHaveLength(0)

    await fillContent()
    await tap(document.querySelector('.publish-field__region'))
    await tap(byText('.region-sheet__option', '广东省'))
    await tap(byText('.region-sheet__option', '深圳'))
    await next()

    // Images: picked, metadata stripped and re-encoded on the device, uploaded.
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({
      tempFilePaths: ['blob:local/photo-1'],
      tempFiles: [{ path: 'blob:local/photo-1', size: 900, originalFileObj: new Blob([jpegWithGps()]) }],
      errMsg: 'chooseImage:ok',
    } as unknown as Taro.chooseImage.SuccessCallbackResult)
    await tap(screen.getByText('+ 添加图片'))
    await waitFor(() => expect(document.querySelectorAll('.publish-images__item')).toHaveLength(1))
    const [upload] = listingRequests('uploadListingImage')
    const sentBytes = new Uint8Array(Buffer.from((upload.body.payload as { data: string }).data, 'base64'))
    expect(jpegMarkers(sentBytes)).not.toContain(0xe1)
    expect(indexOfText(sentBytes, CAMERA_MODEL)).toBe(-1)
    await next()

    // Contacts: each has its own unticked consent; only the phone is ticked.
    expect(document.querySelector('.publish-input--contact-qq')).toBeNull()
    expect(document.querySelectorAll('.publish-consent--on')).toHaveLength(0)
    await typeInto('publish-input--contact-name', '王经理')
    await typeInto('publish-input--contact-phone', '13812345678')
    await typeInto('publish-input--contact-wechat', 'qinghe_wang')
    await tap(document.querySelector('.publish-consent--phone'))
    expect(document.querySelector('.publish-consent--phone')?.getAttribute('aria-checked')).toBe('true')
    await next()

    await tap(byText('.publish-validity__item', '7 天'))
    await next()
    const previewPublic = (field: string) =>
      document.querySelector(`.publish-preview__contact--${field} .publish-preview__public`)?.textContent
    expect(previewPublic('phone')).toBe('公开')
    expect(previewPublic('wechat')).toBe('不公开')

    // A double tap publishes once.
    const submit = screen.getByText('确认发布')
    await act(async () => {
      fireEvent.click(submit)
      fireEvent.click(submit)
    })

    await waitFor(() => expect(document.querySelector('.publish-result__title')?.textContent).toBe('已发布'))
    expect(listingRequests('createListing')).toHaveLength(1)
    const listings = await storedListings()
    expect(listings).toHaveLength(1)
    expect(listings[0]).toMatchObject({
      posterId: session.profile.userId,
      category: 'test-franchise',
      company: '深圳青禾商贸有限公司',
      province: '广东省',
      city: '深圳',
      extra: { fee: '5 万元起' },
      validityDays: 7,
      contact: { name: '王经理', phone: '13812345678', wechat: 'qinghe_wang', public: { phone: true, wechat: false } },
    })
    expect((listings[0].contact as { public: { name?: boolean } }).public.name ?? false).toBe(false)
    expect(listings[0].images as string[]).toHaveLength(1)
    // The draft is gone from the device once the server has the listing.
    expect(Taro.getStorageSync(PUBLISH_DRAFT_KEY)).toBeFalsy()

    cleanup()
    render(<FeedPage />)
    await waitFor(() => expect(document.querySelector('.listing-card__title')?.textContent).toBe(TITLE))
  })

  it('the draft is kept on the device: leaving and coming back restores it, with the same request id', async () => {
    await logInOnDevice(network, POSTER_PHONE)
    await openPublish()
    await fillContent()
    const first = JSON.parse(String(Taro.getStorageSync(PUBLISH_DRAFT_KEY)))
    expect(first).toMatchObject({ title: TITLE, category: 'test-franchise', step: 'content' })

    cleanup()
    openRoute('/packages/publish/pages/edit/index')
    render(<PublishPage />)

    await waitFor(() => expect(screen.getByText('已恢复上次未发布的草稿')).toBeTruthy())
    await waitFor(() =>
      expect(document.querySelector<HTMLInputElement>('.publish-input--title input')?.value).toBe(TITLE),
    )
    expect(JSON.parse(String(Taro.getStorageSync(PUBLISH_DRAFT_KEY))).clientRequestId).toBe(first.clientRequestId)

    await tap(screen.getByText('清空重填'))
    expect(byText('.publish-category__item', '测试招商')).toBeDefined()
    expect(JSON.parse(String(Taro.getStorageSync(PUBLISH_DRAFT_KEY) || 'null'))?.title ?? '').toBe('')
  })

  it('when the answer to 确认发布 is lost, tapping again sends the same request id and still makes one listing', async () => {
    await logInOnDevice(network, POSTER_PHONE)
    // The server stores the listing, but its answer never reaches the device (a proxy error instead).
    let lost = false
    network.before = async (request) => {
      if (request.body.action !== 'createListing' || lost) return
      lost = true
      await network.backend.callHttp('listings', request.body, request.headers)
      return { status: 502, body: '<html>Bad Gateway</html>' }
    }
    await openPublish()
    await fillContent()
    for (const step of ['images', 'contact', 'validity', 'preview']) {
      if (step === 'validity') await typeInto('publish-input--contact-wechat', 'qinghe_wang')
      await next()
      expect(document.querySelector('.publish-steps__progress')?.textContent).toContain(
        { images: '上传图片', contact: '联系方式', validity: '有效期', preview: '预览' }[step],
      )
    }
    await tap(screen.getByText('确认发布'))
    await waitFor(() => expect(document.querySelector('.publish-steps__form-error')?.textContent).toBeTruthy())

    await tap(screen.getByText('确认发布'))

    await waitFor(() => expect(document.querySelector('.publish-result__title')?.textContent).toBe('已发布'))
    const ids = listingRequests('createListing').map(
      (r) => (r.body.payload as { clientRequestId: string }).clientRequestId,
    )
    expect(ids).toHaveLength(2)
    expect(new Set(ids).size).toBe(1)
    expect(await storedListings()).toHaveLength(1)
  })

  it('the step counter shows the final count from the start: 第 1/6 步 before a category is picked, 第 2/6 步 after', async () => {
    await logInOnDevice(network, POSTER_PHONE)
    await openPublish()
    const progress = () => document.querySelector('.publish-steps__progress')?.textContent
    expect(progress()).toBe('第 1/6 步 · 选择分类')

    await tap(byText('.publish-category__item', '测试招商'))
    expect(progress()).toBe('第 2/6 步 · 填写信息')
    expect(document.querySelector<HTMLElement>('.publish-steps__bar-fill')?.style.width).toBe(`${(2 / 6) * 100}%`)
  })

  it('when categories differ in their steps, steps are named without a total, so nothing jumps once one is picked', async () => {
    await network.backend.store.insert(Collections.categories, {
      _id: 'test-no-images',
      name: '无图分类',
      order: 1,
      fields: { images: { shown: false, required: false } },
      extraFields: [],
    })
    await logInOnDevice(network, POSTER_PHONE)
    await openPublish()
    const progress = () => document.querySelector('.publish-steps__progress')?.textContent
    expect(progress()).toBe('第 1 步 · 选择分类')
    expect(document.querySelector('.publish-steps__following')?.textContent).toBe('下一步：填写信息')
    expect(document.querySelector('.publish-steps__bar')).toBeNull()

    await tap(byText('.publish-category__item', '无图分类'))
    expect(progress()).toBe('第 2 步 · 填写信息')
    expect(document.querySelector('.publish-steps__following')?.textContent).toBe('下一步：联系方式')
  })

  it('a too-long title is not cut: the counter runs live, says when 40 is reached, and how much to trim beyond it', async () => {
    await logInOnDevice(network, POSTER_PHONE)
    await openPublish()
    await tap(byText('.publish-category__item', '测试招商'))
    const count = () => document.querySelector('.publish-field--title .publish-counter__count')?.textContent
    const note = () => document.querySelector('.publish-field--title .publish-counter__note')?.textContent
    expect(count()).toBe('0/40')

    await typeInto('publish-input--title', TITLE)
    expect(count()).toBe(`${TITLE.length}/40`)
    expect(note()).toBe('5–40 个字')

    await typeInto('publish-input--title', '招'.repeat(40))
    expect(count()).toBe('40/40')
    expect(note()).toBe('已达 40 字上限')

    const tooLong = '招'.repeat(45)
    await typeInto('publish-input--title', tooLong)
    // What was typed stays in the box; nothing is cut behind the member's back.
    expect(document.querySelector<HTMLInputElement>('.publish-input--title input')?.value).toBe(tooLong)
    expect(count()).toBe('45/40')
    expect(note()).toBe('标题最多 40 个字，请删减 5 个字')
    await next()
    expect(fieldError('title')).toBe('标题不能超过 40 个字')
    expect(listingRequests('createListing')).toHaveLength(0)
  })

  it('a contact in the wrong format is explained under its field, on the device, before anything is sent', async () => {
    await logInOnDevice(network, POSTER_PHONE)
    await openPublish()
    await fillContent()
    await next()
    await next()

    await typeInto('publish-input--contact-phone', '1381234')
    await typeInto('publish-input--contact-wechat', '微信号')
    await next()

    expect(fieldError('contact-phone')).toBe('请输入正确的 11 位手机号')
    expect(fieldError('contact-wechat')).toMatch(/^微信号须以字母开头/)
    expect(listingRequests('createListing')).toHaveLength(0)
  })

  it('editing: the form opens with the listing as the poster has it, and 保存修改 updates it (content checked again)', async () => {
    const session = await logInOnDevice(network, POSTER_PHONE)
    const created = await network.backend.callHttp(
      'listings',
      {
        action: 'createListing',
        payload: {
          clientRequestId: 'edit-story-0001',
          category: 'test-franchise',
          title: TITLE,
          description: '厂家直供净水设备，提供样品、培训与售后支持。',
          company: '深圳青禾商贸有限公司',
          extra: { fee: '5 万元起' },
          contact: { phone: '13812345678', public: { phone: true } },
          validityDays: 30,
        },
      },
      { authorization: `Bearer ${session.token}` },
    )
    const { id } = JSON.parse(created.body).data as { id: string }
    openRoute('/packages/publish/pages/edit/index', { id })
    render(<PublishPage />)

    await waitFor(() =>
      expect(document.querySelector<HTMLInputElement>('.publish-input--title input')?.value).toBe(TITLE),
    )
    expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '编辑合作信息' })
    await typeInto('publish-input--title', `${TITLE}（长期有效）`)
    while (!screen.queryByText('保存修改')) await next()
    await tap(screen.getByText('保存修改'))

    await waitFor(() => expect(document.querySelector('.publish-result__title')?.textContent).toBe('已发布'))
    const stored = await network.backend.store.get<StoredDocument & { title: string }>(Collections.listings, id)
    expect(stored?.title).toBe(`${TITLE}（长期有效）`)
    expect(listingRequests('updateListing')).toHaveLength(1)
    // Editing never touches the new-listing draft.
    expect(Taro.getStorageSync(PUBLISH_DRAFT_KEY)).toBeFalsy()
  })

  it('a visitor who is not logged in is asked to log in first', async () => {
    openRoute('/packages/publish/pages/edit/index')
    render(<PublishPage />)
    await tap(await screen.findByText('同意'))

    expect(await screen.findByText('登录后发布合作信息')).toBeTruthy()
    expect(listingRequests('createListing')).toHaveLength(0)
  })
})

describe('the title counter', () => {
  const shown = (value: string) => {
    const { container, unmount } = render(<TitleCounter value={value} />)
    const counter = container.querySelector('.publish-counter')!
    const result = {
      state: counter.className.replace('publish-counter publish-counter--', ''),
      count: counter.querySelector('.publish-counter__count')?.textContent,
      note: counter.querySelector('.publish-counter__note')?.textContent,
    }
    unmount()
    return result
  }

  it('counts what the contract counts (no surrounding spaces), and names the limit at 40 and beyond', () => {
    expect(shown('')).toEqual({ state: 'ok', count: '0/40', note: '5–40 个字' })
    expect(shown('  青禾净水  ')).toEqual({ state: 'ok', count: '4/40', note: '5–40 个字' })
    expect(shown('字'.repeat(39))).toEqual({ state: 'ok', count: '39/40', note: '5–40 个字' })
    expect(shown('字'.repeat(40))).toEqual({ state: 'full', count: '40/40', note: '已达 40 字上限' })
    expect(shown('字'.repeat(41))).toEqual({ state: 'over', count: '41/40', note: '标题最多 40 个字，请删减 1 个字' })
  })
})
