import type { Logger } from '../../core/logger'
import { errorFields } from '../../core/logger'
import {
  worstVerdict,
  type ContentChecker,
  type ContentCheckRequest,
  type ContentScene,
  type ContentVerdict,
} from '../../ports/content-checker'
import { isRecord } from '../http-errors'
import type { WechatClient } from './wechat-client'
import { labelNumber, WECHAT_LABELS } from './wechat-labels'

/**
 * The ContentChecker port over WeChat's text security check, `msgSecCheck` v2:
 *
 *   POST /wxa/msg_sec_check?access_token=…  {content, version: 2, scene, openid}
 *   → {errcode: 0, errmsg, result: {suggest: 'risky' | 'review' | 'pass', label}, detail: [...], trace_id}
 *
 * `scene` 1 资料 / 2 评论 / 3 论坛 / 4 社交日志; `openid` must be a user who used the mini-program in the last
 * 2 hours. `label`: see wechat-labels.ts. Content is sent in parts of at most 2,000 characters (WeChat has
 * documented both 2,000 and 2,500) and the worst part decides.
 *
 * Without an OPENID (an author on Alipay or H5) WeChat cannot check, so the fallback (the local rules)
 * does. When WeChat fails, the fallback still runs and a pass becomes `review`: nothing is published that
 * no check has passed, and nobody is refused because of our outage.
 */
export interface WechatContentCheckOptions {
  client: WechatClient
  fallback: ContentChecker
  logger?: Logger
}

/** WeChat's `scene` numbers, shared with the image check (wechat-media-check.ts). */
export const SCENES: Record<ContentScene, number> = { profile: 1, comment: 2, forum: 3, social: 4 }
const PART_LENGTH = 2000

export function createWechatContentCheck(options: WechatContentCheckOptions): ContentChecker {
  const { client, fallback, logger } = options

  const checkPart = async (content: string, scene: ContentScene, openId: string): Promise<ContentVerdict> => {
    const reply = await client.withToken('msg_sec_check', '/wxa/msg_sec_check', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content, version: 2, scene: SCENES[scene], openid: openId }),
    })
    if (reply.errcode) throw client.failure('msg_sec_check', reply)
    const result = reply.result
    if (!isRecord(result) || typeof result.suggest !== 'string') {
      throw new Error('WeChat msg_sec_check answered without result.suggest')
    }
    const label = labelNumber(result.label)
    const name = WECHAT_LABELS[label]?.name ?? '违规'
    switch (result.suggest) {
      case 'pass':
        return { verdict: 'pass' }
      case 'review':
        return { verdict: 'review', reason: `内容可能涉及${name}信息，需人工审核`, label: String(label) }
      case 'risky':
        return { verdict: 'reject', reason: `内容涉及${name}信息，请修改后再发布`, label: String(label) }
      default:
        throw new Error(`WeChat msg_sec_check answered an unknown suggest "${result.suggest}"`)
    }
  }

  return {
    async check(request: ContentCheckRequest): Promise<ContentVerdict> {
      if (!request.openId) return fallback.check(request)
      const parts = splitText(request.text, PART_LENGTH)
      try {
        const verdicts: ContentVerdict[] = []
        for (const part of parts) verdicts.push(await checkPart(part, request.scene, request.openId))
        return worstVerdict(verdicts)
      } catch (error) {
        logger?.warn('wechat content check failed, using the local rules and holding for review', errorFields(error))
        const local = await fallback.check(request)
        if (local.verdict !== 'pass') return local
        return { verdict: 'review', reason: '内容安全检查暂不可用，已转人工审核', label: 'unchecked' }
      }
    },
  }
}

function splitText(text: string, size: number): string[] {
  const chars = Array.from(text)
  const parts: string[] = []
  for (let i = 0; i < chars.length; i += size) parts.push(chars.slice(i, i + size).join(''))
  return parts.length ? parts : ['']
}
