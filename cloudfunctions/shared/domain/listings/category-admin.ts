import { randomBytes } from 'node:crypto'
import { Collections } from './collections'
import type { CategorySpec, ConsoleCategory } from '../../contracts/console'
import type { Category } from '../../contracts/listings'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { listAllCategories } from './categories'
import { toCategory, type CategoryDoc } from './listing'

/**
 * 分类管理: an admin's changes to the categories (the console's part of the moderation function does the
 * role check and the audit). Each change answers the category before and after, for the audit log. The
 * feed and the publish form read the categories on every request, so a change counts from the next one
 * (the server's feed cache ends with every write to the collection).
 */
export type CategoryChange = { before: Category | null; after: Category | null }

const NOT_FOUND = '该分类不存在或已删除'

async function listingCount(deps: Pick<Deps, 'store'>, id: string): Promise<number> {
  return deps.store.count(Collections.listings, { category: id })
}

async function withCount(deps: Pick<Deps, 'store'>, category: Category): Promise<ConsoleCategory> {
  return { ...category, listingCount: await listingCount(deps, category.id) }
}

export async function listConsoleCategories(deps: Pick<Deps, 'store'>): Promise<ConsoleCategory[]> {
  return Promise.all((await listAllCategories(deps)).map((c) => withCount(deps, c)))
}

export async function consoleCategory(deps: Pick<Deps, 'store'>, id: string): Promise<ConsoleCategory> {
  const doc = await deps.store.get<CategoryDoc>(Collections.categories, id)
  if (!doc) throw new AppError(ErrorCode.NotFound, NOT_FOUND)
  return withCount(deps, toCategory(doc))
}

async function loadDoc(deps: Pick<Deps, 'store'>, id: string): Promise<CategoryDoc> {
  const doc = await deps.store.get<CategoryDoc>(Collections.categories, id)
  if (!doc) throw new AppError(ErrorCode.NotFound, NOT_FOUND)
  return doc
}

function assertNameFree(all: Category[], name: string, id: string | undefined): void {
  if (all.some((c) => c.name === name && c.id !== id)) {
    throw new AppError(ErrorCode.InvalidInput, '已有同名的分类', 'name')
  }
}

/** Adds a category (placed last, shown) or replaces an existing one's name and field spec. */
export async function saveCategory(deps: Pick<Deps, 'store'>, spec: CategorySpec): Promise<CategoryChange> {
  const all = await listAllCategories(deps)
  assertNameFree(all, spec.name, spec.id)
  const declaration = { name: spec.name, fields: spec.fields, extraFields: spec.extraFields }
  if (spec.id === undefined) {
    const doc: CategoryDoc = {
      _id: `c-${randomBytes(5).toString('hex')}`,
      ...declaration,
      order: Math.max(0, ...all.map((c) => c.order)) + 1,
      hidden: false,
    }
    await deps.store.insert(Collections.categories, doc)
    return { before: null, after: toCategory(doc) }
  }
  const before = await loadDoc(deps, spec.id)
  await deps.store.update(Collections.categories, spec.id, declaration)
  return { before: toCategory(before), after: toCategory({ ...before, ...declaration }) }
}

/**
 * Swaps the category with its neighbour in the tabs' order; the orders are renumbered 1…n on the way, so
 * categories added by hand with equal orders end up distinct. Answers the new order.
 */
export async function moveCategory(
  deps: Pick<Deps, 'store'>,
  id: string,
  direction: 'up' | 'down',
): Promise<CategoryChange & { moved: boolean }> {
  const all = await listAllCategories(deps)
  const index = all.findIndex((c) => c.id === id)
  if (index < 0) throw new AppError(ErrorCode.NotFound, NOT_FOUND)
  const other = direction === 'up' ? index - 1 : index + 1
  if (other < 0 || other >= all.length) return { before: all[index]!, after: all[index]!, moved: false }
  const order = [...all]
  ;[order[index], order[other]] = [order[other]!, order[index]!]
  for (const [i, category] of order.entries()) {
    if (category.order !== i + 1) await deps.store.update(Collections.categories, category.id, { order: i + 1 })
  }
  return { before: all[index]!, after: { ...all[index]!, order: other + 1 }, moved: true }
}

export async function setCategoryHidden(
  deps: Pick<Deps, 'store'>,
  id: string,
  hidden: boolean,
): Promise<CategoryChange> {
  const before = await loadDoc(deps, id)
  if (before.hidden !== hidden) await deps.store.update(Collections.categories, id, { hidden })
  return { before: toCategory(before), after: toCategory({ ...before, hidden }) }
}

/** Only a category no listing uses (in any state, withheld or deleted-pending ones too) can go. */
export async function deleteCategory(deps: Pick<Deps, 'store'>, id: string): Promise<CategoryChange> {
  const before = await loadDoc(deps, id)
  const used = await listingCount(deps, id)
  if (used > 0) {
    throw new AppError(
      ErrorCode.Conflict,
      `该分类下还有 ${used} 条信息，不能删除；可以将它隐藏，已有信息不受影响`,
      'id',
    )
  }
  await deps.store.delete(Collections.categories, id)
  return { before: toCategory(before), after: null }
}
