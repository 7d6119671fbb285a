import * as v from 'valibot'
import {
  contracts,
  ErrorCode,
  type AnyActionContract,
  type Contracts,
  type InputOf,
  type OutputOf,
} from '@shared/contracts'
import { ApiError } from './api-error'
import { changesOf, markChanged } from './data-changes'
import { clearSessionIfToken, currentSession } from './session'
import { transport as platformTransport, type Transport } from './transport'

/** Actions whose whole input is optional may be called without an argument. */
type ActionMethod<C> =
  undefined extends InputOf<C>
    ? (input?: InputOf<C>) => Promise<OutputOf<C>>
    : (input: InputOf<C>) => Promise<OutputOf<C>>

/** `api.listings.listListings(input)`: one method per action of every function in the contracts. */
export type ApiClient = {
  [F in keyof Contracts]: { [A in keyof Contracts[F]]: ActionMethod<Contracts[F][A]> }
}

type UntypedMethod = (input?: unknown) => Promise<unknown>

/**
 * Validates with the contract's own schema before sending, so an invalid form never leaves the device
 * and fails with the same code and message the server would give.
 */
function assertValidInput(contract: AnyActionContract, input: unknown): void {
  const result = v.safeParse(contract.input as v.GenericSchema, input)
  if (result.success) return
  const [issue] = result.issues
  throw new ApiError(ErrorCode.InvalidInput, issue.message, v.getDotPath(issue) ?? 'payload')
}

/**
 * The session is read per call, so a login or logout on any page applies to the next request. A call
 * refused as UNAUTHENTICATED (expired or revoked session) clears the stored session here, once, rather
 * than in every page that happens to make the call; what to show is still the caller's choice. An action
 * that succeeded marks what it changed (data-changes.ts), so the pages showing it reload when shown again.
 */
export function createApiClient(transport: Transport): ApiClient {
  const client: Record<string, Record<string, UntypedMethod>> = {}
  for (const [functionName, actions] of Object.entries(contracts)) {
    const methods: Record<string, UntypedMethod> = {}
    for (const [action, contract] of Object.entries(actions as Record<string, AnyActionContract>)) {
      methods[action] = async (input) => {
        assertValidInput(contract, input)
        const token = currentSession()?.token ?? null
        const envelope = await transport.call(functionName, { action, payload: input }, { token })
        if (!envelope.ok) {
          if (envelope.error.code === ErrorCode.Unauthenticated && token) clearSessionIfToken(token)
          throw ApiError.fromWire(envelope.error)
        }
        // Before the caller sees the answer: a page it navigates back to already knows it is stale.
        markChanged(changesOf(functionName, action))
        return envelope.data
      }
    }
    client[functionName] = methods
  }
  // The one place the runtime map meets the contract types: each method was built from its contract.
  return client as unknown as ApiClient
}

export const api: ApiClient = createApiClient(platformTransport)
