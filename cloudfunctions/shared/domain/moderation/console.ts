import type * as v from 'valibot'
import {
  ACTIVE_MEMBER_DAYS,
  type CategorySpec,
  type ConsoleCategory,
  type PolicyDocumentState,
  type PolicyPublication,
  type PublishPolicyVersionInput,
} from '../../contracts/console'
import type { Category } from '../../contracts/listings'
import type { AuditAction } from '../../contracts/moderation'
import { AppError, ErrorCode } from '../../core/app-error'
import type { ActionContext } from '../../core/action-context'
import { compareVersions } from '../../policy/documents'
import {
  consentShares,
  editionsOf,
  listPublications,
  memberId,
  POLICY_DOCUMENT_IDS,
  publishedPolicyVersions,
  publishPolicy,
  recordInitialPublications,
  roleOf,
} from '../accounts'
import { DAY_MS } from '../common/china-time'
import * as categories from '../listings'
import { appendAudit, listAuditLog } from './audit-log'
import { refOf } from './refs'

/**
 * The console's 分类管理 and 政策版本: moderators may look (the contract lets only them in), admins
 * change. Each change is in the audit log with the state before and after.
 */
async function adminRef(ctx: ActionContext, what: string): Promise<string> {
  const id = memberId(ctx)
  if ((await roleOf(ctx.deps, id)) !== 'admin') throw new AppError(ErrorCode.NotAllowed, `只有管理员可以${what}`)
  return refOf(ctx.deps, id)
}

/** What the audit log keeps of a category: its declaration, not the listings in it. */
function describe(category: Category | null): string | null {
  if (!category) return null
  const { id: _id, ...rest } = category
  return JSON.stringify(rest)
}

async function auditCategory(
  ctx: ActionContext,
  actor: string,
  action: AuditAction,
  id: string,
  change: categories.CategoryChange,
): Promise<void> {
  await appendAudit(ctx.deps, {
    actor,
    action,
    target: { kind: 'category', id },
    before: describe(change.before),
    after: describe(change.after),
    note: change.after?.name ?? change.before?.name ?? '',
  })
}

export const listAllCategories = (ctx: ActionContext) => categories.listConsoleCategories(ctx.deps)

export async function saveCategory(ctx: ActionContext, spec: CategorySpec): Promise<ConsoleCategory> {
  const actor = await adminRef(ctx, '修改分类')
  const change = await categories.saveCategory(ctx.deps, spec)
  await auditCategory(ctx, actor, 'saveCategory', change.after!.id, change)
  return categories.consoleCategory(ctx.deps, change.after!.id)
}

export async function moveCategory(
  ctx: ActionContext,
  input: { id: string; direction: 'up' | 'down' },
): Promise<ConsoleCategory[]> {
  const actor = await adminRef(ctx, '调整分类顺序')
  const change = await categories.moveCategory(ctx.deps, input.id, input.direction)
  if (change.moved) await auditCategory(ctx, actor, 'moveCategory', input.id, change)
  return categories.listConsoleCategories(ctx.deps)
}

export async function setCategoryHidden(
  ctx: ActionContext,
  input: { id: string; hidden: boolean },
): Promise<ConsoleCategory> {
  const actor = await adminRef(ctx, input.hidden ? '隐藏分类' : '恢复显示分类')
  const change = await categories.setCategoryHidden(ctx.deps, input.id, input.hidden)
  if (change.before?.hidden !== input.hidden) await auditCategory(ctx, actor, 'hideCategory', input.id, change)
  return categories.consoleCategory(ctx.deps, input.id)
}

export async function deleteCategory(ctx: ActionContext, input: { id: string }): Promise<{ deleted: true }> {
  const actor = await adminRef(ctx, '删除分类')
  const change = await categories.deleteCategory(ctx.deps, input.id)
  await auditCategory(ctx, actor, 'deleteCategory', input.id, change)
  return { deleted: true }
}

/** The publishing admin of each publication, from the audit log (the publication itself names nobody). */
async function publisherOf(ctx: ActionContext, myRef: string, publicationId: string): Promise<string | null> {
  const { items } = await listAuditLog(ctx.deps, myRef, {
    cursor: null,
    pageSize: 1,
    action: 'publishPolicy',
    targetId: publicationId,
  })
  return items[0]?.actor ?? null
}

export async function listPolicyVersions(ctx: ActionContext): Promise<PolicyDocumentState[]> {
  const { deps } = ctx
  const myRef = await refOf(deps, memberId(ctx))
  const editions = editionsOf(deps)
  await recordInitialPublications(deps)
  const published = await publishedPolicyVersions(deps)
  const { activeMembers, shares } = await consentShares(deps, deps.clock.now() - ACTIVE_MEMBER_DAYS * DAY_MS)
  return Promise.all(
    POLICY_DOCUMENT_IDS.map(async (document) => {
      const publications = await Promise.all(
        (await listPublications(deps, document)).map(async (p) => ({
          ...p,
          publisher: p.publishedBy === 'admin' ? await publisherOf(ctx, myRef, p.id) : null,
        })),
      )
      const at = new Map(publications.map((p) => [p.version, p.publishedAt]))
      const edition = editions[document]
      const newer = edition.changes.filter((c) => compareVersions(c.version, published[document]) > 0)
      return {
        document,
        title: edition.title,
        published: published[document],
        versions: edition.changes.map((c) => ({
          version: c.version,
          date: c.date,
          material: c.material,
          summary: c.summary,
          publishedAt: at.get(c.version) ?? null,
        })),
        publications,
        // The newest of the newer editions: publishing it covers the ones between.
        publishable: newer[0]?.version ?? null,
        activeMembers,
        shares: shares[document],
      }
    }),
  )
}

export async function publishPolicyVersion(
  ctx: ActionContext,
  input: v.InferOutput<typeof PublishPolicyVersionInput>,
): Promise<PolicyPublication> {
  const actor = await adminRef(ctx, '发布政策版本')
  const before = (await publishedPolicyVersions(ctx.deps))[input.document]
  const { created, publication } = await publishPolicy(ctx.deps, input.document, input.version)
  if (created) {
    await appendAudit(ctx.deps, {
      actor,
      action: 'publishPolicy',
      target: { kind: 'policy', id: publication.id },
      before: `${input.document}:${before}`,
      after: `${input.document}:${publication.version}`,
      note: publication.summary.join('\n').slice(0, 200),
    })
  }
  const publisher = created
    ? actor
    : publication.publishedBy === 'admin'
      ? await publisherOf(ctx, actor, publication.id)
      : null
  return { ...publication, publisher }
}
