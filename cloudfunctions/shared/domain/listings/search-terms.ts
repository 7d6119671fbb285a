/**
 * Keyword search by terms: a listing stores the single characters and the bigrams (adjacent pairs) of
 * its searchable text, and a keyword matches when the listing holds all of the keyword's bigrams (or its
 * one character). Why not full-text search: SQLite's FTS5 trigram tokenizer finds nothing for a
 * two-character query, and Chinese keywords are often two characters (招商, 加盟); CloudBase has no
 * full-text index at all and a regex is a collection scan. Terms on an indexed array field serve both
 * stores the same way (collections.ts `multiKey`).
 *
 * The match is "every bigram of the keyword occurs in the listing", which for Chinese is nearly always
 * "the keyword occurs"; the rare false positive (both halves present, not adjacent) costs one card.
 */
export interface SearchableText {
  title: string
  description: string
  company: string
  brand: string
}

/** A keyword longer than this many terms is cut: enough to pin a result, bounded work per query. */
const MAX_QUERY_TERMS = 12

/** Case and width do not matter (ＡＢＣ = abc, ５ = 5); spaces and punctuation separate runs. */
function runsOf(text: string): string[][] {
  const runs =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  return runs.map((run) => Array.from(run))
}

/** Every single character and every bigram of the listing's searchable text, each once. */
export function searchTermsOf(listing: SearchableText): string[] {
  const terms = new Set<string>()
  for (const field of [listing.title, listing.description, listing.company, listing.brand]) {
    for (const chars of runsOf(field)) {
      for (let i = 0; i < chars.length; i++) {
        terms.add(chars[i])
        if (i + 1 < chars.length) terms.add(chars[i] + chars[i + 1])
      }
    }
  }
  return [...terms]
}

/**
 * The terms a listing must hold to match the keyword: the bigrams of each run, or a run's one character.
 * Empty when the keyword has no letters or digits at all (nothing can match it).
 */
export function keywordTerms(keyword: string): string[] {
  const terms = new Set<string>()
  for (const chars of runsOf(keyword)) {
    if (chars.length === 1) terms.add(chars[0])
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i] + chars[i + 1])
  }
  return [...terms].slice(0, MAX_QUERY_TERMS)
}
