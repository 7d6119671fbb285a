import { Collections } from './collections'
import type { ConsentShare, PolicyPublication } from '../../contracts/console'
import type { PolicyDocumentId } from '../../contracts/consent'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { eachBatch, type StoredDocument } from '../../ports/document-store'
import { compareVersions, type PolicyEditions } from '../../policy/documents'
import { policyEditions } from '../../policy/editions'
import { insertOnce } from '../common/insert-once'
import type { ConsentLedgerDoc } from './consent-ledger'
import type { UserDoc } from './users'

/**
 * Which policy versions a login must agree to: the newest *published* one of each document, not simply the
 * newest in code. The texts and their change entries stay in code (policy/editions.ts); an admin publishes
 * a newer edition in the console (政策版本), and from then on logins need consent to it and the app asks
 * again. Bootstrapping: while a document has no publication on record (a fresh database, or a database
 * from before this feature) the newest edition in code counts as published, as it always did; the first
 * start (or the console's first look) records it (`recordInitialPublications`), and later editions wait
 * for an admin.
 */
export interface PublicationDoc extends StoredDocument {
  document: PolicyDocumentId
  version: string
  summary: string[]
  publishedAt: number
  publishedBy: 'system' | 'admin'
}

export const POLICY_DOCUMENT_IDS: readonly PolicyDocumentId[] = ['privacy', 'terms']

export function editionsOf(deps: Pick<Deps, 'policyEditions'>): PolicyEditions {
  return deps.policyEditions ?? policyEditions
}

const publicationId = (document: PolicyDocumentId, version: string) => `${document}@${version}`

function newDoc(
  editions: PolicyEditions,
  document: PolicyDocumentId,
  version: string,
  at: number,
  by: PublicationDoc['publishedBy'],
): PublicationDoc {
  const change = editions[document].changes.find((c) => c.version === version)
  return {
    _id: publicationId(document, version),
    document,
    version,
    summary: change?.summary ?? [],
    publishedAt: at,
    publishedBy: by,
  }
}

async function latestPublication(
  deps: Pick<Deps, 'store'>,
  document: PolicyDocumentId,
): Promise<PublicationDoc | null> {
  const { items } = await deps.store.find<PublicationDoc>(Collections.policyPublications, {
    where: { document },
    orderBy: [{ field: 'publishedAt', direction: 'desc' }],
    limit: 1,
  })
  return items[0] ?? null
}

/** The published version of each document; the newest edition in code while none is on record. */
export async function publishedPolicyVersions(
  deps: Pick<Deps, 'store' | 'policyEditions'>,
): Promise<Record<PolicyDocumentId, string>> {
  const editions = editionsOf(deps)
  const entries = await Promise.all(
    POLICY_DOCUMENT_IDS.map(
      async (document) =>
        [document, (await latestPublication(deps, document))?.version ?? editions[document].version] as const,
    ),
  )
  return Object.fromEntries(entries) as Record<PolicyDocumentId, string>
}

/**
 * Records, for each document with no publication on record, the newest edition in code as published by
 * the system: the server does this at every start, the console when it is first opened. From then on a
 * newer edition in code waits for an admin. Answers how many it recorded.
 */
export async function recordInitialPublications(
  deps: Pick<Deps, 'store' | 'clock' | 'policyEditions'>,
): Promise<number> {
  const editions = editionsOf(deps)
  let recorded = 0
  for (const document of POLICY_DOCUMENT_IDS) {
    if (await latestPublication(deps, document)) continue
    const doc = newDoc(editions, document, editions[document].version, deps.clock.now(), 'system')
    if (await insertOnce(deps, Collections.policyPublications, doc)) recorded += 1
  }
  return recorded
}

export async function listPublications(
  deps: Pick<Deps, 'store'>,
  document: PolicyDocumentId,
): Promise<Array<Omit<PolicyPublication, 'publisher'>>> {
  const { items } = await deps.store.find<PublicationDoc>(Collections.policyPublications, {
    where: { document },
    orderBy: [{ field: 'publishedAt', direction: 'desc' }],
    limit: 100,
  })
  return items.map((doc) => ({
    id: doc._id,
    document: doc.document,
    version: doc.version,
    summary: doc.summary,
    publishedAt: doc.publishedAt,
    publishedBy: doc.publishedBy,
  }))
}

/**
 * Records an admin's publication. INVALID_INPUT for a version the code does not have; CONFLICT for one
 * older than the published one. The published version again is idempotent: `created` false, its record.
 */
export async function publishPolicy(
  deps: Pick<Deps, 'store' | 'clock' | 'policyEditions'>,
  document: PolicyDocumentId,
  version: string,
): Promise<{ created: boolean; publication: Omit<PolicyPublication, 'publisher'> }> {
  const editions = editionsOf(deps)
  if (!editions[document].changes.some((c) => c.version === version)) {
    throw new AppError(ErrorCode.InvalidInput, '代码中没有这个版本的文本，不能发布', 'version')
  }
  await recordInitialPublications(deps)
  const current = (await publishedPolicyVersions(deps))[document]
  const order = compareVersions(version, current)
  if (order < 0) {
    throw new AppError(ErrorCode.Conflict, `已发布 ${current} 版，不能发布更早的 ${version} 版`, 'version')
  }
  const doc = newDoc(editions, document, version, deps.clock.now(), 'admin')
  const created = order > 0 && (await insertOnce(deps, Collections.policyPublications, doc))
  const stored = created ? doc : await deps.store.get<PublicationDoc>(Collections.policyPublications, doc._id)
  const found = stored ?? doc
  return {
    created,
    publication: {
      id: found._id,
      document: found.document,
      version: found.version,
      summary: found.summary,
      publishedAt: found.publishedAt,
      publishedBy: found.publishedBy,
    },
  }
}

/**
 * Which version the active members (logged in at or after `since`) agreed to, per document: each member's
 * latest decision on the document counts (a later 「不同意」 or a withdrawal leaves them with none).
 */
export async function consentShares(
  deps: Pick<Deps, 'store'>,
  since: number,
): Promise<{ activeMembers: number; shares: Record<PolicyDocumentId, ConsentShare[]> }> {
  const active = new Set<string>()
  for await (const batch of eachBatch<UserDoc>(deps.store, Collections.users, {
    where: { lastLoginAt: { gte: since } },
    orderBy: [{ field: 'lastLoginAt', direction: 'asc' }],
  })) {
    for (const user of batch) active.add(user._id)
  }
  const shares = {} as Record<PolicyDocumentId, ConsentShare[]>
  for (const document of POLICY_DOCUMENT_IDS) {
    const latest = new Map<string, ConsentLedgerDoc>()
    for await (const batch of eachBatch<ConsentLedgerDoc>(deps.store, Collections.consentLedger, {
      where: { document },
      orderBy: [{ field: 'at', direction: 'asc' }],
    })) {
      for (const entry of batch) if (active.has(entry.userId)) latest.set(entry.userId, entry)
    }
    const counts = new Map<string | null, number>()
    for (const userId of active) {
      const entry = latest.get(userId)
      const version = entry?.choice === 'agree' ? entry.version : null
      counts.set(version, (counts.get(version) ?? 0) + 1)
    }
    shares[document] = [...counts.entries()]
      .map(([version, count]) => ({
        version,
        count,
        percent: Math.round((count / active.size) * 1000) / 10,
      }))
      .sort((a, b) => (a.version === null ? 1 : b.version === null ? -1 : compareVersions(b.version, a.version)))
  }
  return { activeMembers: active.size, shares }
}
