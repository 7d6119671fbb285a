import { collectionSpecs, type CollectionName } from '@shared/collections'
import type { Contracts, Envelope, FunctionName, Session } from '@shared/contracts'
import type { ConsentDecision, Platform } from '@shared/contracts/consent'
import type { HttpResult } from '@shared/core/handler'
import { AGE_CONFIRMATION_VERSION, CURRENT_POLICY_VERSIONS } from '@shared/policy/versions'
import type { EmbeddedBackend } from './embedded'

/** What a device that said 「同意」 and confirmed its age carries to its first login. */
export function agreedConsents(
  at: number,
  platform: Platform = 'h5',
  age: 'adult' | 'guardian' | 'minor' = 'adult',
): ConsentDecision[] {
  return [
    { document: 'privacy', version: CURRENT_POLICY_VERSIONS.privacy, choice: 'agree', at, platform },
    { document: 'terms', version: CURRENT_POLICY_VERSIONS.terms, choice: 'agree', at, platform },
    { document: 'age', version: AGE_CONFIRMATION_VERSION, choice: age, at, platform },
  ]
}

export type Wire<T> = Envelope<T> & { status: number }

/** The actions of one function, from the api contract: a misspelt name does not compile. */
export type ActionOf<F extends FunctionName> = keyof Contracts[F] & string

/**
 * A function over HTTP as the H5 app calls it (self-hosted server or CloudBase HTTP access), optionally
 * with a session token; the envelope with the HTTP status.
 */
export async function functionHttp<T = unknown>(
  backend: EmbeddedBackend,
  functionName: string,
  action: string,
  payload: unknown,
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<Wire<T>> {
  const headers: Record<string, string> = { 'x-client-platform': 'h5', ...opts.headers }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  const result: HttpResult = await backend.callHttp(functionName, { action, payload }, headers)
  return { ...(JSON.parse(result.body) as Envelope<T>), status: result.statusCode }
}

export function authHttp<T = unknown>(
  backend: EmbeddedBackend,
  action: ActionOf<'auth'>,
  payload: unknown,
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<Wire<T>> {
  return functionHttp<T>(backend, 'auth', action, payload, opts)
}

export function dataOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.code}: ${envelope.error.message}`)
  return envelope.data
}

/** Asks for a code and reads it from the outbox, as the developer (or the phone's owner) would. */
export async function requestSmsCode(backend: EmbeddedBackend, phone: string): Promise<string> {
  dataOf(await authHttp(backend, 'sendSmsCode', { phone }))
  const code = backend.outbox.lastCodeFor(phone)
  if (!code) throw new Error('no code in the outbox')
  return code
}

/** The whole H5 login: code by SMS, then login with the device's consents. */
export async function loginBySms(
  backend: EmbeddedBackend,
  phone: string,
  opts: { headers?: Record<string, string> } = {},
): Promise<Session> {
  const code = await requestSmsCode(backend, phone)
  const consents = agreedConsents(backend.clock.now())
  return dataOf(await authHttp<Session>(backend, 'loginWithSms', { phone, code, consents }, opts))
}

/** Documents in every collection, to prove a refused request wrote nothing anywhere. */
export async function countAll(backend: EmbeddedBackend): Promise<Record<CollectionName, number>> {
  const names = Object.keys(collectionSpecs) as CollectionName[]
  const counts = await Promise.all(names.map((name) => backend.store.count(name)))
  return Object.fromEntries(names.map((name, i) => [name, counts[i]])) as Record<CollectionName, number>
}
