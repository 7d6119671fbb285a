import type { ContentScene } from './content-checker'

/**
 * Content security for images members upload. Drivers: WeChat's `mediaCheckAsync` v2 (asynchronous: it
 * answers a trace id and pushes the verdict to the message-push URL within 30 minutes; needs the OPENID
 * of a WeChat user active in the last 2 hours and a URL WeChat can download) and a local driver with no
 * image analysis at all, which trusts posters with an approved listing and holds the rest for a
 * moderator (Alipay, H5, the self-hosted server, and WeChat's fallback).
 *
 * An image is shown only once a check has passed it: `pass` shows it, `review` holds it for a moderator,
 * `pending` keeps it hidden until the verdict for `traceId` arrives (moderation/image-verdicts.ts).
 */
export interface ImageCheckRequest {
  /** Where the checker can download the image (an absolute URL for WeChat). */
  url: string
  /** The storage key, for logs. */
  key: string
  mimeType: string
  scene: ContentScene
  /** The uploader's WeChat OPENID when the upload came from WeChat; drivers that need it fall back without. */
  openId?: string
  /** The uploader has a listing a check or a moderator approved: the local driver trusts them. */
  posterApproved: boolean
}

export type ImageSubmission =
  { verdict: 'pass' } | { verdict: 'review'; reason: string; label?: string } | { verdict: 'pending'; traceId: string }

export interface ImageChecker {
  /** Never throws for the checker's own failure: a driver that cannot check answers `review`. */
  submit(request: ImageCheckRequest): Promise<ImageSubmission>
}

/** What a checker found, in platform terms (drivers map their own labels onto these). */
export type ImageFinding = 'ad' | 'politics' | 'porn' | 'abuse' | 'illegal' | 'fraud' | 'vulgar' | 'copyright' | 'other'

/**
 * A verdict that arrived later for a submission answered `pending`. `risky` means the checker found
 * prohibited content; `review` asks a person; `failed`: the checker could not check the image
 * (unreachable URL, stale OPENID) and says nothing of it.
 */
export interface ImageVerdict {
  traceId: string
  verdict: 'pass' | 'review' | 'risky' | 'failed'
  finding: ImageFinding | null
  /** The checker's own label (WeChat's 20002 …), for the decision's note and the log. */
  label: string | null
  /** The checker's words for `failed` (WeChat's errcode and errmsg), for the log. */
  detail?: string
}
