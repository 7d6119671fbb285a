import type { Contracts, FunctionName } from '../contracts'
import { createMain, type CloudFunctionMain, type FunctionDefinition } from '../core/handler'
import type { Deps } from '../core/deps'
import { errorFields } from '../core/logger'
import { authFunction } from './auth'
import { interactionsFunction } from './interactions'
import { listingsFunction } from './listings'
import { messagesFunction } from './messages'
import { moderationFunction } from './moderation'
import { noticesFunction } from './notices'
import { privacyFunction } from './privacy'
import { supportFunction } from './support'

/**
 * Every deployed function, each typed by its own contract (so a missing or mistyped action fails the
 * typecheck). Hosts mount exactly these; tests check cloudbaserc and the bundles list the same names.
 */
export const functionDefinitions: { [F in FunctionName]: FunctionDefinition<Contracts[F]> } = {
  listings: listingsFunction,
  auth: authFunction,
  interactions: interactionsFunction,
  privacy: privacyFunction,
  moderation: moderationFunction,
  notices: noticesFunction,
  messages: messagesFunction,
  support: supportFunction,
}

export function createMains(getDeps: () => Deps): Record<FunctionName, CloudFunctionMain> {
  // The loop erases which contract goes with which name; each definition was checked against its own above.
  const definitions = Object.entries(functionDefinitions) as Array<[FunctionName, FunctionDefinition]>
  return Object.fromEntries(definitions.map(([name, def]) => [name, createMain(def, getDeps)])) as Record<
    FunctionName,
    CloudFunctionMain
  >
}

/**
 * Writes out what every function keeps in memory between calls (`FunctionDefinition.flush`). A failure is
 * logged, not thrown: the next flush tries again with what was kept.
 */
export async function flushFunctions(deps: Deps): Promise<void> {
  for (const definition of Object.values(functionDefinitions) as FunctionDefinition[]) {
    if (!definition.flush) continue
    try {
      await definition.flush(deps)
    } catch (error) {
      deps.logger.error('flush failed', { fn: definition.name, ...errorFields(error) })
    }
  }
}
