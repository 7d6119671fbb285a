import type { ContentChecker, ContentVerdict } from '../../ports/content-checker'
import { DEFAULT_REJECT_WORDS, DEFAULT_REVIEW_WORDS } from './content-words'

/**
 * The ContentChecker port as a word list: for Alipay and H5 authors (WeChat's check needs a WeChat
 * OPENID), the self-hosted server, and as the WeChat driver's fallback. A text containing a reject word is
 * refused naming the word, so the author can fix it; a review word holds it for a moderator.
 */
export interface LocalContentRulesOptions {
  /** Added to the default reject list. */
  reject?: Iterable<string>
  /** Added to the default review list. */
  review?: Iterable<string>
}

/** Extra words from the environment: CONTENT_BLOCKLIST (reject), CONTENT_REVIEWLIST (review). */
export const CONTENT_BLOCKLIST_ENV = 'CONTENT_BLOCKLIST'
export const CONTENT_REVIEWLIST_ENV = 'CONTENT_REVIEWLIST'

/**
 * Case, full/half width, spaces and punctuation do not change a word: 「赌 博」, 「赌-博」 and 「ＤＲＵＧ」
 * match 「赌博」 and 「drug」.
 */
export function normaliseForRules(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

export function createLocalContentRules(options: LocalContentRulesOptions = {}): ContentChecker {
  const list = (defaults: readonly string[], extra: Iterable<string> | undefined) => [
    ...new Set([...defaults, ...(extra ?? [])].map(normaliseForRules).filter((w) => w.length > 0)),
  ]
  const reject = list(DEFAULT_REJECT_WORDS, options.reject)
  const review = list(DEFAULT_REVIEW_WORDS, options.review)
  return {
    async check({ text }): Promise<ContentVerdict> {
      const normalised = normaliseForRules(text)
      const rejected = reject.find((word) => normalised.includes(word))
      if (rejected) {
        return { verdict: 'reject', reason: `内容包含违规词「${rejected}」，请修改后再发布`, label: 'blocklist' }
      }
      const held = review.find((word) => normalised.includes(word))
      if (held) return { verdict: 'review', reason: `内容包含需人工审核的词「${held}」`, label: 'reviewlist' }
      return { verdict: 'pass' }
    },
  }
}

/** `"词1, 词2\n词3"` → ['词1', '词2', '词3']: commas (either width), semicolons or new lines separate. */
export function parseWordList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,，;；\n]/)
    .map((w) => w.trim())
    .filter(Boolean)
}

export function localContentRulesFromEnv(env: Record<string, string | undefined>): ContentChecker {
  return createLocalContentRules({
    reject: parseWordList(env[CONTENT_BLOCKLIST_ENV]),
    review: parseWordList(env[CONTENT_REVIEWLIST_ENV]),
  })
}
