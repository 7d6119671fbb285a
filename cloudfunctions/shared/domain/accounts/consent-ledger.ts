import { createHash } from 'node:crypto'
import { Collections } from './collections'
import type { ConsentDecision, PolicyDocumentId } from '../../contracts/consent'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import type { Filter, StoredDocument } from '../../ports/document-store'
import { compareVersions } from '../../policy/documents'
import { policyEditions } from '../../policy/editions'
import { AGE_CONFIRMATION_VERSION } from '../../policy/versions'
import type { AgeChoice } from './users'

/**
 * The consent ledger: every decision a user made about the privacy policy, the user agreement and the
 * age confirmation, as the device recorded it (client time `at`) and when the server learnt of it
 * (`recordedAt`). Append-only; it is the user's, and their export will include it.
 */
export interface ConsentLedgerDoc extends StoredDocument {
  userId: string
  document: ConsentDecision['document']
  version: string
  choice: ConsentDecision['choice']
  /** When the user decided, by the device's clock. */
  at: number
  /** When the server stored it. */
  recordedAt: number
  platform: ConsentDecision['platform']
  /** 'device': held on the device until login; 'server': sent by a logged-in member as it was made. */
  source: 'device' | 'server'
}

/** What a login must show: agreement to the current privacy policy and user agreement, and an age. */
export interface LoginConsent {
  age: AgeChoice
}

const POLICY_DOCUMENTS: PolicyDocumentId[] = ['privacy', 'terms']
/** How many of an account's newest decisions per document a login reads: far more than one device makes. */
const RECENT_DECISIONS = 20

/**
 * How far ahead of the server's clock a device's may run. The latest decision by `at` decides, so a
 * decision dated in the future would outweigh every real choice made before that date (a forged
 * 「同意」 a withdrawal could not undo); anything later than this was not made yet.
 */
export const CONSENT_CLOCK_SKEW_MS = 5 * 60_000

/**
 * Refuses, naming the field (`consents.2.at`), a decision dated later than the server's clock allows or
 * before its document version was published (nobody agreed to a text that did not exist yet). Versions
 * the editions do not list (an old device's) and the age confirmation are bounded by the first
 * publication of any document.
 */
export function assertDecisionTimes(decisions: ConsentDecision[], now: number, field: string): void {
  decisions.forEach((decision, index) => {
    if (decision.at > now + CONSENT_CLOCK_SKEW_MS) {
      throw new AppError(
        ErrorCode.InvalidInput,
        '同意时间晚于当前时间，请检查设备的日期和时间后重试',
        `${field}.${index}.at`,
      )
    }
    if (decision.at < publishedAt(decision.document, decision.version)) {
      throw new AppError(ErrorCode.InvalidInput, '同意时间早于该版本的发布日期', `${field}.${index}.at`)
    }
  })
}

/** The start (China time) of the day a version was published; for the dates, see policy/editions.ts. */
function chinaDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`)
}

const FIRST_PUBLISHED = Math.min(
  ...Object.values(policyEditions).flatMap((edition) => edition.changes.map((change) => chinaDayStart(change.date))),
)

function publishedAt(document: ConsentDecision['document'], version: string): number {
  if (document === 'age') return FIRST_PUBLISHED
  const change = policyEditions[document].changes.find((c) => c.version === version)
  return change ? chinaDayStart(change.date) : FIRST_PUBLISHED
}

/** The version of each document a login must carry agreement to (policy-publications.ts). */
export type RequiredVersions = Readonly<Record<PolicyDocumentId, string>>

/**
 * Decides from the device's decisions plus the account's ledger (an existing user need not resend what is
 * on file). For each document the latest decision on its published (`required`) version counts, so a later 「不同意」
 * outweighs an earlier 「同意」. The device's decisions must be dated plausibly (`assertDecisionTimes`);
 * those on file were, when they were stored.
 */
export function assertLoginConsent(
  payload: ConsentDecision[],
  ledger: ConsentDecision[],
  now: number,
  required: RequiredVersions,
): LoginConsent {
  assertDecisionTimes(payload, now, 'consents')
  // Ledger first, payload last: on equal times the device's newer knowledge wins.
  const all = [...ledger, ...payload]
  for (const document of POLICY_DOCUMENTS) {
    if (latestFrom(all, document, required[document])?.choice !== 'agree') {
      throw new AppError(ErrorCode.ConsentRequired, '请先阅读并同意最新版本的隐私政策和用户协议', 'consents')
    }
  }
  const age = latest(all, 'age', AGE_CONFIRMATION_VERSION)?.choice
  if (age === 'adult' || age === 'guardian') return { age }
  if (age === 'minor') {
    throw new AppError(
      ErrorCode.ConsentRequired,
      '未满 14 周岁的用户需要取得父母或其他监护人的同意后才能登录和发布信息',
      'age',
    )
  }
  throw new AppError(ErrorCode.ConsentRequired, '请先确认您已年满 14 周岁，或已取得监护人同意', 'age')
}

/**
 * The latest decision on the required version or a newer one: an app may carry an edition that is in code
 * but not yet published, and agreeing to it covers the one in force (the app asks for the published one
 * once it knows it, consent-store.ts).
 */
function latestFrom(all: ConsentDecision[], document: PolicyDocumentId, required: string) {
  let found: ConsentDecision | undefined
  for (const d of all) {
    if (d.document === document && compareVersions(d.version, required) >= 0 && (!found || d.at >= found.at)) found = d
  }
  return found
}

function latest(all: ConsentDecision[], document: ConsentDecision['document'], version: string) {
  let found: ConsentDecision | undefined
  for (const d of all) if (d.document === document && d.version === version && (!found || d.at >= found.at)) found = d
  return found
}

/** The account's decisions on the required versions: all a login check needs, by index. */
export async function loadCurrentLedger(
  deps: Pick<Deps, 'store'>,
  userId: string,
  required: RequiredVersions,
): Promise<ConsentDecision[]> {
  const find = (where: Filter, limit: number) =>
    deps.store.find<ConsentLedgerDoc>(Collections.consentLedger, {
      where: { userId, ...where },
      orderBy: [{ field: 'at', direction: 'desc' }],
      limit,
    })
  const pages = await Promise.all([
    // The newest decisions on each document; those on versions older than required are of no use.
    ...POLICY_DOCUMENTS.map((document) => find({ document }, RECENT_DECISIONS)),
    find({ document: 'age', version: AGE_CONFIRMATION_VERSION }, 1),
  ])
  return pages
    .flatMap((p) => p.items.map(toDecision))
    .filter((d) => d.document === 'age' || compareVersions(d.version, required[d.document]) >= 0)
}

/**
 * Appends decisions. The same decision sent twice (a retried login, a device replaying its ledger) is
 * stored once: its id is derived from its content, so the second insert is a conflict and is skipped.
 */
export async function appendToLedger(
  deps: Pick<Deps, 'store' | 'clock'>,
  userId: string,
  decisions: ConsentDecision[],
  source: ConsentLedgerDoc['source'],
): Promise<number> {
  const recordedAt = deps.clock.now()
  const ids = new Set<string>()
  for (const decision of decisions) {
    const _id = ledgerId(userId, decision)
    if (ids.has(_id)) continue
    ids.add(_id)
    try {
      await deps.store.insert(Collections.consentLedger, {
        _id,
        userId,
        document: decision.document,
        version: decision.version,
        choice: decision.choice,
        at: decision.at,
        recordedAt,
        platform: decision.platform,
        source,
      } satisfies ConsentLedgerDoc)
    } catch (error) {
      if (!(error instanceof AppError && error.code === ErrorCode.Conflict)) throw error
    }
  }
  return ids.size
}

function ledgerId(userId: string, d: ConsentDecision): string {
  const key = [userId, d.document, d.version, d.choice, d.at, d.platform].join('|')
  return createHash('sha256').update(key).digest('base64url').slice(0, 32)
}

function toDecision(doc: ConsentLedgerDoc): ConsentDecision {
  return {
    document: doc.document,
    version: doc.version,
    choice: doc.choice,
    at: doc.at,
    platform: doc.platform,
  } as ConsentDecision
}
