import type { ActionContext } from '../../core/action-context'
import type { ContentVerdict } from '../../ports/content-checker'
import type { UserDoc } from '../accounts'
import type { ListingDoc } from './listing'

/** What the content check reads of a listing: every text a reader sees. */
export interface ReviewedText {
  title: string
  description: string
  company: string
  brand: string
  contact: { name: string }
  extra: Record<string, string>
}

/**
 * Checks a listing's text. WeChat's check needs the author's OPENID and works only for authors in WeChat
 * right now: a callFunction from WeChat carries it; an HTTPS call from the WeChat app uses the one bound
 * to the account. Everyone else is checked by the local rules (the driver decides, given no OPENID).
 */
export async function reviewListingText(
  ctx: ActionContext,
  user: UserDoc,
  text: ReviewedText,
): Promise<ContentVerdict> {
  const openId = wechatOpenIdOf(ctx, user)
  const joined = [
    text.title,
    text.description,
    text.company,
    text.brand,
    text.contact.name,
    ...Object.values(text.extra),
  ]
    .filter((part) => part !== '')
    .join('\n')
  return ctx.deps.content.check({ text: joined, scene: 'forum', openId })
}

/** The author's WeChat OPENID, when the request came from WeChat (the checks of text and images need it). */
export function wechatOpenIdOf(ctx: ActionContext, user: UserDoc): string | undefined {
  if (ctx.identity.kind === 'wechat') return ctx.identity.openId
  return ctx.request.platform === 'weapp' ? (user.wechatOpenId ?? undefined) : undefined
}

/** The stored status a verdict leads to, and the reason the poster sees. */
export function statusFor(verdict: ContentVerdict): Pick<ListingDoc, 'status' | 'reviewReason'> {
  switch (verdict.verdict) {
    case 'pass':
      return { status: 'published', reviewReason: null }
    case 'review':
      return { status: 'pending', reviewReason: verdict.reason ?? '内容需人工审核，审核通过后展示' }
    case 'reject':
      return { status: 'rejected', reviewReason: verdict.reason ?? '内容不符合发布规范，请修改后重新提交' }
  }
}
