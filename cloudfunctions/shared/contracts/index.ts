import { authContract } from './auth'
import { listingsContract } from './listings'

export * from './auth'
export * from './common'
export * from './consent'
export * from './listings'

/** Every deployed cloud function and its actions. The server mounts exactly these. */
export const contracts = {
  listings: listingsContract,
  auth: authContract,
}
export type Contracts = typeof contracts
export type FunctionName = keyof Contracts
