import type { FunctionName } from '../contracts'
import { createMain, type CloudFunctionMain, type FunctionDefinition } from '../core/handler'
import type { Deps } from '../core/deps'
import { authFunction } from './auth'
import { interactionsFunction } from './interactions'
import { listingsFunction } from './listings'

/** Every deployed function. Hosts mount exactly these; a test checks it matches the contracts. */
export const functionDefinitions: Record<FunctionName, FunctionDefinition> = {
  listings: listingsFunction as unknown as FunctionDefinition,
  auth: authFunction as unknown as FunctionDefinition,
  interactions: interactionsFunction as unknown as FunctionDefinition,
}

export function createMains(getDeps: () => Deps): Record<FunctionName, CloudFunctionMain> {
  const entries = Object.entries(functionDefinitions).map(([name, def]) => [name, createMain(def, getDeps)])
  return Object.fromEntries(entries) as Record<FunctionName, CloudFunctionMain>
}
