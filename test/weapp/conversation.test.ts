/**
 * @jest-environment jsdom
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { createEmbeddedBackend, testClock, type EmbeddedBackend } from '../support/embedded'
import { putListing } from '../support/interactions'
import { loginBySms } from '../support/accounts'
import {
  DIST,
  launchWeapp,
  logInFromGuestView,
  type OpenedPage,
  tap,
  trigger,
  until,
  type Weapp,
} from '../support/weapp/harness'

jest.setTimeout(30_000)

const CONVERSATION = 'packages/messages/pages/conversation/index'
const PHONE = '13800005801'

let backend: EmbeddedBackend
let weapp: Weapp
let page: OpenedPage | undefined
let listing: ListingDoc

beforeAll(async () => {
  backend = await createEmbeddedBackend({ clock: testClock(Date.now()) })
  weapp = launchWeapp(backend)
  const poster = await loginBySms(backend, '13800005802')
  listing = await putListing(backend, poster.profile.userId, { title: '光伏组件西南区域代理' })
})

afterEach(() => {
  page?.close()
  page = undefined
})

afterAll(async () => {
  await backend.dispose()
})

const messageCalls = (action: string) =>
  weapp.cloudCalls.filter((c) => c.name === 'messages' && (c.data as { action: string }).action === action)

describe('留言咨询 in the compiled WeChat build', () => {
  it('the conversation pages are a subpackage of their own, not in the main package', () => {
    const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
      pages: string[]
      subPackages: Array<{ root: string; pages: string[] }>
    }
    expect(app.subPackages).toContainEqual({
      root: 'packages/messages',
      pages: ['pages/conversation/index', 'pages/card/index'],
    })
    expect(app.pages.some((p) => p.includes('conversation'))).toBe(false)
  })

  it('a member opened from 「给TA留言」 logs in, writes the first message, and it is sent through callFunction', async () => {
    const opened = weapp.openPage(CONVERSATION, { listingId: listing._id })
    page = opened
    await logInFromGuestView(weapp, backend, opened, PHONE)
    await until(() => messageCalls('getInquiryState').length > 0, 'the listing’s inquiry state asked')

    const input = await until(() => opened.one('conversation-page__input'), 'the message box')
    trigger(input, 'input', { value: '请问西南区域还有名额吗？' })
    tap(await until(() => opened.one('conversation-page__send'), 'the send button'))
    await until(
      () => opened.all('bubble__text').find((b) => b.textContent === '请问西南区域还有名额吗？'),
      'the sent message on the page',
    )
    expect(messageCalls('sendInquiry').map((c) => (c.data as { payload: unknown }).payload)).toEqual([
      { listingId: listing._id, text: '请问西南区域还有名额吗？' },
    ])
    // The conversation is the member's now, with the listing's title at its head.
    expect(opened.one('conversation-page__title')?.textContent).toBe('光伏组件西南区域代理')
  })
})
