import { listingsContract } from './listings'

export * from './common'
export * from './listings'

/** Every deployed cloud function and its actions. The server mounts exactly these. */
export const contracts = {
  listings: listingsContract,
}
export type Contracts = typeof contracts
export type FunctionName = keyof Contracts
