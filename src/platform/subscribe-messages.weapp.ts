import Taro from '@tarojs/taro'
import type { RequestSubscriptions } from './subscribe-messages-types'

/** WeChat's one-time subscription messages (订阅消息), sent through the server's Notifier. */
export const subscriptionsSupported = true

/** WeChat shows at most 3 templates in one dialog. */
const MAX_TEMPLATES = 3

/**
 * Must be called from a tap (WeChat refuses otherwise, errCode 20004 or no dialog at all). Answers the
 * templates the member accepted; refused, banned or filtered ones, and a dialog WeChat would not show
 * (the member turned subscription messages off), answer none.
 */
export const requestSubscriptions: RequestSubscriptions = async (templateIds) => {
  const tmplIds = templateIds.slice(0, MAX_TEMPLATES)
  try {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)) as unknown
    const byTemplate = answer as Record<string, string>
    return tmplIds.filter((id) => byTemplate[id] === 'accept')
  } catch {
    return []
  }
}
