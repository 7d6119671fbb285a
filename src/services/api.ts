import * as v from 'valibot'
import {
  contracts,
  ErrorCode,
  type AnyActionContract,
  type Contracts,
  type InputOf,
  type OutputOf,
} from '@shared/contracts'
import type { Envelope } from '@shared/contracts'
import { ApiError } from './api-error'
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
 * than in every page that happens to make the call; what to show is still the caller's choice.
 */
export function createApiClient(transport: Transport, early: EarlyCalls = new EarlyCalls()): ApiClient {
  const client: Record<string, Record<string, UntypedMethod>> = {}
  for (const [functionName, actions] of Object.entries(contracts)) {
    const methods: Record<string, UntypedMethod> = {}
    for (const [action, contract] of Object.entries(actions as Record<string, AnyActionContract>)) {
      methods[action] = async (input) => {
        assertValidInput(contract, input)
        const token = currentSession()?.token ?? null
        const envelope = await (early.take(functionName, action, input, token) ??
          transport.call(functionName, { action, payload: input }, { token }))
        if (!envelope.ok) {
          if (envelope.error.code === ErrorCode.Unauthenticated && token) clearSessionIfToken(token)
          throw ApiError.fromWire(envelope.error)
        }
        return envelope.data
      }
    }
    client[functionName] = methods
  }
  // The one place the runtime map meets the contract types: each method was built from its contract.
  return client as unknown as ApiClient
}

/** How long an answer sent early waits for its call: a page that asks later than that gets a fresh one. */
const EARLY_ANSWER_MS = 10_000

/**
 * Calls sent before anything asks for them, each answered to the first identical call (same action, same
 * input, same session) within `EARLY_ANSWER_MS`, once. What the first screen needs leaves the device at
 * launch, while the page's own code is still loading, instead of after the page has rendered.
 */
export class EarlyCalls {
  private readonly sent = new Map<string, { at: number; envelope: Promise<Envelope<unknown>> }>()

  start(key: EarlyKey, send: () => Promise<Envelope<unknown>>): void {
    const envelope = send()
    // Nobody may ever take it; its failure is the later call's to report, not an unhandled rejection.
    envelope.catch(() => undefined)
    this.sent.set(keyOf(key), { at: Date.now(), envelope })
  }

  take(...key: EarlyKey): Promise<Envelope<unknown>> | undefined {
    const id = keyOf(key)
    const found = this.sent.get(id)
    this.sent.delete(id)
    return found && Date.now() - found.at <= EARLY_ANSWER_MS ? found.envelope : undefined
  }
}

type EarlyKey = [functionName: string, action: string, input: unknown, token: string | null]

const keyOf = (key: EarlyKey) => JSON.stringify(key.map((part) => part ?? null))

const earlyCalls = new EarlyCalls()

export const api: ApiClient = createApiClient(platformTransport, earlyCalls)

/**
 * Sends `api[functionName][action](input)`'s request now, for the page that will make that call. Only
 * once the user's privacy choice allows the network: the caller checks.
 */
export function callEarly<F extends keyof Contracts, A extends keyof Contracts[F] & string>(
  functionName: F,
  action: A,
  ...[input]: undefined extends InputOf<Contracts[F][A]>
    ? [input?: InputOf<Contracts[F][A]>]
    : [input: InputOf<Contracts[F][A]>]
): void {
  const token = currentSession()?.token ?? null
  earlyCalls.start([functionName, action, input, token], () =>
    platformTransport.call(functionName, { action, payload: input }, { token }),
  )
}
