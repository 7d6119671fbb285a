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
export async function listCategories(deps: Pick<Deps, 'store'>): Promise<Category[]> {
  const { items } = await deps.store.find<CategoryDoc>(Collections.categories, {
    orderBy: [{ field: 'order', direction: 'asc' }],
    limit: 100,
  })
  return items.map(toCategory)
}

export async function categoriesById(deps: Pick<Deps, 'store'>): Promise<Map<string, Category>> {
  return new Map((await listCategories(deps)).map((c) => [c.id, c]))
}

export async function loadCategory(deps: Pick<Deps, 'store'>, id: string): Promise<Category> {
  const doc = await deps.store.get<CategoryDoc>(Collections.categories, id)
  if (!doc) throw new AppError(ErrorCode.InvalidInput, '请选择正确的分类', 'category')
  return toCategory(doc)
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
