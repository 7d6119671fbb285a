import { Collections } from './collections'
import { categoryIssues, type CategorisedContent } from '../../contracts/listing-rules'
import type { Category } from '../../contracts/listings'
import { AppError, ErrorCode } from '../../core/app-error'
import type { Deps } from '../../core/deps'
import { toCategory, type CategoryDoc } from './listing'

/**
 * Categories are data: each declares which listing fields it shows and requires, and fields of its own.
 * Publishing and editing check a listing against its category's declaration, so a category inserted into
 * the database (a new document, no code) is enforced the moment it exists.
 */
export async function listAllCategories(deps: Pick<Deps, 'store'>): Promise<Category[]> {
  const { items } = await deps.store.find<CategoryDoc>(Collections.categories, {
    orderBy: [{ field: 'order', direction: 'asc' }],
    limit: 100,
  })
  return items.map(toCategory)
}

/** The feed tabs and the publish form's choice: the categories not hidden, in order. */
export async function listCategories(deps: Pick<Deps, 'store'>): Promise<Category[]> {
  return (await listAllCategories(deps)).filter((c) => !c.hidden)
}

/** Every category, hidden ones too: listings in a hidden category keep their category's name. */
export async function categoriesById(deps: Pick<Deps, 'store'>): Promise<Map<string, Category>> {
  return new Map((await listAllCategories(deps)).map((c) => [c.id, c]))
}

/**
 * The category content is checked against. A hidden one takes no new listings, but a listing already in
 * it (`current`) can still be edited.
 */
export async function loadCategory(
  deps: Pick<Deps, 'store'>,
  id: string,
  current: string | null = null,
): Promise<Category> {
  const doc = await deps.store.get<CategoryDoc>(Collections.categories, id)
  if (!doc) throw new AppError(ErrorCode.InvalidInput, '请选择正确的分类', 'category')
  const category = toCategory(doc)
  if (category.hidden && id !== current) {
    throw new AppError(ErrorCode.InvalidInput, '该分类已停止发布，请选择其他分类', 'category')
  }
  return category
}

/**
 * Refuses, naming the field, the first way the content breaks its category's declaration (the shared
 * `categoryIssues` rules the publish form shows too). Returns the category's own fields with empty ones
 * dropped.
 */
export function assertMatchesCategory(category: Category, content: CategorisedContent): Record<string, string> {
  const [issue] = categoryIssues(category, content)
  if (issue) throw new AppError(ErrorCode.InvalidInput, issue.message, issue.field)
  return Object.fromEntries(Object.entries(content.extra).filter(([, value]) => value !== ''))
}
