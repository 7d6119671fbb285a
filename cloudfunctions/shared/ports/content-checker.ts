/**
 * Content security for text members publish. Drivers: WeChat's `msgSecCheck` v2 (needs the OPENID of a
 * WeChat user active in the last 2 hours, so it can only check what WeChat users write) and a local rule
 * driver with a configurable word list (Alipay, H5, the self-hosted server).
 *
 * The verdict decides, the caller does not second-guess it: `pass` publishes, `review` holds the content
 * for a moderator, `reject` refuses it with `reason` (Chinese, shown to the author).
 */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'social'

export interface ContentCheckRequest {
  text: string
  scene: ContentScene
  /** The author's WeChat OPENID when the request came from WeChat; drivers that need it fall back without. */
  openId?: string
}

export interface ContentVerdict {
  verdict: 'pass' | 'review' | 'reject'
  /** Why it was held or rejected, in Chinese. */
  reason?: string
  /** The driver's category of the finding (WeChat's label, or the local rule list's). */
  label?: string
}

export interface ContentChecker {
  check(request: ContentCheckRequest): Promise<ContentVerdict>
}

const SEVERITY: Record<ContentVerdict['verdict'], number> = { pass: 0, review: 1, reject: 2 }

/** The strictest of several verdicts (a text checked in parts is as bad as its worst part). */
export function worstVerdict(verdicts: ContentVerdict[]): ContentVerdict {
  return verdicts.reduce<ContentVerdict>(
    (worst, next) => (SEVERITY[next.verdict] > SEVERITY[worst.verdict] ? next : worst),
    { verdict: 'pass' },
  )
}
