// The build picks subscribe-messages.weapp.ts on WeChat; Alipay and H5 (and the type checker and the web
// tests) get this file: no subscription messages there, so no button asks for them.
import type { RequestSubscriptions } from './subscribe-messages-types'

export const subscriptionsSupported = false

export const requestSubscriptions: RequestSubscriptions = async () => []
