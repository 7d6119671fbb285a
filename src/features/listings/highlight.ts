/** One run of a title: marked where it matches a word of the keyword. */
export interface TextPart {
  text: string
  marked: boolean
}

/**
 * Splits `text` into runs, marking every occurrence of any word of `keyword` (split at spaces,
 * case-insensitive, the longest word first where two overlap). Joined back, the parts are `text` exactly.
 * The search also matches on the description, company and brand, so a title may hold no word at all: then
 * it is one unmarked part.
 */
export function highlightParts(text: string, keyword: string): TextPart[] {
  const words = [...new Set(keyword.trim().toLowerCase().split(/\s+/u).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  )
  if (!text || words.length === 0) return text ? [{ text, marked: false }] : []
  const lower = text.toLowerCase()
  // Only when lower-casing keeps every position (it does for CJK and ASCII): offsets must stay the same.
  if (lower.length !== text.length) return [{ text, marked: false }]
  const marked = new Array<boolean>(text.length).fill(false)
  for (const word of words) {
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + word.length)) {
      if (marked.slice(at, at + word.length).some(Boolean)) continue
      marked.fill(true, at, at + word.length)
    }
  }
  const parts: TextPart[] = []
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1]
    if (last && last.marked === marked[i]) last.text += text[i]
    else parts.push({ text: text[i], marked: marked[i] })
  }
  return parts
}
