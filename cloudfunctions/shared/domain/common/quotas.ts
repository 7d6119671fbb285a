import { Collections } from './collections'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { StoredDocument } from '../../ports/document-store'
import { MAX_RACES, tooManyConcurrentAttempts } from './contention'
import { derivedId } from './derived-id'
import { insertOnce } from './insert-once'

/**
 * Fixed-window quotas: one counter document per (kind, subject, window), claimed by compare-and-set on
 * `count`, so two concurrent requests can never both take the last slot. The subject is a member id, a
 * keyed hash of a client address, or a constant for a platform-wide cap. A claim may carry a key (the
 * listing revealed): a key already claimed in the window is free, which makes re-reveals and retries
 * cost nothing.
 */
export interface RateCounterDoc extends StoredDocument {
  kind: QuotaKind
  subject: string
  window: string
  count: number
  /** Keys claimed in this window; empty for quotas without keys. */
  keys: string[]
  retainUntil: number
}

export type QuotaKind =
  | 'reveal'
  | 'comment'
  /** SMS codes sent for one client (address or OPENID) in an hour. */
  | 'sms-send'
  /** SMS codes sent by the whole platform in a China day. */
  | 'sms-day'
  /** Wrong SMS codes tried by one client in an hour. */
  | 'sms-wrong'
  /** New listings one member published in a China day. */
  | 'publish'
  /** Copies of their data one member exported in a China day. */
  | 'export'
  /** New conversations one member opened in a China day. */
  | 'inquiry'
  /** Messages one member sent in a clock hour. */
  | 'message'
  /** Feedback and requests one member, or one guest client, sent in a China day. */
  | 'support'

export interface QuotaClaim {
  kind: QuotaKind
  subject: string
  window: string
  limit: number
  key?: string
  /** When the counter may be deleted: after its window has passed. */
  retainUntil: number
  /** Shown when the quota is used up. */
  message: string
}

export interface QuotaState {
  remaining: number
  /** The key was already claimed in this window (nothing was counted now). */
  alreadyClaimed: boolean
}

export async function claimQuota(deps: Pick<Deps, 'store'>, claim: QuotaClaim): Promise<QuotaState> {
  const id = counterId(claim)
  for (let attempt = 0; attempt < MAX_RACES; attempt++) {
    const doc = await deps.store.get<RateCounterDoc>(Collections.rateCounters, id)
    if (doc && claim.key !== undefined && doc.keys.includes(claim.key)) {
      return { remaining: Math.max(claim.limit - doc.count, 0), alreadyClaimed: true }
    }
    const count = doc?.count ?? 0
    if (count >= claim.limit) throw new AppError(ErrorCode.RateLimited, claim.message)
    const keys = claim.key === undefined ? [] : [...(doc?.keys ?? []), claim.key]
    const claimed = doc
      ? await deps.store.update(Collections.rateCounters, id, { count: count + 1, keys }, { count })
      : await insertCounter(deps, { _id: id, ...counterFields(claim), count: 1, keys })
    if (claimed) return { remaining: claim.limit - count - 1, alreadyClaimed: false }
  }
  throw tooManyConcurrentAttempts()
}

/** The counter as it stands, without claiming: for showing what is left. */
export async function peekQuota(
  deps: Pick<Deps, 'store'>,
  claim: Pick<QuotaClaim, 'kind' | 'subject' | 'window' | 'limit' | 'key'>,
): Promise<QuotaState> {
  const doc = await deps.store.get<RateCounterDoc>(Collections.rateCounters, counterId(claim))
  return {
    remaining: Math.max(claim.limit - (doc?.count ?? 0), 0),
    alreadyClaimed: claim.key !== undefined && (doc?.keys.includes(claim.key) ?? false),
  }
}

/**
 * Counts one more without a limit (a wrong code tried): the limit is enforced by the next request's
 * `peekQuota`, so the request that crossed it still gets its own answer.
 */
export async function countQuota(
  deps: Pick<Deps, 'store'>,
  claim: Pick<QuotaClaim, 'kind' | 'subject' | 'window' | 'retainUntil'>,
): Promise<number> {
  const id = counterId(claim)
  for (let attempt = 0; attempt < MAX_RACES; attempt++) {
    const doc = await deps.store.get<RateCounterDoc>(Collections.rateCounters, id)
    const count = doc?.count ?? 0
    const counted = doc
      ? await deps.store.update(Collections.rateCounters, id, { count: count + 1 }, { count })
      : await insertCounter(deps, { _id: id, ...counterFields(claim), count: 1, keys: [] })
    if (counted) return count + 1
  }
  throw tooManyConcurrentAttempts()
}

/** Gives one back (a claim whose work turned out to be a retry); nothing when the counter is already 0. */
export async function releaseQuota(
  deps: Pick<Deps, 'store'>,
  claim: Pick<QuotaClaim, 'kind' | 'subject' | 'window'>,
): Promise<void> {
  const id = counterId(claim)
  for (let attempt = 0; attempt < MAX_RACES; attempt++) {
    const doc = await deps.store.get<RateCounterDoc>(Collections.rateCounters, id)
    if (!doc || doc.count === 0) return
    if (await deps.store.update(Collections.rateCounters, id, { count: doc.count - 1 }, { count: doc.count })) return
  }
}

function counterId(claim: Pick<QuotaClaim, 'kind' | 'subject' | 'window'>): string {
  return derivedId('rc', claim.kind, claim.subject, claim.window)
}

function counterFields(claim: Pick<QuotaClaim, 'kind' | 'subject' | 'window' | 'retainUntil'>) {
  return { kind: claim.kind, subject: claim.subject, window: claim.window, retainUntil: claim.retainUntil }
}

/** False when a concurrent first claim in the same window inserted it first: read it again and compare-and-set. */
function insertCounter(deps: Pick<Deps, 'store'>, doc: RateCounterDoc): Promise<boolean> {
  return insertOnce(deps, Collections.rateCounters, doc)
}
