/**
 * Messages outside the app for a notice already stored in 消息: WeChat's one-time subscription messages
 * (订阅消息), sent only for kinds the member agreed to by a tap, one message per agreement. The driver knows
 * which template each kind goes with (WECHAT_SUBSCRIBE_TEMPLATES); a kind without one is not pushed.
 */
export interface PushMessage {
  /** The member's OPENID of this mini-program. */
  openId: string
  templateId: string
  /** The mini-program page the message opens. */
  page: string
  title: string
  summary: string
  at: number
}

/** A push refused by the platform, with its code (WeChat's errcode: 43101 the member is not subscribed). */
export class PushRefused extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

export interface Notifier {
  /** The template a notice kind is pushed with, or null when that kind is not pushed. */
  templateFor(kind: string): string | null
  /** Throws PushRefused when the platform refuses, any other error when it cannot be reached. */
  send(message: PushMessage): Promise<void>
}

/** No push channel (H5, Alipay, a server without WeChat credentials or templates). */
export const noPush: Notifier = {
  templateFor: () => null,
  send: async () => {},
}
