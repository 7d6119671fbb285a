import { useCallback, useState } from 'react'
import type { CategorySpec, ConsoleCategory, PolicyDocumentId, PolicyDocumentState } from '@shared/contracts'
import { useSession } from '@/features/auth'
import { useLoaded, type Loaded } from '@/features/privacy/use-loaded'
import { api } from '@/services/api'
import { toApiError } from '@/services/api-error'
import type { DataKind } from '@/services/data-changes'
import { useAttempts, type Attempts } from './use-attempt'

export interface ConsoleLoaded<T> extends Loaded<T> {
  /** The server refused: the caller has no moderation role. */
  refused: boolean
}

/**
 * A console page's one read, for a member: loading, the data or an error, and whether the server said the
 * caller is no moderator (the page then says so instead of offering 重试).
 */
export function useConsoleLoaded<T>(load: () => Promise<T>, shows: readonly DataKind[]): ConsoleLoaded<T> {
  const session = useSession()
  const [refused, setRefused] = useState(false)
  const guarded = useCallback(async () => {
    try {
      const answer = await load()
      setRefused(false)
      return answer
    } catch (thrown) {
      setRefused(toApiError(thrown).code === 'NOT_ALLOWED')
      throw thrown
    }
  }, [load])
  return { ...useLoaded(guarded, session !== null, shows), refused }
}

/** The id `busyId` and `actionError` use for the form that adds a category. */
export const NEW_CATEGORY = 'new'

export interface ConsoleCategoriesState extends ConsoleLoaded<ConsoleCategory[]>, Attempts {
  /** Adds (no `id`) or replaces a category's name and field spec. */
  save(spec: CategorySpec): Promise<boolean>
  move(id: string, direction: 'up' | 'down'): Promise<boolean>
  setHidden(id: string, hidden: boolean): Promise<boolean>
  remove(id: string): Promise<boolean>
}

const listAllCategories = () => api.moderation.listAllCategories()

/** 分类管理: every category, hidden ones too, and an admin's changes to them. */
export function useConsoleCategories(): ConsoleCategoriesState {
  const loaded = useConsoleLoaded(listAllCategories, ['categories'])
  const { busyId, actionError, attempt } = useAttempts(loaded.refresh)
  const save = useCallback(
    (spec: CategorySpec) => attempt(spec.id ?? NEW_CATEGORY, () => api.moderation.saveCategory(spec)),
    [attempt],
  )
  const move = useCallback(
    (id: string, direction: 'up' | 'down') => attempt(id, () => api.moderation.moveCategory({ id, direction })),
    [attempt],
  )
  const setHidden = useCallback(
    (id: string, hidden: boolean) => attempt(id, () => api.moderation.setCategoryHidden({ id, hidden })),
    [attempt],
  )
  const remove = useCallback((id: string) => attempt(id, () => api.moderation.deleteCategory({ id })), [attempt])
  return { ...loaded, busyId, actionError, attempt, save, move, setHidden, remove }
}

export interface PolicyVersionsState extends ConsoleLoaded<PolicyDocumentState[]>, Attempts {
  publish(document: PolicyDocumentId, version: string): Promise<boolean>
}

const listPolicyVersions = () => api.moderation.listPolicyVersions()

/** 政策版本: each document's editions, what is published, who agreed to which; an admin publishes. */
export function usePolicyVersions(): PolicyVersionsState {
  const loaded = useConsoleLoaded(listPolicyVersions, ['policy'])
  const { busyId, actionError, attempt } = useAttempts(loaded.refresh)
  const publish = useCallback(
    (document: PolicyDocumentId, version: string) =>
      attempt(document, () => api.moderation.publishPolicyVersion({ document, version })),
    [attempt],
  )
  return { ...loaded, busyId, actionError, attempt, publish }
}
