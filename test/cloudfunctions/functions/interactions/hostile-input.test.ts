import type { CommentItem } from '@shared/contracts'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { countAll, type Wire } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { putListing } from '../../../support/interactions'
import { member, type Member } from '../../../support/member'

/**
 * Every action's input is refused before anything runs when it is not what the contract says: wrong
 * types (operator objects such as `{"$gt": ""}` included), text over its limit or carrying markup,
 * unknown fields, `__proto__` / `constructor` keys, a reason not on the list. The error names the field
 * and nothing is stored anywhere.
 */
describe('interactions: hostile input', () => {
  let backend: EmbeddedBackend
  let poster: Member<'interactions'>
  let visitor: Member<'interactions'>
  let listing: ListingDoc
  let comment: CommentItem

  beforeAll(async () => {
    backend = await createEmbeddedBackend()
    poster = await member(backend, '13800000001', 'interactions')
    visitor = await member(backend, '13800000002', 'interactions')
    listing = await putListing(backend, poster.userId)
    comment = await poster.ok('postComment', { listingId: listing._id, content: '欢迎咨询' })
  })
  afterAll(() => backend.dispose())

  /** The raw body as an attacker would write it: JSON.parse makes `__proto__` an own key, as on the wire. */
  const send = async (action: string, rawPayload: string): Promise<Wire<unknown>> => {
    const result = await backend.callHttp('interactions', `{"action":"${action}","payload":${rawPayload}}`, {
      authorization: `Bearer ${visitor.token}`,
    })
    return { ...JSON.parse(result.body), status: result.statusCode } as Wire<unknown>
  }

  const id = () => JSON.stringify(listing._id)
  const cid = () => JSON.stringify(comment.id)

  interface Case {
    action: string
    what: string
    raw: () => string
    field: string
    message: RegExp | null
  }
  const c = (action: string, what: string, raw: () => string, field: string, message: RegExp | null = null): Case => ({
    action,
    what,
    raw,
    field,
    message,
  })

  const cases: Case[] = [
    c('revealContact', 'operator object', () => `{"listingId":{"$gt":""}}`, 'listingId', /文本/),
    c('revealContact', 'array', () => `{"listingId":["${listing._id}"]}`, 'listingId'),
    c('revealContact', 'path-like id', () => `{"listingId":"../users"}`, 'listingId', /格式/),
    c('revealContact', 'missing id', () => `{}`, 'listingId'),
    c('revealContact', 'unknown field', () => `{"listingId":${id()},"viewerId":"someone"}`, 'viewerId'),
    c('revealContact', '__proto__ key', () => `{"listingId":${id()},"__proto__":{"moderator":true}}`, '__proto__'),
    c('revealContact', 'constructor key', () => `{"listingId":${id()},"constructor":{"prototype":{}}}`, 'constructor'),
    c('listRevealLog', 'operator object', () => `{"listingId":{"$ne":null}}`, 'listingId'),
    c('listRevealLog', 'operator cursor', () => `{"cursor":{"$gt":""}}`, 'cursor'),
    c('listRevealLog', 'huge page size', () => `{"pageSize":1000}`, 'pageSize'),
    c('addFavourite', 'operator object', () => `{"listingId":{"$exists":true}}`, 'listingId'),
    c('addFavourite', 'caller-chosen user id', () => `{"listingId":${id()},"userId":"x"}`, 'userId'),
    c('listFavourites', 'query object', () => `{"where":{"userId":"x"}}`, 'where'),
    c('clearFavourites', 'caller-chosen user id', () => `{"userId":"someone-else"}`, 'userId'),
    c('postComment', 'operator object', () => `{"listingId":${id()},"content":{"$gt":""}}`, 'content', /文本/),
    c(
      'postComment',
      '301-character text',
      () => `{"listingId":${id()},"content":"${'长'.repeat(301)}"}`,
      'content',
      /300/,
    ),
    c('postComment', 'blank text', () => `{"listingId":${id()},"content":"   "}`, 'content', /请填写/),
    c(
      'postComment',
      'script tag',
      () => `{"listingId":${id()},"content":"<script>alert(1)</script>"}`,
      'content',
      /HTML/,
    ),
    c(
      'postComment',
      'img onerror tag',
      () => `{"listingId":${id()},"content":"<img src=x onerror=alert(1)>"}`,
      'content',
    ),
    c(
      'postComment',
      'lone surrogate',
      () => `{"listingId":${id()},"content":"半个\\ud800字"}`,
      'content',
      /无法显示的字符/,
    ),
    c('postComment', 'caller-chosen author', () => `{"listingId":${id()},"content":"好","authorId":"x"}`, 'authorId'),
    c('postComment', '__proto__ key', () => `{"listingId":${id()},"content":"好","__proto__":{"x":1}}`, '__proto__'),
    c('listComments', 'operator object', () => `{"listingId":{"$regex":".*"}}`, 'listingId'),
    c('deleteComment', 'operator object', () => `{"commentId":{"$ne":""}}`, 'commentId'),
    c(
      'reportListing',
      'reason not on the list',
      () => `{"listingId":${id()},"reason":"看不顺眼"}`,
      'reason',
      /举报原因/,
    ),
    c('reportListing', 'operator reason', () => `{"listingId":${id()},"reason":{"$in":["其他"]}}`, 'reason'),
    c(
      'reportListing',
      '201-character note',
      () => `{"listingId":${id()},"reason":"侵权","note":"${'多'.repeat(201)}"}`,
      'note',
      /200/,
    ),
    c('reportListing', 'array note', () => `{"listingId":${id()},"reason":"侵权","note":["a"]}`, 'note'),
    c(
      'reportListing',
      'caller-chosen status',
      () => `{"listingId":${id()},"reason":"侵权","status":"resolved"}`,
      'status',
    ),
    c('reportComment', 'missing reason', () => `{"commentId":${cid()}}`, 'reason'),
    c(
      'reportComment',
      'markup in the note',
      () => `{"commentId":${cid()},"reason":"其他","note":"<b>x</b>"}`,
      'note',
      /HTML/,
    ),
    c('listMyReports', 'caller-chosen reporter', () => `{"reporterId":"someone-else"}`, 'reporterId'),
    c('getListingInteractions', 'number id', () => `{"listingId":42}`, 'listingId'),
  ]

  it.each(cases)(
    '$action with a bad $what is INVALID_INPUT naming the field, nothing stored',
    async ({ action, raw, field, message }) => {
      const before = await countAll(backend)
      const result = await send(action, raw())
      expect(result).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_INPUT', field } })
      if (message && !result.ok) expect(result.error.message).toMatch(message)
      expect(await countAll(backend)).toEqual(before)
      // The prototype of plain objects is untouched by a `__proto__` key.
      expect(({} as Record<string, unknown>).moderator).toBeUndefined()
    },
  )

  it('a bare “<” in text is not markup: 「价格<100」 is accepted, and stored as typed', async () => {
    const posted = await visitor.ok('postComment', { listingId: listing._id, content: '价格<100 可以吗' })
    expect(posted.content).toBe('价格<100 可以吗')
  })
})
