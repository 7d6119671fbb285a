import { PushRefused, type Notifier, type PushMessage } from '../../ports/notifier'
import type { WechatClient } from './wechat-client'

/**
 * The Notifier port over WeChat's subscription messages:
 *
 *   POST /cgi-bin/message/subscribe/send?access_token=…
 *   {touser, template_id, page, data: {thing1: {value}, thing2: {value}, time3: {value}}, miniprogram_state, lang}
 *   → {errcode: 0, errmsg: 'ok'}
 *
 * The templates chosen in the mini-program console for our kinds carry three fields: thing1 (标题),
 * thing2 (内容摘要) and time3 (时间). A `thing` value holds at most 20 characters, so longer texts are cut.
 * 43101: the member has not subscribed (or used up their one-time subscription); 47003: a value WeChat
 * refuses; both come back as PushRefused with the errcode.
 */
export interface WechatSubscribeOptions {
  client: WechatClient
  /** Notice kind → template id. */
  templates: Record<string, string>
  /** `formal` in production; `developer` / `trial` for those builds. */
  state?: 'formal' | 'developer' | 'trial'
}

const THING_MAX = 20

export function createWechatSubscribe(options: WechatSubscribeOptions): Notifier {
  const { client, templates } = options
  return {
    templateFor: (kind) => templates[kind] ?? null,
    async send(message: PushMessage) {
      const reply = await client.withToken('subscribe_send', '/cgi-bin/message/subscribe/send', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: message.openId,
          template_id: message.templateId,
          page: message.page,
          data: {
            thing1: { value: thing(message.title) },
            thing2: { value: thing(message.summary) },
            time3: { value: chinaMinute(message.at) },
          },
          miniprogram_state: options.state ?? 'formal',
          lang: 'zh_CN',
        }),
      })
      if (reply.errcode) throw new PushRefused(reply.errcode, client.failure('subscribe_send', reply).message)
    },
  }
}

function thing(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length > THING_MAX ? `${chars.slice(0, THING_MAX - 1).join('')}…` : chars.join('')
}

/** `2026-12-02 09:30`, China time (UTC+8, no daylight saving). */
function chinaMinute(at: number): string {
  return new Date(at + 8 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ')
}
