/**
 * The third kind of entry point beside functions and jobs: events a platform pushes (WeChat's message
 * push). It is not a client call, so it is neither a contract nor an action: CloudBase deploys it as its
 * own function with HTTP access at the same path the self-hosted server serves it (hosts/wechat-push.ts).
 */
export const WECHAT_PUSH_FUNCTION = 'wechat-push'
export const WECHAT_PUSH_PATH = '/wechat/push'
