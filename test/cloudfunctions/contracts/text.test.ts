import * as v from 'valibot'
import { CommentContentSchema, UpdateProfileInput } from '@shared/contracts'
import { KeywordSchema, TextSchema } from '@shared/contracts/listings'
import { PlainText } from '@shared/contracts/text'
import type { Profile } from '@shared/contracts'
import { authHttp, dataOf, loginBySms } from '../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../support/embedded'

const parse = (schema: v.GenericSchema, value: unknown) => v.safeParse(schema, value)

/** One policy for every free-text field (contracts/text.ts), the same on both sides of the wire. */
describe('free text: one cleaning policy for every field people type', () => {
  const fields: Array<[string, v.GenericSchema]> = [
    ['listing title', TextSchema('标题', 1, 50)],
    ['comment', CommentContentSchema],
    ['nickname', UpdateProfileInput.entries.nickname],
    ['multi-line note', PlainText('说明', 0, 200, { multiline: true })],
  ]
  it.each(fields)('%s: bidi controls, zero-width, NUL and C1 characters are removed', (_name, schema) => {
    const result = parse(schema, 'abc\u202Edef\u200B\u0000\u0085\u2066x\uFEFF')
    expect(result.success && result.output).toBe('abcdefx')
  })

  it.each(fields)('%s: a lone surrogate is refused; a real astral character is kept', (_name, schema) => {
    const refused = parse(schema, '半个\uD83D字')
    expect(refused.success).toBe(false)
    if (!refused.success) expect(refused.issues[0].message).toMatch(/包含无法显示的字符$/)
    const kept = parse(schema, '点赞👍')
    expect(kept.success && kept.output).toBe('点赞👍')
  })

  it.each(fields)('%s: an HTML tag is refused, a bare < is not', (_name, schema) => {
    const refused = parse(schema, '你好<img src=x>')
    expect(refused.success).toBe(false)
    if (!refused.success) expect(refused.issues[0].message).toMatch(/不能包含 HTML 标签$/)
    const kept = parse(schema, '价格<100')
    expect(kept.success && kept.output).toBe('价格<100')
  })

  it('line breaks survive only where a field is multi-line', () => {
    const single = parse(TextSchema('标题', 1, 50), '第一行\n第二行')
    expect(single.success && single.output).toBe('第一行 第二行')
    const multi = parse(PlainText('说明', 0, 200, { multiline: true }), '第一行\r\n\n\n\n第二行')
    expect(multi.success && multi.output).toBe('第一行\n\n第二行')
    const keyword = parse(KeywordSchema, '招\u202E商')
    expect(keyword.success && keyword.output).toBe('招商')
  })

  describe('through the auth function', () => {
    let backend: EmbeddedBackend
    beforeEach(async () => {
      backend = await createEmbeddedBackend({ seed: false })
    })
    afterEach(() => backend.dispose())

    it('a nickname with a right-to-left override is stored and shown to others without it', async () => {
      const session = await loginBySms(backend, '13800001111')
      const profile = dataOf(
        await authHttp<Profile>(backend, 'updateProfile', { nickname: 'abc\u202Edef' }, { token: session.token }),
      )
      expect(profile.nickname).toBe('abcdef')
    })
  })
})
