import { authContract } from './auth'
import { interactionsContract } from './interactions'
import { listingsContract } from './listings'
import { messagesContract } from './messages'
import { moderationContract } from './moderation'
import { noticesContract } from './notices'
import { privacyContract } from './privacy'
import { supportContract } from './support'

export * from './auth'
export * from './common'
export * from './console'
export * from './consent'
export * from './interactions'
export * from './listings'
export * from './messages'
export * from './moderation'
export * from './notices'
export * from './privacy'
export * from './support'

/** Every deployed cloud function and its actions. The server mounts exactly these. */
export const contracts = {
  listings: listingsContract,
  auth: authContract,
  interactions: interactionsContract,
  privacy: privacyContract,
  moderation: moderationContract,
  notices: noticesContract,
  messages: messagesContract,
  support: supportContract,
}
export type Contracts = typeof contracts
export type FunctionName = keyof Contracts
