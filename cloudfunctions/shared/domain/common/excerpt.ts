/** The start of a text on one line, at most `length` characters, with 「…」 when cut (summaries, previews). */
export function excerpt(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > length ? `${flat.slice(0, length)}…` : flat
}
