import type { Contracts, FunctionName, InputOf, MyListingDetail, OutputOf, Session } from '@shared/contracts'
import { dataOf, functionHttp, loginBySms, type ActionOf, type Wire } from './accounts'
import type { EmbeddedBackend } from './embedded'
import { validListing } from './listings'

export type { ActionOf }
export type PayloadOf<F extends FunctionName, A extends ActionOf<F>> = InputOf<Contracts[F][A]>
export type ResultOf<F extends FunctionName, A extends ActionOf<F>> = OutputOf<Contracts[F][A]>

/** One function over HTTP as the H5 app calls it, with the session of whoever holds the caller (if any). */
export interface Caller<F extends FunctionName> {
  /** The envelope, success or not. Any payload: refusals of malformed input are what this is for. */
  call: <A extends ActionOf<F>>(action: A, payload?: unknown) => Promise<Wire<ResultOf<F, A>>>
  /** The data of a success (a thrown error otherwise), for a payload the contract accepts. */
  ok: <A extends ActionOf<F>>(action: A, payload?: PayloadOf<F, A>) => Promise<ResultOf<F, A>>
}

/** A member logged in by SMS, with callers of every function bound to their session. */
export interface Member<F extends FunctionName = FunctionName> extends Caller<F> {
  userId: string
  token: string
  phone: string
  session: Session
  /** The same member calling another function. */
  on<G extends FunctionName>(fn: G): Caller<G>
  /** A listing the 代理加盟 category accepts (`validListing`), published by this member. */
  publish(overrides?: Record<string, unknown>): Promise<MyListingDetail>
}

export function caller<F extends FunctionName>(backend: EmbeddedBackend, fn: F, token?: string): Caller<F> {
  const call = <A extends ActionOf<F>>(action: A, payload: unknown = {}) =>
    functionHttp<ResultOf<F, A>>(backend, fn, action, payload, { token })
  return {
    call,
    ok: async (action, payload = {} as never) => dataOf(await call(action, payload)),
  }
}

/** Logs `phone` in by SMS (code from the outbox, the device's consents) and binds `fn` to the session. */
export async function member<F extends FunctionName>(
  backend: EmbeddedBackend,
  phone: string,
  fn: F,
): Promise<Member<F>> {
  const session = await loginBySms(backend, phone)
  const on = <G extends FunctionName>(g: G) => caller(backend, g, session.token)
  return {
    ...on(fn),
    userId: session.profile.userId,
    token: session.token,
    phone,
    session,
    on,
    publish: (overrides = {}) =>
      on('listings').ok('createListing', validListing(overrides) as PayloadOf<'listings', 'createListing'>),
  }
}

/** Someone without a session calling `fn`. */
export const guest = <F extends FunctionName>(backend: EmbeddedBackend, fn: F): Caller<F> => caller(backend, fn)
