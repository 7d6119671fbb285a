import type { Logger } from '../../core/logger'
import { errorFields } from '../../core/logger'
import type { ImageChecker, ImageCheckRequest, ImageSubmission } from '../../ports/image-checker'
import { SCENES } from './wechat-content-check'
import type { WechatClient } from './wechat-client'

/**
 * The ImageChecker port over WeChat's asynchronous media check, `mediaCheckAsync` v2:
 *
 *   POST /wxa/media_check_async?access_token=…  {media_url, media_type: 2, version: 2, scene, openid}
 *   → {errcode: 0, errmsg: 'ok', trace_id}
 *
 * `media_type` 2 is an image (1 audio); `scene` as for msgSecCheck (1 资料 / 2 评论 / 3 论坛 / 4 社交日志);
 * `openid` must be a user who used the mini-program in the last 2 hours; `media_url` must be a URL WeChat
 * can download (absolute, on the internet, not a temporary address that expires first); at most 10 MB,
 * 2,000 calls a minute and 200,000 a day per AppID. The verdict is pushed within 30 minutes as the
 * `wxa_media_check` event to the mini-program's message-push URL (wechat-push.ts reads it), matched by
 * `trace_id`. (The cloud-call variant `cloud.openapi.security.mediaCheckAsync` answers `traceId`: not
 * this driver.)
 *
 * Without an OPENID (an uploader on Alipay or H5) WeChat cannot check, so the fallback (the local driver)
 * does. When WeChat fails (an errcode, the network, a reply without `trace_id`), the failure is logged
 * and the image is held for a moderator: never shown unchecked, and the upload still succeeds.
 */
export interface WechatMediaCheckOptions {
  client: WechatClient
  fallback: ImageChecker
  logger?: Logger
}

const IMAGE = 2
const UNCHECKED: ImageSubmission = {
  verdict: 'review',
  reason: '图片安全检查暂不可用，已转人工审核',
  label: 'unchecked',
}

export function createWechatMediaCheck(options: WechatMediaCheckOptions): ImageChecker {
  const { client, fallback, logger } = options

  const submitToWechat = async (request: ImageCheckRequest, openId: string): Promise<ImageSubmission> => {
    if (!/^https?:\/\//.test(request.url)) {
      throw new Error('the image URL is not absolute, so WeChat cannot download it (set PUBLIC_URL)')
    }
    const reply = await client.withToken('media_check_async', '/wxa/media_check_async', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        media_url: request.url,
        media_type: IMAGE,
        version: 2,
        scene: SCENES[request.scene],
        openid: openId,
      }),
    })
    if (reply.errcode) throw client.failure('media_check_async', reply)
    const traceId = reply.trace_id
    if (typeof traceId !== 'string' || traceId === '') {
      throw new Error('WeChat media_check_async answered without trace_id')
    }
    return { verdict: 'pending', traceId }
  }

  return {
    async submit(request) {
      if (!request.openId) return fallback.submit(request)
      try {
        return await submitToWechat(request, request.openId)
      } catch (error) {
        logger?.warn('wechat image check failed, holding the image for review', {
          key: request.key,
          ...errorFields(error),
        })
        return UNCHECKED
      }
    },
  }
}
