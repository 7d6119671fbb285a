import * as v from 'valibot'

/**
 * The one policy for text people type (titles, descriptions, names, comments, notes, nicknames), applied
 * in the contracts, so client and server clean and refuse alike:
 * - characters that are invisible or change how text around them displays are removed: C0/C1 controls
 *   (but the line breaks of a multi-line field), DEL, zero-width characters, bidi embeddings, overrides and
 *   isolates (U+202A–U+202E, U+2066–U+2069: 「abc\u202Edef」 would show reversed to others), BOM;
 * - a lone surrogate (half of a character, which no client can show) is refused;
 * - HTML tags are refused, so nothing stored looks like markup to a future renderer or a moderator's tool;
 *   a bare `<` (「价格<100」) is fine. Every client renders these fields as text.
 * Search keywords take the cleaning only (`cleanSingleLine`).
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const MARKUP = /<\s*[A-Za-z!/?]/

export const cleanSingleLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').replace(INVISIBLE, '')

const cleanMultiLine = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/\n{3,}/g, '\n\n')

/** A text field within `min`…`max` characters after cleaning and trimming; `min` 0 allows it empty. */
export const PlainText = (label: string, min: number, max: number, opts: { multiline?: boolean } = {}) =>
  v.pipe(
    v.string(`${label}必须是文本`),
    v.check((s) => !LONE_SURROGATE.test(s), `${label}包含无法显示的字符`),
    v.transform(opts.multiline ? cleanMultiLine : cleanSingleLine),
    v.trim(),
    v.minLength(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`),
    v.maxLength(max, `${label}不能超过 ${max} 个字`),
    v.check((s) => !MARKUP.test(s), `${label}不能包含 HTML 标签`),
  )
