import { useCallback, useEffect, useRef, useState } from 'react'
import type { Category } from '@shared/contracts'
import { useNetworkAllowed } from '@/features/consent'
import { useReloadWhenChanged } from '@/features/paging'
import { api } from '@/services/api'
import { toApiError, type ApiError } from '@/services/api-error'

const CATEGORY_DATA = ['categories'] as const

export interface CategoriesState {
  categories: Category[]
  loading: boolean
  error: ApiError | null
  reload(): Promise<void>
}

/**
 * Categories are data, not code: the tabs come from the server, in the order it gives them. Not asked
 * for before the user has answered the consent dialog. Read again when shown after 分类管理 changed them.
 */
export function useCategories(): CategoriesState {
  const allowed = useNetworkAllowed()
  const [categories, setCategories] = useState<Category[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ApiError | null>(null)
  const mounted = useRef(true)
  const reloadRef = useRef<() => Promise<void>>(() => Promise.resolve())
  const fresh = useReloadWhenChanged(CATEGORY_DATA, () => reloadRef.current())

  const load = useCallback(async () => {
    if (!allowed) return
    fresh.markLoaded()
    setLoading(true)
    setError(null)
    try {
      const list = await api.listings.listCategories()
      if (!mounted.current) return
      setCategories([...list].sort((a, b) => a.order - b.order))
    } catch (e) {
      if (mounted.current) setError(toApiError(e))
    } finally {
      if (mounted.current) setLoading(false)
    }
  }, [allowed, fresh])
  reloadRef.current = load

  useEffect(() => {
    mounted.current = true
    void load()
    return () => {
      mounted.current = false
    }
  }, [load])

  return { categories, loading, error, reload: load }
}
